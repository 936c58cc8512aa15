#pragma once

#include <evented/eventlog.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

#include <memory>

namespace Evented::Inspector {

class EntitiesModelPrivate;
class StoreReader;

/*!
    The entities of one type, loaded a page at a time as the view scrolls: sorted by id each
    page costs the same however far down it is. Pages are read by a StoreReader and their
    rows inserted when they arrive; a page of an earlier query that arrives late is dropped.
*/
class EVENTED_INSPECTOR_EXPORT EntitiesModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EntitiesModel)
public:
    enum Column { Id, Version, LastChange, ColumnCount };
    explicit EntitiesModel(QObject *parent = nullptr);
    ~EntitiesModel() override;

    /*! Shows the entities of \a typeName whose id begins with \a idPrefix, read by \a reader; the first page follows. */
    void setQuery(StoreReader *reader, const QString &typeName, const QString &idPrefix = {});
    QString typeName() const;
    void setPageSize(int entities);
    const EntitySummary &entity(int row) const;
    int rowOf(const QUuid &id) const;
    /*! Sorted by id, whether \a id would be among the rows loaded so far (so no page holds it). */
    bool isPast(const QUuid &id) const;
    /*! Updates the rows of the entities \a events changes; adds those that belong to the loaded range. */
    void add(const QList<RecordedEvent> &events);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /*! A page is on its way. */
    bool isFetching() const;

Q_SIGNALS:
    void failed(const Evented::Error &error, QPrivateSignal);
    /*! A page of the current query arrived (or failed) and its rows are in. */
    void fetched(QPrivateSignal);

private:
    void reload();
    void pageArrived(quint64 generation, const Result<QList<EntitySummary>> &page);
    void reindex(int from, int to);
    bool sortsBefore(const EntitySummary &a, const EntitySummary &b) const;
    /*! The row \a entity belongs at among the rows other than \a except. */
    int placeOf(const EntitySummary &entity, int except) const;

    std::unique_ptr<EntitiesModelPrivate> d_ptr;
};

} // namespace Evented::Inspector
