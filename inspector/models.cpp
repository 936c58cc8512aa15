#include <evented/inspector/models.h>
#include <evented/inspector/storereader.h>
#include <evented/json.h>

#include <QColor>
#include <QFont>
#include <QFontDatabase>
#include <QLocale>

#include <algorithm>

namespace Evented::Inspector {

namespace {

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) : QString();
}

QVariant number(qint64 value)
{
    return QLocale().toString(value);
}

/*! The inspector reads the store as it is: an event that is not valid JSON is shown as its text. */
EventLog reader(EventStore *store)
{
    EventLog log(store);
    log.setKeepUndecodable(true);
    return log;
}

} // namespace

// EntityTypesModel

void EntityTypesModel::setStats(const StoreStats &stats, const Domain &domain)
{
    QList<TypeStats> types = stats.types;
    for (const EntityTypeInfo &info : domain.entityTypes()) {
        if (std::none_of(types.begin(), types.end(), [&info](const TypeStats &t) { return t.typeName == info.typeName; }))
            types.append({info.typeName, 0, 0});
    }
    std::sort(types.begin(), types.end(), [](const TypeStats &a, const TypeStats &b) { return a.typeName < b.typeName; });
    beginResetModel();
    m_types = types;
    m_head = stats.head;
    endResetModel();
}

void EntityTypesModel::clear()
{
    beginResetModel();
    m_types.clear();
    m_head = 0;
    endResetModel();
}

void EntityTypesModel::add(const QList<RecordedEvent> &events)
{
    for (const RecordedEvent &event : events) {
        int row = rowOf(event.typeName);
        if (row < 0) {
            row = int(std::lower_bound(m_types.begin(), m_types.end(), event.typeName,
                                       [](const TypeStats &t, const QString &name) { return t.typeName < name; })
                      - m_types.begin());
            beginInsertRows({}, row, row);
            m_types.insert(row, {event.typeName, 0, 0});
            endInsertRows();
        }
        TypeStats &type = m_types[row];
        ++type.events;
        if (event.version == 1)
            ++type.entities;
        Q_EMIT dataChanged(index(row, Entities), index(row, Events));
    }
}

QString EntityTypesModel::typeName(int row) const
{
    return row >= 0 && row < m_types.size() ? m_types.at(row).typeName : QString();
}

int EntityTypesModel::rowOf(const QString &typeName) const
{
    for (int row = 0; row < m_types.size(); ++row) {
        if (m_types.at(row).typeName == typeName)
            return row;
    }
    return -1;
}

int EntityTypesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

int EntityTypesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntityTypesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TypeStats &type = m_types.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Type: return type.typeName;
        case Entities: return number(type.entities);
        case Events: return number(type.events);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != Type) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant EntityTypesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Type: return tr("Entity type");
    case Entities: return tr("Entities");
    case Events: return tr("Events");
    }
    return {};
}

// EntitiesModel

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

// EventsModel

EventsModel::EventsModel(Order order, QObject *parent)
    : QAbstractTableModel(parent)
    , m_order(order)
{
}

/*! What a read of the reader's thread brings back. */
struct EventsModel::Reply
{
    QList<RecordedEvent> events;
    bool partial = false;
    bool whole = false; //!< no more pages
    Error error;
};

void EventsModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_reader = nullptr;
    m_filter = {};
    m_rows.clear();
    m_complete = true;
    m_partial = false;
    endResetModel();
}

void EventsModel::setFilter(StoreReader *reader, const EventFilter &filter, const Progress &progress)
{
    // A new filter: replies to the one before are dropped when they come.
    ++m_generation;
    beginResetModel();
    m_reader = reader;
    m_filter = filter;
    m_rows.clear();
    m_partial = false;
    m_complete = !reader;
    // A history loads whole (or until stopped), asked for here; the log page by page, the
    // first page at once.
    if (reader && m_order == Order::OldestFirst)
        m_loading = m_generation;
    endResetModel();
    if (!reader)
        return;
    if (m_order == Order::NewestFirst) {
        fetchMore({});
        return;
    }
    const quint64 generation = m_generation;
    reader->run<Reply>([filter, progress](EventStore &store) {
              Reply reply;
              reply.whole = true;
              reply.error = Evented::Inspector::reader(&store).read(filter, [&reply, &progress](const RecordedEvent &event) {
                  reply.events.append(event);
                  if (progress && reply.events.size() % 1000 == 0 && !progress(reply.events.size())) {
                      reply.partial = true;
                      return false;
                  }
                  return true;
              });
              return reply;
          }, this, [this, generation](const Reply &reply) { arrived(generation, reply); });
}

bool EventsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void EventsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete || !m_reader || isLoading() || m_order == Order::OldestFirst)
        return;
    m_loading = m_generation;
    const quint64 generation = m_generation;
    const qint64 before = m_rows.isEmpty() ? 0 : m_rows.last().seqNo;
    m_reader
        ->run<Reply>([filter = m_filter, before, limit = m_pageSize](EventStore &store) {
            Reply reply;
            Result<QList<RecordedEvent>> page = reader(&store).page(filter, before, limit);
            if (!page) {
                reply.error = page.error();
                reply.whole = true;
            } else {
                reply.events = std::move(page).value();
                reply.whole = reply.events.size() < limit;
            }
            return reply;
        }, this, [this, generation](const Reply &reply) { arrived(generation, reply); });
}

void EventsModel::arrived(quint64 generation, const Reply &reply)
{
    if (generation != m_generation)
        return; // for a filter that was replaced
    m_loading = 0;
    m_arrived = generation;
    m_complete = reply.whole;
    m_partial = reply.partial;
    // Live events may have come first: each event once.
    QList<RecordedEvent> fresh;
    fresh.reserve(reply.events.size());
    const qint64 last = m_rows.isEmpty() ? 0 : m_rows.last().seqNo;
    const bool newestFirst = m_order == Order::NewestFirst;
    for (const RecordedEvent &event : reply.events) {
        if (m_rows.isEmpty() || (newestFirst ? event.seqNo < last : event.seqNo > last))
            fresh.append(event);
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_rows += fresh;
        endInsertRows();
    }
    if (reply.error.isError())
        Q_EMIT failed(reply.error, QPrivateSignal());
    Q_EMIT loaded(QPrivateSignal());
}

void EventsModel::add(const QList<RecordedEvent> &events)
{
    if (!m_reader || m_partial || m_arrived != m_generation)
        return; // a stopped history ends where it stopped; the first read holds what came before it
    const bool newestFirst = m_order == Order::NewestFirst;
    for (const RecordedEvent &event : events) {
        if (!m_filter.matches(event))
            continue;
        const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), event.seqNo,
                                         [newestFirst](const RecordedEvent &e, qint64 seqNo) {
                                             return newestFirst ? e.seqNo > seqNo : e.seqNo < seqNo;
                                         });
        if (at != m_rows.end() && at->seqNo == event.seqNo)
            continue;
        const int row = int(at - m_rows.begin());
        if (row == m_rows.size() && !m_complete)
            continue;
        beginInsertRows({}, row, row);
        m_rows.insert(row, event);
        endInsertRows();
    }
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecordedEvent &event = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqNo: return number(event.seqNo);
        case Type: return event.typeName;
        case EntityId: return event.entityId.toString(QUuid::WithoutBraces);
        case Version: return number(event.version);
        case EventName: return event.eventName;
        case RecordedAt: return timeText(event.recordedAt);
        case Metadata: return event.metadata.isNull() ? QString() : QString::fromUtf8(Json::compact(event.metadata));
        }
    } else if (role == Qt::TextAlignmentRole && (index.column() == SeqNo || index.column() == Version)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqNo: return tr("Seq no");
    case Type: return tr("Type");
    case EntityId: return tr("Entity");
    case Version: return tr("Version");
    case EventName: return tr("Event");
    case RecordedAt: return tr("Recorded at");
    case Metadata: return tr("Metadata");
    }
    return {};
}

// ProjectionsModel

void ProjectionsModel::setStates(const QList<ProjectionState> &states)
{
    const bool sameNames = std::equal(states.begin(), states.end(), m_states.begin(), m_states.end(),
                                      [](const ProjectionState &a, const ProjectionState &b) { return a.name == b.name; });
    if (sameNames) {
        m_states = states;
        if (!m_states.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_states = states;
        endResetModel();
    }
}

void ProjectionsModel::clear()
{
    beginResetModel();
    m_states.clear();
    endResetModel();
}

int ProjectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_states.size());
}

int ProjectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProjectionState &state = m_states.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return state.name;
        case Status: return ProjectionState::statusText(state.status);
        case Position: return number(state.seqNo);
        case Lag: return number(state.lag);
        case WaitingOn:
            return state.waitingOnPid ? tr("pid %1 since %2").arg(state.waitingOnPid).arg(timeText(state.waitingSince))
                                      : QString();
        case Owner: return state.owner;
        case Error:
            return state.error.isEmpty() ? QString() : tr("at %1: %2").arg(state.errorSeqNo).arg(state.error);
        case Updated: return timeText(state.updatedAt);
        }
    } else if (role == Qt::TextAlignmentRole && (index.column() == Position || index.column() == Lag)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole && state.status == ProjectionState::Status::Failed) {
        return QColor(Qt::red);
    }
    return {};
}

QVariant ProjectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Projection");
    case Status: return tr("State");
    case Position: return tr("Position");
    case Lag: return tr("Lag");
    case WaitingOn: return tr("Waiting on");
    case Owner: return tr("Owner");
    case Error: return tr("Error");
    case Updated: return tr("Updated");
    }
    return {};
}

} // namespace Evented::Inspector
