#include <evented/inspector/entitiesmodel.h>
#include <evented/inspector/storereader.h>

#include "modelhelpers.h"

#include <QFontDatabase>

#include <algorithm>

namespace Evented::Inspector {

EntitiesModel::EntitiesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EntitiesModel::setQuery(StoreReader *reader, const QString &typeName, const QString &idPrefix)
{
    m_reader = reader;
    m_query.typeName = typeName;
    m_query.idPrefix = idPrefix.trimmed().toLower();
    reload();
}

void EntitiesModel::reload()
{
    // A new query: replies to the one before are dropped when they come.
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_complete = !m_reader || m_query.typeName.isEmpty();
    endResetModel();
    if (!m_complete)
        fetchMore({});
}

void EntitiesModel::reindex(int from, int to)
{
    for (int row = from; row <= to && row < m_rows.size(); ++row)
        m_rowOf.insert(m_rows.at(row).id, row);
}

bool EntitiesModel::sortsBefore(const EntitySummary &a, const EntitySummary &b) const
{
    // The database's orders: a uuid compares by its bytes, as its lowercase text does.
    const auto key = [this](const EntitySummary &e) {
        switch (m_query.sortBy) {
        case EntityQuery::SortBy::Version: return std::make_pair(e.version, e.id.toRfc4122());
        case EntityQuery::SortBy::LastChange: return std::make_pair(e.lastSeqNo, QByteArray());
        case EntityQuery::SortBy::Id: break;
        }
        return std::make_pair(qint64(0), e.id.toRfc4122());
    };
    return m_query.order == Qt::AscendingOrder ? key(a) < key(b) : key(b) < key(a);
}

int EntitiesModel::placeOf(const EntitySummary &entity, int except) const
{
    // The rows are sorted (row \a except by its old key): a binary search, then the row that
    // moves away no longer counts.
    const int place = int(std::lower_bound(m_rows.begin(), m_rows.end(), entity,
                                           [this](const EntitySummary &a, const EntitySummary &b) {
                                               return sortsBefore(a, b);
                                           })
                          - m_rows.begin());
    return except >= 0 && except < place ? place - 1 : place;
}

bool EntitiesModel::isPast(const QUuid &id) const
{
    if (m_query.sortBy != EntityQuery::SortBy::Id || m_rows.isEmpty())
        return false;
    EntitySummary probe;
    probe.id = id;
    return sortsBefore(probe, m_rows.last());
}

bool EntitiesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void EntitiesModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete || !m_reader || isFetching())
        return;
    m_fetching = m_generation;
    m_query.after = m_rows.isEmpty() ? std::nullopt : std::optional(m_rows.last());
    const quint64 generation = m_generation;
    m_reader
        ->run<Result<QList<EntitySummary>>>([query = m_query](EventStore &store) { return reader(&store).entityPage(query); }, this, [this, generation](const Result<QList<EntitySummary>> &page) { pageArrived(generation, page); });
}

void EntitiesModel::pageArrived(quint64 generation, const Result<QList<EntitySummary>> &page)
{
    if (generation != m_generation)
        return; // for a query that was replaced
    m_fetching = 0;
    m_arrived = generation;
    if (!page) {
        m_complete = true;
        Q_EMIT failed(page.error(), QPrivateSignal());
        Q_EMIT fetched(QPrivateSignal());
        return;
    }
    m_complete = page->size() < m_query.limit;
    // An entity that changed since it was listed can come again under its new sort key.
    QList<EntitySummary> fresh;
    for (const EntitySummary &entity : page.value()) {
        if (!m_rowOf.contains(entity.id))
            fresh.append(entity);
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_rows += fresh;
        reindex(first, int(m_rows.size()) - 1);
        endInsertRows();
    }
    Q_EMIT fetched(QPrivateSignal());
}

void EntitiesModel::sort(int column, Qt::SortOrder order)
{
    const EntityQuery::SortBy by = column == Version      ? EntityQuery::SortBy::Version
                                   : column == LastChange ? EntityQuery::SortBy::LastChange
                                                          : EntityQuery::SortBy::Id;
    if (by == m_query.sortBy && order == m_query.order)
        return;
    m_query.sortBy = by;
    m_query.order = order;
    reload();
}

void EntitiesModel::add(const QList<RecordedEvent> &events)
{
    if (m_arrived != m_generation)
        return; // the first page, read after these events, holds them
    for (const RecordedEvent &event : events) {
        if (event.typeName != m_query.typeName || !event.entityId.toString(QUuid::WithoutBraces).startsWith(m_query.idPrefix))
            continue;
        const int row = rowOf(event.entityId);
        if (row >= 0 && event.version <= m_rows.at(row).version)
            continue;
        const EntitySummary entity{event.typeName, event.entityId, event.version, event.seqNo, event.recordedAt};
        // Where the order puts it now; past the loaded rows it is left to a later page.
        const int place = placeOf(entity, row);
        const int loaded = int(m_rows.size()) - (row >= 0 ? 1 : 0);
        const bool shown = place < loaded || m_complete;
        if (row < 0) {
            if (!shown)
                continue;
            beginInsertRows({}, place, place);
            m_rows.insert(place, entity);
            reindex(place, int(m_rows.size()) - 1);
            endInsertRows();
        } else if (!shown) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            m_rowOf.remove(entity.id);
            reindex(row, int(m_rows.size()) - 1);
            endRemoveRows();
        } else {
            m_rows[row] = entity;
            if (place != row) {
                // A move keeps the selection on the entity.
                beginMoveRows({}, row, row, {}, place > row ? place + 1 : place);
                m_rows.move(row, place);
                reindex(std::min(row, place), std::max(row, place));
                endMoveRows();
            }
            Q_EMIT dataChanged(index(place, Version), index(place, LastChange));
        }
    }
}

int EntitiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EntitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntitiesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EntitySummary &entity = m_rows.at(index.row());
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
