#include <evented/inspector/entitiesmodel.h>
#include <evented/inspector/storereader.h>

#include "modelhelpers.h"

#include <QFontDatabase>
#include <QHash>
#include <QPointer>

#include <algorithm>

namespace Evented::Inspector {

class EntitiesModelPrivate
{
public:
    QPointer<StoreReader> reader;
    EntityQuery query;
    QList<EntitySummary> rows;
    QHash<QUuid, int> rowOf;
    bool complete = true;
    quint64 generation = 1; //!< counts the queries: a reply of another is stale
    quint64 fetching = 0;   //!< the query whose next page is on its way
    quint64 arrived = 0;    //!< the query whose first page has arrived
};

EntitiesModel::EntitiesModel(QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<EntitiesModelPrivate>())
{
}

EntitiesModel::~EntitiesModel() = default;

QString EntitiesModel::typeName() const
{
    Q_D(const EntitiesModel);
    return d->query.typeName;
}

void EntitiesModel::setPageSize(int entities)
{
    Q_D(EntitiesModel);
    d->query.limit = entities;
}

const EntitySummary &EntitiesModel::entity(int row) const
{
    Q_D(const EntitiesModel);
    return d->rows.at(row);
}

int EntitiesModel::rowOf(const QUuid &id) const
{
    Q_D(const EntitiesModel);
    return d->rowOf.value(id, -1);
}

bool EntitiesModel::isFetching() const
{
    Q_D(const EntitiesModel);
    return d->fetching == d->generation;
}

void EntitiesModel::setQuery(StoreReader *reader, const QString &typeName, const QString &idPrefix)
{
    Q_D(EntitiesModel);
    d->reader = reader;
    d->query.typeName = typeName;
    d->query.idPrefix = idPrefix.trimmed().toLower();
    reload();
}

void EntitiesModel::reload()
{
    Q_D(EntitiesModel);
    // A new query: replies to the one before are dropped when they come.
    ++d->generation;
    beginResetModel();
    d->rows.clear();
    d->rowOf.clear();
    d->complete = !d->reader || d->query.typeName.isEmpty();
    endResetModel();
    if (!d->complete)
        fetchMore({});
}

void EntitiesModel::reindex(int from, int to)
{
    Q_D(EntitiesModel);
    for (int row = from; row <= to && row < d->rows.size(); ++row)
        d->rowOf.insert(d->rows.at(row).id, row);
}

bool EntitiesModel::sortsBefore(const EntitySummary &a, const EntitySummary &b) const
{
    Q_D(const EntitiesModel);
    // The database's orders: a uuid compares by its bytes, as its lowercase text does.
    const auto key = [d](const EntitySummary &e) {
        switch (d->query.sortBy) {
        case EntityQuery::SortBy::Version: return std::make_pair(e.version, e.id.toRfc4122());
        case EntityQuery::SortBy::LastChange: return std::make_pair(e.lastSeqNo, QByteArray());
        case EntityQuery::SortBy::Id: break;
        }
        return std::make_pair(qint64(0), e.id.toRfc4122());
    };
    return d->query.order == Qt::AscendingOrder ? key(a) < key(b) : key(b) < key(a);
}

int EntitiesModel::placeOf(const EntitySummary &entity, int except) const
{
    Q_D(const EntitiesModel);
    // The rows are sorted (row \a except by its old key): a binary search, then the row that
    // moves away no longer counts.
    const int place = int(std::lower_bound(d->rows.begin(), d->rows.end(), entity,
                                           [this](const EntitySummary &a, const EntitySummary &b) {
                                               return sortsBefore(a, b);
                                           })
                          - d->rows.begin());
    return except >= 0 && except < place ? place - 1 : place;
}

bool EntitiesModel::isPast(const QUuid &id) const
{
    Q_D(const EntitiesModel);
    if (d->query.sortBy != EntityQuery::SortBy::Id || d->rows.isEmpty())
        return false;
    EntitySummary probe;
    probe.id = id;
    return sortsBefore(probe, d->rows.last());
}

bool EntitiesModel::canFetchMore(const QModelIndex &parent) const
{
    Q_D(const EntitiesModel);
    return !parent.isValid() && !d->complete;
}

void EntitiesModel::fetchMore(const QModelIndex &parent)
{
    Q_D(EntitiesModel);
    if (parent.isValid() || d->complete || !d->reader || isFetching())
        return;
    d->fetching = d->generation;
    d->query.after = d->rows.isEmpty() ? std::nullopt : std::optional(d->rows.last());
    const quint64 generation = d->generation;
    d->reader
        ->run<Result<QList<EntitySummary>>>([query = d->query](EventStore &store) { return reader(&store).entityPage(query); }, this, [this, generation](const Result<QList<EntitySummary>> &page) { pageArrived(generation, page); });
}

void EntitiesModel::pageArrived(quint64 generation, const Result<QList<EntitySummary>> &page)
{
    Q_D(EntitiesModel);
    if (generation != d->generation)
        return; // for a query that was replaced
    d->fetching = 0;
    d->arrived = generation;
    if (!page) {
        d->complete = true;
        Q_EMIT failed(page.error(), QPrivateSignal());
        Q_EMIT fetched(QPrivateSignal());
        return;
    }
    d->complete = page->size() < d->query.limit;
    // An entity that changed since it was listed can come again under its new sort key.
    QList<EntitySummary> fresh;
    for (const EntitySummary &entity : page.value()) {
        if (!d->rowOf.contains(entity.id))
            fresh.append(entity);
    }
    if (!fresh.isEmpty()) {
        const int first = int(d->rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        d->rows += fresh;
        reindex(first, int(d->rows.size()) - 1);
        endInsertRows();
    }
    Q_EMIT fetched(QPrivateSignal());
}

void EntitiesModel::sort(int column, Qt::SortOrder order)
{
    Q_D(EntitiesModel);
    const EntityQuery::SortBy by = column == Version      ? EntityQuery::SortBy::Version
                                   : column == LastChange ? EntityQuery::SortBy::LastChange
                                                          : EntityQuery::SortBy::Id;
    if (by == d->query.sortBy && order == d->query.order)
        return;
    d->query.sortBy = by;
    d->query.order = order;
    reload();
}

void EntitiesModel::add(const QList<RecordedEvent> &events)
{
    Q_D(EntitiesModel);
    if (d->arrived != d->generation)
        return; // the first page, read after these events, holds them
    for (const RecordedEvent &event : events) {
        if (event.typeName != d->query.typeName || !event.entityId.toString(QUuid::WithoutBraces).startsWith(d->query.idPrefix))
            continue;
        const int row = rowOf(event.entityId);
        if (row >= 0 && event.version <= d->rows.at(row).version)
            continue;
        const EntitySummary entity{event.typeName, event.entityId, event.version, event.seqNo, event.recordedAt};
        // Where the order puts it now; past the loaded rows it is left to a later page.
        const int place = placeOf(entity, row);
        const int loaded = int(d->rows.size()) - (row >= 0 ? 1 : 0);
        const bool shown = place < loaded || d->complete;
        if (row < 0) {
            if (!shown)
                continue;
            beginInsertRows({}, place, place);
            d->rows.insert(place, entity);
            reindex(place, int(d->rows.size()) - 1);
            endInsertRows();
        } else if (!shown) {
            beginRemoveRows({}, row, row);
            d->rows.removeAt(row);
            d->rowOf.remove(entity.id);
            reindex(row, int(d->rows.size()) - 1);
            endRemoveRows();
        } else {
            d->rows[row] = entity;
            if (place != row) {
                // A move keeps the selection on the entity.
                beginMoveRows({}, row, row, {}, place > row ? place + 1 : place);
                d->rows.move(row, place);
                reindex(std::min(row, place), std::max(row, place));
                endMoveRows();
            }
            Q_EMIT dataChanged(index(place, Version), index(place, LastChange));
        }
    }
}

int EntitiesModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const EntitiesModel);
    return parent.isValid() ? 0 : int(d->rows.size());
}

int EntitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntitiesModel::data(const QModelIndex &index, int role) const
{
    Q_D(const EntitiesModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EntitySummary &entity = d->rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return entity.id.toString(QUuid::WithoutBraces);
        case Version: return number(entity.version);
        case LastChange: return timeText(entity.lastChange);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() == Version) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::FontRole && index.column() == Id) {
        static const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return fixed;
    }
    return {};
}

QVariant EntitiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Id");
    case Version: return tr("Version");
    case LastChange: return tr("Last change");
    }
    return {};
}

} // namespace Evented::Inspector
