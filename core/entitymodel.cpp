// The live model of one entity type's entities: pages of them folded on the store's worker, and
// the entities that committed events touch folded again there.

#include <evented/entitymodel.h>

#include <evented/eventlog.h>

#include "modelpoll_p.h"

#include <QFuture>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace Evented {

namespace {

/*! Committed events read per follow, at most, before the model shows what they changed. */
constexpr int followLimit = 5000;

struct EntityRow
{
    QUuid id;
    qint64 version = 0;
    QVariantMap state;
};

/*! What a read on the worker gave. */
struct EntityRead
{
    enum class Kind { First, More, Follow };
    Kind kind = Kind::First;
    quint64 generation = 0;
    CommitPosition position; //!< First and Follow: where following goes on
    QList<EntityRow> rows;   //!< First and More: the page; Follow: the entities touched
    std::optional<EntitySummary> last; //!< First and More: the page's last entity
    bool complete = false;
    Error error;
};

/*! The order the backends keep ids in: by their bytes (QUuid's own operator< looks at the variant first). */
bool idBefore(const QUuid &a, const QUuid &b)
{
    return a.toRfc4122() < b.toRfc4122();
}

/*! Folds entity \a id with \a domain's code; an error leaves the row without a state. */
EntityRow fold(EventStore &store, const Domain &domain, const QString &typeName, const QUuid &id, Error &error)
{
    EntityRow row{id, 0, {}};
    const Result<Domain::Replayed> replayed = domain.replay(store, typeName, id);
    if (!replayed) {
        error = replayed.error();
        return row;
    }
    row.version = replayed.value().version;
    row.state = replayed.value().state.toObject().toVariantMap();
    return row;
}

/*! A page of entities after \a after, folded. */
void readPage(EventStore &store, const Domain &domain, const QString &typeName, const std::optional<EntitySummary> &after,
              int limit, EntityRead &read)
{
    EntityQuery query;
    query.typeName = typeName;
    query.after = after;
    query.limit = limit;
    const Result<QList<EntitySummary>> page = EventLog(&store).entityPage(query);
    if (!page) {
        read.error = page.error();
        return;
    }
    for (const EntitySummary &summary : page.value())
        read.rows.append(fold(store, domain, typeName, summary.id, read.error));
    read.complete = page.value().size() < limit;
    read.last = page.value().isEmpty() ? after : std::optional<EntitySummary>(page.value().last());
}

} // namespace

class EntityModelPrivate
{
public:
    EntityModel *q_ptr;
    QPointer<EventStore> store;
    Domain domain;
    QString typeName;
    int pageSize = 128;
    QTimer poll;

    QStringList fields;
    QList<EntityRow> rows;
    std::optional<EntitySummary> last;
    CommitPosition position;
    bool complete = false;
    bool ready = false;
    Error lastError;

    quint64 generation = 0;
    bool reading = false;
    bool wantMore = false;
    bool wantFollow = false;
    QMetaObject::Connection committed;
    QMetaObject::Connection notified;

    Q_DECLARE_PUBLIC(EntityModel)

    explicit EntityModelPrivate(EntityModel *q)
        : q_ptr(q)
    {
        poll.setInterval(500);
        QObject::connect(&poll, &QTimer::timeout, q, [this] { request(EntityRead::Kind::Follow); });
    }

    int rowOf(const QUuid &id) const
    {
        const auto found = std::lower_bound(rows.cbegin(), rows.cend(), id,
                                            [](const EntityRow &row, const QUuid &id) { return idBefore(row.id, id); });
        return found != rows.cend() && found->id == id ? int(found - rows.cbegin()) : -1;
    }

    /*! Asks for a read of \a kind: now, or once the read under way is shown. */
    void request(EntityRead::Kind kind)
    {
        (kind == EntityRead::Kind::More ? wantMore : wantFollow) = true;
        next();
    }

    /*! Starts the read asked for, the first page before anything else. */
    void next()
    {
        if (reading || !store || typeName.isEmpty() || !domain.entityType(typeName))
            return;
        EntityRead::Kind kind = EntityRead::Kind::First;
        if (ready) {
            if (wantMore)
                kind = EntityRead::Kind::More;
            else if (wantFollow)
                kind = EntityRead::Kind::Follow;
            else
                return;
            (kind == EntityRead::Kind::More ? wantMore : wantFollow) = false;
        }
        reading = true;

        EntityRead read;
        read.kind = kind;
        read.generation = generation;
        read.position = position;
        read.last = last;
        EventStore *s = store;
        s->runAsync<EntityRead>([s, read, domain = domain, type = typeName, limit = pageSize]() mutable {
             if (read.kind == EntityRead::Kind::First) {
                 // The position first: what commits while the page is read is followed later.
                 const Result<CommitPosition> settled = EventLog(s).settledPosition();
                 if (!settled) {
                     read.error = settled.error();
                     return read;
                 }
                 read.position = settled.value();
             }
             if (read.kind != EntityRead::Kind::Follow) {
                 readPage(*s, domain, type, read.last, limit, read);
                 return read;
             }
             const Result<QList<RecordedEvent>> events = EventLog(s).readCommitted(read.position, followLimit);
             if (!events) {
                 read.error = events.error();
                 return read;
             }
             QList<QUuid> touched;
             QSet<QUuid> seen;
             for (const RecordedEvent &event : events.value()) {
                 if (event.typeName == type && !seen.contains(event.entityId)) {
                     seen.insert(event.entityId);
                     touched.append(event.entityId);
                 }
             }
             for (const QUuid &id : std::as_const(touched))
                 read.rows.append(fold(*s, domain, type, id, read.error));
             read.complete = events.value().size() < followLimit;
             return read;
         }).then(q_ptr, [this](const EntityRead &read) { received(read); });
    }

    void received(const EntityRead &read)
    {
        Q_Q(EntityModel);
        if (read.generation != generation)
            return;
        if (read.error.isError()) {
            lastError = read.error;
            Q_EMIT q->errorOccurred(lastError);
        } else {
            lastError = {};
        }
        // Until the rows are shown, reading stays set: a view that asks for more from a slot of
        // the model's signals asks for the page after these.
        switch (read.kind) {
        case EntityRead::Kind::First:
            if (read.error.isError() && read.rows.isEmpty())
                break; // the next poll tries again
            position = read.position;
            last = read.last;
            complete = read.complete;
            ready = true;
            wantFollow = true; // what committed while the page was read
            q->beginResetModel();
            rows = read.rows;
            q->endResetModel();
            Q_EMIT q->readyChanged();
            break;
        case EntityRead::Kind::More:
            last = read.last;
            complete = read.complete;
            if (!read.rows.isEmpty()) {
                q->beginInsertRows({}, int(rows.size()), int(rows.size() + read.rows.size()) - 1);
                rows.append(read.rows);
                q->endInsertRows();
            }
            break;
        case EntityRead::Kind::Follow:
            if (read.error.isError() && read.rows.isEmpty())
                break;
            position = read.position;
            if (!read.complete)
                wantFollow = true; // more was committed than one read takes
            for (const EntityRow &row : read.rows)
                show(row);
            break;
        }
        Q_EMIT q->countChanged();
        reading = false;
        if (!read.error.isError())
            next(); // after an error, the next poll tries again
    }

    /*! Puts \a row in place: changed where it is, inserted where its id sorts among the rows read. */
    void show(const EntityRow &row)
    {
        Q_Q(EntityModel);
        if (const int at = rowOf(row.id); at >= 0) {
            rows[at] = row;
            Q_EMIT q->dataChanged(q->index(at), q->index(at));
            return;
        }
        const auto place = std::lower_bound(rows.cbegin(), rows.cend(), row.id,
                                            [](const EntityRow &r, const QUuid &id) { return idBefore(r.id, id); });
        if (place == rows.cend() && !complete)
            return; // beyond the rows read: a later page has it
        const int at = int(place - rows.cbegin());
        q->beginInsertRows({}, at, at);
        rows.insert(at, row);
        q->endInsertRows();
    }

    void restart()
    {
        Q_Q(EntityModel);
        ++generation;
        reading = false;
        wantMore = wantFollow = false;
        QObject::disconnect(committed);
        QObject::disconnect(notified);
        const EntityTypeInfo *info = domain.entityType(typeName);
        QStringList fresh;
        if (info && info->newFolder)
            fresh = info->newFolder()->state().toObject().keys();
        q->beginResetModel();
        fields = fresh;
        rows.clear();
        last.reset();
        complete = false;
        const bool wasReady = ready;
        ready = false;
        q->endResetModel();
        Q_EMIT q->fieldsChanged();
        Q_EMIT q->countChanged();
        if (wasReady)
            Q_EMIT q->readyChanged();
        if (!store || !info) {
            poll.stop();
            return;
        }
        // This store's commits at once, other processes' at their notification or the poll.
        committed = QObject::connect(store, &EventStore::eventsCommitted, q, [this] { request(EntityRead::Kind::Follow); });
        if (store->listenForCommits())
            notified = QObject::connect(store, &EventStore::commitsNotified, q, [this] { request(EntityRead::Kind::Follow); });
        if (poll.interval() > 0)
            poll.start();
        next();
    }
};

EntityModel::EntityModel(QObject *parent)
    : QAbstractListModel(parent)
    , d_ptr(std::make_unique<EntityModelPrivate>(this))
{
}

EntityModel::EntityModel(EventStore *store, const Domain &domain, const QString &entityType, QObject *parent)
    : EntityModel(parent)
{
    Q_D(EntityModel);
    d->store = store;
    d->domain = domain;
    d->typeName = entityType;
    d->restart();
}

EntityModel::~EntityModel() = default;

EventStore *EntityModel::store() const
{
    return d_ptr->store;
}

void EntityModel::setStore(EventStore *store)
{
    Q_D(EntityModel);
    if (d->store == store)
        return;
    d->store = store;
    d->restart();
    Q_EMIT storeChanged();
}

const Domain &EntityModel::domain() const
{
    return d_ptr->domain;
}

void EntityModel::setDomain(const Domain &domain)
{
    Q_D(EntityModel);
    d->domain = domain;
    d->restart();
}

QString EntityModel::entityType() const
{
    return d_ptr->typeName;
}

void EntityModel::setEntityType(const QString &typeName)
{
    Q_D(EntityModel);
    if (d->typeName == typeName)
        return;
    d->typeName = typeName;
    d->restart();
    Q_EMIT entityTypeChanged();
}

int EntityModel::refreshInterval() const
{
    return d_ptr->poll.interval();
}

void EntityModel::setRefreshInterval(int milliseconds)
{
    Q_D(EntityModel);
    if (Detail::setPollInterval(d->poll, milliseconds, d->store && d->domain.entityType(d->typeName)))
        Q_EMIT refreshIntervalChanged();
}

int EntityModel::pageSize() const
{
    return d_ptr->pageSize;
}

void EntityModel::setPageSize(int rows)
{
    Q_D(EntityModel);
    rows = std::max(rows, 1);
    if (d->pageSize == rows)
        return;
    d->pageSize = rows;
    Q_EMIT pageSizeChanged();
}

QStringList EntityModel::fields() const
{
    return d_ptr->fields;
}

int EntityModel::count() const
{
    return int(d_ptr->rows.size());
}

bool EntityModel::isReady() const
{
    return d_ptr->ready;
}

Error EntityModel::lastError() const
{
    return d_ptr->lastError;
}

QVariantMap EntityModel::get(int row) const
{
    QVariantMap values;
    if (row < 0 || row >= rowCount())
        return values;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        values.insert(QString::fromUtf8(it.value()), data(index(row), it.key()));
    return values;
}

int EntityModel::indexOf(const QUuid &id) const
{
    return d_ptr->rowOf(id);
}

int EntityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(d_ptr->rows.size());
}

QVariant EntityModel::data(const QModelIndex &index, int role) const
{
    Q_D(const EntityModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EntityRow &row = d->rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return row.id.toString(QUuid::WithoutBraces);
    case VersionRole:
        return row.version;
    case StateRole:
        return row.state;
    default:
        break;
    }
    const int field = role - FirstFieldRole;
    if (field < 0 || field >= d->fields.size())
        return {};
    return row.state.value(d->fields.at(field));
}

QHash<int, QByteArray> EntityModel::roleNames() const
{
    Q_D(const EntityModel);
    QHash<int, QByteArray> names{
        {Qt::DisplayRole, "display"}, {IdRole, "id"}, {VersionRole, "version"}, {StateRole, "state"}};
    for (qsizetype i = 0; i < d->fields.size(); ++i)
        names.insert(FirstFieldRole + int(i), d->fields.at(i).toUtf8());
    return names;
}

bool EntityModel::canFetchMore(const QModelIndex &parent) const
{
    Q_D(const EntityModel);
    return !parent.isValid() && d->ready && !d->complete;
}

void EntityModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        d_ptr->request(EntityRead::Kind::More);
}

} // namespace Evented
