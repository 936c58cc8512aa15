#include <evented/commitfollower.h>
#include <evented/eventstore.h>

#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Evented {

namespace {

/*! Events a poll reads at a time. */
constexpr int pollPage = 1000;
/*! Notifications that come within this many milliseconds are read once. */
constexpr int notificationWindowMs = 50;

} // namespace

class CommitFollowerPrivate
{
public:
    CommitFollowerPrivate(CommitFollower *q, EventStore *store);
    /*!
        Delivers what of \a events was not delivered yet. \a inCommitOrder: they come from the
        commit-order read, which reaches each event once, possibly after another path did.
    */
    int deliver(const QList<RecordedEvent> &events, bool inCommitOrder);
    /*! This process's commit of \a events. */
    void committedHere(const QList<RecordedEvent> &events);
    void report(const Error &error);
    EventLog reader() const;

    CommitFollower *q;
    QPointer<EventStore> store;
    EventFilter filter;
    bool running = false;
    QTimer pollTimer;
    QTimer notifiedTimer; // coalesces commit notifications into one read

    // The commit-order read goes on from this position, so nothing committed is skipped,
    // however late. An event delivered before that read reached it (as this process's own,
    // as committed past the highest seq_no, or as committed past the position when it was
    // taken) is in deliveredAhead until the read reaches it, and is then passed over once.
    CommitPosition position;
    qint64 highest = 0;
    QSet<qint64> deliveredAhead;
};

CommitFollowerPrivate::CommitFollowerPrivate(CommitFollower *q, EventStore *store)
    : q(q)
    , store(store)
{
    pollTimer.setInterval(500);
    QObject::connect(&pollTimer, &QTimer::timeout, q, &CommitFollower::pollNow);
    notifiedTimer.setSingleShot(true);
    notifiedTimer.setInterval(notificationWindowMs);
    QObject::connect(&notifiedTimer, &QTimer::timeout, q, &CommitFollower::pollNow);
}

EventLog CommitFollowerPrivate::reader() const
{
    EventLog log(store);
    log.setKeepUndecodable(true); // a broken event is delivered as its text, and following goes on
    return log;
}

int CommitFollowerPrivate::deliver(const QList<RecordedEvent> &events, bool inCommitOrder)
{
    QList<RecordedEvent> fresh;
    for (const RecordedEvent &event : events) {
        const bool delivered = inCommitOrder ? deliveredAhead.remove(event.seqNo) : deliveredAhead.contains(event.seqNo);
        if (delivered)
            continue;
        if (!inCommitOrder)
            deliveredAhead.insert(event.seqNo);
        highest = std::max(highest, event.seqNo);
        if (filter.matches(event))
            fresh.append(event);
    }
    if (fresh.isEmpty())
        return 0;
    Q_EMIT q->eventsArrived(fresh, CommitFollower::QPrivateSignal());
    return int(fresh.size());
}

void CommitFollowerPrivate::committedHere(const QList<RecordedEvent> &events)
{
    // Right after what was delivered last, nothing else can have committed in between: the
    // events go out at once. Otherwise others committed since the last read, and a read
    // delivers theirs and then these, in commit order.
    if (!events.isEmpty() && events.first().seqNo == highest + 1)
        deliver(events, false);
    else
        q->pollNow();
}

void CommitFollowerPrivate::report(const Error &error)
{
    Q_EMIT q->errorOccurred(error, CommitFollower::QPrivateSignal());
}

CommitFollower::CommitFollower(EventStore *store, QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<CommitFollowerPrivate>(this, store))
{
}

CommitFollower::~CommitFollower() = default;

EventStore *CommitFollower::store() const
{
    return d_ptr->store;
}

Error CommitFollower::start()
{
    return start({});
}

Error CommitFollower::start(const std::function<Error()> &reads)
{
    Q_D(CommitFollower);
    // The position, what is committed past it and the highest seq_no from one snapshot, so
    // that the events committed from now on are exactly those not in it.
    const EventLog log = d->reader();
    CommitPosition position;
    QList<qint64> beyond;
    qint64 highest = 0;
    const Error error = log.inSnapshot([&]() -> Error {
        const Result<CommitPosition> settled = log.settledPosition(&beyond);
        if (!settled)
            return settled.error();
        position = settled.value();
        const Result<QList<RecordedEvent>> newest = log.page({}, 0, 1);
        if (!newest)
            return newest.error();
        if (!newest->isEmpty())
            highest = newest->first().seqNo;
        return reads ? reads() : Error();
    });
    if (error.isError())
        return error;

    stop();
    d->position = position;
    d->highest = highest;
    d->deliveredAhead = QSet<qint64>(beyond.begin(), beyond.end());
    d->running = true;
    // This process's commits at once; other processes' on their notification (PostgreSQL)
    // and by the poll. Every path goes through deliver().
    connect(d->store, &EventStore::eventsCommitted, this,
            [d](const QList<RecordedEvent> &events) { d->committedHere(events); });
    connect(d->store, &EventStore::commitsNotified, this, [d] { d->notifiedTimer.start(); });
    d->store->listenForCommits();
    if (d->pollTimer.interval() > 0)
        d->pollTimer.start();
    return {};
}

void CommitFollower::stop()
{
    Q_D(CommitFollower);
    if (d->store)
        disconnect(d->store, nullptr, this, nullptr);
    d->pollTimer.stop();
    d->notifiedTimer.stop();
    d->running = false;
    d->position = {};
    d->highest = 0;
    d->deliveredAhead.clear();
}

bool CommitFollower::isRunning() const
{
    return d_ptr->running;
}

void CommitFollower::setPollInterval(int milliseconds)
{
    Q_D(CommitFollower);
    d->pollTimer.setInterval(std::max(milliseconds, 0));
    if (milliseconds <= 0)
        d->pollTimer.stop();
    else if (d->running)
        d->pollTimer.start();
}

int CommitFollower::pollInterval() const
{
    return d_ptr->pollTimer.interval();
}

void CommitFollower::setFilter(const EventFilter &filter)
{
    d_ptr->filter = filter;
}

EventFilter CommitFollower::filter() const
{
    return d_ptr->filter;
}

int CommitFollower::pollNow()
{
    Q_D(CommitFollower);
    if (!d->running || !d->store)
        return 0;
    const EventLog log = d->reader();
    int delivered = 0;
    for (;;) {
        // The position moves only with a read that succeeded.
        CommitPosition next = d->position;
        const Result<QList<RecordedEvent>> events = log.readCommitted(next, pollPage);
        if (!events) {
            d->report(events.error());
            return delivered;
        }
        d->position = next;
        delivered += d->deliver(events.value(), true);
        if (!d->running) // stopped by a receiver
            return delivered;
        if (events->size() < pollPage)
            break;
    }
    // What the commit order holds back behind an open transaction, delivered now all the same.
    EventFilter after;
    after.fromSeqNo = d->highest + 1;
    QList<RecordedEvent> newer;
    const Error error = log.read(after, [&newer](const RecordedEvent &event) {
        newer.append(event);
        return true;
    }, pollPage);
    delivered += d->deliver(newer, false);
    if (error.isError())
        d->report(error);
    return delivered;
}

} // namespace Evented
