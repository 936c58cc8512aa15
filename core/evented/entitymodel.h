#pragma once

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/eventstore.h>

#include <QAbstractListModel>
#include <QUuid>

#include <memory>

namespace Evented {

class EntityModelPrivate;

/*!
    A live list model of the entities of one type, in id order, with their state as the
    domain's code folds it: the roles \c id, \c version and one per field of the state (the
    fields of a new entity's state, as the type encodes it), and \c state for the whole of it.

    It reads on the store's worker thread (EventStore::runAsync()): a page of entities first,
    more as a view asks (canFetchMore(), fetchMore()). Events that any process commits reach it
    as they are committed (this store's own commits at once, other processes' at their
    notification or the next refreshInterval()): the entities they touch are folded again and
    change in place, and a new entity is inserted where its id sorts, when its place is among
    the rows read so far.
    \code
    auto *accounts = new Evented::EntityModel(&store, domain, "account");
    list->setModel(accounts); // roles: id, version, open, balance, currency, state
    \endcode
*/
class EVENTED_CORE_EXPORT EntityModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EntityModel)
    Q_PROPERTY(Evented::EventStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString entityType READ entityType WRITE setEntityType NOTIFY entityTypeChanged)
    Q_PROPERTY(int refreshInterval READ refreshInterval WRITE setRefreshInterval NOTIFY refreshIntervalChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(QStringList fields READ fields NOTIFY fieldsChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)

public:
    enum Role {
        IdRole = Qt::UserRole, //!< the entity's id as text, without braces
        VersionRole,           //!< its version
        StateRole,             //!< its whole state as a QVariantMap
        FirstFieldRole,        //!< the first field of the state; the next fields follow
    };
    Q_ENUM(Role)

    explicit EntityModel(QObject *parent = nullptr);
    /*! The entities of \a entityType in \a store (which must outlive the model), folded by \a domain. */
    EntityModel(EventStore *store, const Domain &domain, const QString &entityType, QObject *parent = nullptr);
    ~EntityModel() override;

    EventStore *store() const;
    void setStore(EventStore *store);
    const Domain &domain() const;
    void setDomain(const Domain &domain);
    QString entityType() const;
    void setEntityType(const QString &typeName);
    /*! How often other processes' commits are looked for where no notification tells (default 500 ms; 0: never). */
    int refreshInterval() const;
    void setRefreshInterval(int milliseconds);
    /*! How many entities the first read and each fetchMore() read (default 128). */
    int pageSize() const;
    void setPageSize(int rows);

    /*! The state's fields, one role each. */
    QStringList fields() const;
    int count() const;
    bool isReady() const;
    Error lastError() const;

    /*! Entity \a row as a map of role name to value (empty when out of range). */
    Q_INVOKABLE QVariantMap get(int row) const;
    /*! The row of the entity \a id, or -1 when it is not among the rows read. */
    Q_INVOKABLE int indexOf(const QUuid &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void storeChanged();
    void entityTypeChanged();
    void refreshIntervalChanged();
    void pageSizeChanged();
    void fieldsChanged();
    void countChanged();
    void readyChanged();
    /*! A read failed; the rows shown stay, and the next one tries again. */
    void errorOccurred(const Evented::Error &error);

private:
    std::unique_ptr<EntityModelPrivate> d_ptr;
};

} // namespace Evented
