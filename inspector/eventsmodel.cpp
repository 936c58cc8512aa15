#include <evented/inspector/eventsmodel.h>
#include <evented/inspector/storereader.h>
#include <evented/json.h>

#include "modelhelpers.h"

#include <QPointer>

#include <algorithm>

namespace Evented::Inspector {

class EventsModelPrivate
{
public:
    explicit EventsModelPrivate(EventsModel::Order order)
        : order(order)
    {
    }

    EventsModel::Order order;
    QPointer<StoreReader> reader;
    EventFilter filter;
    QList<RecordedEvent> rows;
    int pageSize = 500;
    bool complete = true;
    bool partial = false;
    quint64 generation = 1; //!< counts the filters: a reply to another is stale
    quint64 loading = 0;    //!< the filter whose rows are on their way
    quint64 arrived = 0;    //!< the filter whose first rows have arrived
};

EventsModel::EventsModel(Order order, QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<EventsModelPrivate>(order))
{
}

EventsModel::~EventsModel() = default;

bool EventsModel::isLoading() const
{
    Q_D(const EventsModel);
    return d->loading == d->generation;
}

bool EventsModel::isPartial() const
{
    Q_D(const EventsModel);
    return d->partial;
}

const EventFilter &EventsModel::filter() const
{
    Q_D(const EventsModel);
    return d->filter;
}

const RecordedEvent &EventsModel::event(int row) const
{
    Q_D(const EventsModel);
    return d->rows.at(row);
}

const QList<RecordedEvent> &EventsModel::events() const
{
    Q_D(const EventsModel);
    return d->rows;
}

void EventsModel::setPageSize(int events)
{
    Q_D(EventsModel);
    d->pageSize = events;
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
    Q_D(EventsModel);
    ++d->generation;
    beginResetModel();
    d->reader = nullptr;
    d->filter = {};
    d->rows.clear();
    d->complete = true;
    d->partial = false;
    endResetModel();
}

void EventsModel::setFilter(StoreReader *reader, const EventFilter &filter, const Progress &progress)
{
    Q_D(EventsModel);
    // A new filter: replies to the one before are dropped when they come.
    ++d->generation;
    beginResetModel();
    d->reader = reader;
    d->filter = filter;
    d->rows.clear();
    d->partial = false;
    d->complete = !reader;
    // A history loads whole (or until stopped), asked for here; the log page by page, the
    // first page at once.
    if (reader && d->order == Order::OldestFirst)
        d->loading = d->generation;
    endResetModel();
    if (!reader)
        return;
    if (d->order == Order::NewestFirst) {
        fetchMore({});
        return;
    }
    const quint64 generation = d->generation;
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
    Q_D(const EventsModel);
    return !parent.isValid() && !d->complete;
}

void EventsModel::fetchMore(const QModelIndex &parent)
{
    Q_D(EventsModel);
    if (parent.isValid() || d->complete || !d->reader || isLoading() || d->order == Order::OldestFirst)
        return;
    d->loading = d->generation;
    const quint64 generation = d->generation;
    const qint64 before = d->rows.isEmpty() ? 0 : d->rows.last().seqNo;
    d->reader
        ->run<Reply>([filter = d->filter, before, limit = d->pageSize](EventStore &store) {
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
    Q_D(EventsModel);
    if (generation != d->generation)
        return; // for a filter that was replaced
    d->loading = 0;
    d->arrived = generation;
    d->complete = reply.whole;
    d->partial = reply.partial;
    // Live events may have come first: each event once.
    QList<RecordedEvent> fresh;
    fresh.reserve(reply.events.size());
    const qint64 last = d->rows.isEmpty() ? 0 : d->rows.last().seqNo;
    const bool newestFirst = d->order == Order::NewestFirst;
    for (const RecordedEvent &event : reply.events) {
        if (d->rows.isEmpty() || (newestFirst ? event.seqNo < last : event.seqNo > last))
            fresh.append(event);
    }
    if (!fresh.isEmpty()) {
        const int first = int(d->rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        d->rows += fresh;
        endInsertRows();
    }
    if (reply.error.isError())
        Q_EMIT failed(reply.error, QPrivateSignal());
    Q_EMIT loaded(QPrivateSignal());
}

void EventsModel::add(const QList<RecordedEvent> &events)
{
    Q_D(EventsModel);
    if (!d->reader || d->partial || d->arrived != d->generation)
        return; // a stopped history ends where it stopped; the first read holds what came before it
    const bool newestFirst = d->order == Order::NewestFirst;
    for (const RecordedEvent &event : events) {
        if (!d->filter.matches(event))
            continue;
        const auto at = std::lower_bound(d->rows.begin(), d->rows.end(), event.seqNo,
                                         [newestFirst](const RecordedEvent &e, qint64 seqNo) {
                                             return newestFirst ? e.seqNo > seqNo : e.seqNo < seqNo;
                                         });
        if (at != d->rows.end() && at->seqNo == event.seqNo)
            continue;
        const int row = int(at - d->rows.begin());
        if (row == d->rows.size() && !d->complete)
            continue;
        beginInsertRows({}, row, row);
        d->rows.insert(row, event);
        endInsertRows();
    }
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const EventsModel);
    return parent.isValid() ? 0 : int(d->rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    Q_D(const EventsModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecordedEvent &event = d->rows.at(index.row());
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
