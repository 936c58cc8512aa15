#include <evented/inspector/eventsmodel.h>
#include <evented/inspector/storereader.h>
#include <evented/json.h>

#include "modelhelpers.h"

#include <algorithm>

namespace Evented::Inspector {

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

} // namespace Evented::Inspector
