#pragma once

#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/eventstore.h>
#include <evented/recordedevent.h>

#include <QAbstractTableModel>
#include <QStringList>
#include <QVariantMap>

#include <memory>

namespace Evented {

class ProjectionModelPrivate;

/*!
    A live item model over a projection's view table: one row per view row, in key order, one
    column (and one role, named after it) per table column.

    It reads on the store's worker thread (EventStore::runAsync()), never in the thread it lives
    in: the first page, then further pages as a view asks for them (canFetchMore(), fetchMore()).
    Whenever the projection's stored position moves, wherever the projection runs (this process
    or another), the rows read so far are read again and the differences reach the model as row
    insertions, changes and removals, applied a slice at a time so that the event loop keeps
    turning; never as a reset. Without a projection it reads again at every refreshInterval().

    Optimistic rows: expect() shows a row's expected values at once, marked pending (the role
    \c pending); settle() keeps them until the projection has passed the command's events and
    the row was read again, drop() takes them back. CommandRunner does both for a command.
    \code
    auto *model = new Evented::ProjectionModel(&store);
    model->setTable("accounts_view");
    model->setKeyColumns({"id"});
    model->setProjection("accounts");
    view->setModel(model);
    \endcode
*/
class EVENTED_CORE_EXPORT ProjectionModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(ProjectionModel)
    Q_PROPERTY(Evented::EventStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString table READ table WRITE setTable NOTIFY tableChanged)
    Q_PROPERTY(QStringList keyColumns READ keyColumns WRITE setKeyColumns NOTIFY keyColumnsChanged)
    Q_PROPERTY(QString projection READ projection WRITE setProjection NOTIFY projectionChanged)
    Q_PROPERTY(int refreshInterval READ refreshInterval WRITE setRefreshInterval NOTIFY refreshIntervalChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(QStringList columns READ columns NOTIFY columnsChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)

public:
    enum Role {
        PendingRole = Qt::UserRole, //!< true while the row shows values that expect() set
        FirstColumnRole,            //!< the first column's value; the next columns follow
    };
    Q_ENUM(Role)

    explicit ProjectionModel(QObject *parent = nullptr);
    /*! A model over \a store, which must outlive it. */
    explicit ProjectionModel(EventStore *store, QObject *parent = nullptr);
    ~ProjectionModel() override;

    EventStore *store() const;
    void setStore(EventStore *store);
    /*! The view table, as the projection names it (EventStore::tableName() qualifies it). */
    QString table() const;
    void setTable(const QString &table);
    /*! The columns that identify a row; the rows are in their order. By default the table's first column. */
    QStringList keyColumns() const;
    void setKeyColumns(const QStringList &columns);
    /*! The projection that writes the table: its position says when to read again. */
    QString projection() const;
    void setProjection(const QString &name);
    /*! How often the projection's position is looked at, in milliseconds (default 250; 0: never, refresh() only). */
    int refreshInterval() const;
    void setRefreshInterval(int milliseconds);
    /*! How many rows the first read and each fetchMore() read (default 256). */
    int pageSize() const;
    void setPageSize(int rows);

    /*! The table's columns, once the first read has returned. */
    QStringList columns() const;
    /*! The rows shown: those read so far and the pending rows that the view has not yet. */
    int count() const;
    /*! True once the first page is shown. */
    bool isReady() const;
    /*! The last read's error; no error when it succeeded. */
    Error lastError() const;

    /*! Row \a row as a map of column to value (empty when out of range), with \c pending. */
    Q_INVOKABLE QVariantMap get(int row) const;
    /*! The row whose key columns have the values of \a key, or -1. */
    Q_INVOKABLE int indexOf(const QVariantMap &key) const;

    /*!
        Shows \a values (which hold the key columns and the columns the command is expected to
        change) in the row with that key at once, marked pending; a key that is not in the view
        yet is shown as a pending row after the others. Returns a token for settle() or drop(),
        or 0 when \a values lacks a key column.
    */
    Q_INVOKABLE int expect(const QVariantMap &values);
    /*! The command of \a token appended \a events: the expected values stay until the projection
        has passed them and the row was read again, then the view's own values show. */
    void settle(int token, const QList<Evented::RecordedEvent> &events);
    /*! The command of \a token was rejected or failed: its expected values go at once. */
    Q_INVOKABLE void drop(int token);
    int pendingCount() const;

    /*! Reads the rows read so far again now (at once when no read is under way, else after it). */
    Q_INVOKABLE void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void storeChanged();
    void tableChanged();
    void keyColumnsChanged();
    void projectionChanged();
    void refreshIntervalChanged();
    void pageSizeChanged();
    void columnsChanged();
    void countChanged();
    void readyChanged();
    void pendingCountChanged();
    /*! A read was applied: the rows shown are the view's as of \a seqNo, the projection's position then. */
    void refreshed(qint64 seqNo);
    /*! A read failed; the rows shown stay, and the next one tries again. */
    void errorOccurred(const Evented::Error &error);

private:
    std::unique_ptr<ProjectionModelPrivate> d_ptr;
};

} // namespace Evented
