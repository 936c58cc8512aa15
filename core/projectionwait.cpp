// Read-your-writes: waiting until a projection's stored position has passed given events.

#include "connection_p.h"
#include "eventstore_p.h"
#include "projection_p.h"
#include "projectionworker_p.h"
#include "session_p.h"
#include "storequery_p.h"

#include <evented/projection.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <limits>

namespace Evented {

namespace {

struct WaitText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Projection)
};

/*! A place in the commit order: PostgreSQL's 64-bit transaction id (0 on SQLite), then seq_no. */
using Place = std::pair<quint64, qint64>;

/*! Polls the stored position of \a name on \a db until it has passed \a target. */
Error waitOn(QSqlDatabase &db, const Detail::StoreContext &context, const QString &name, qint64 seqNo, int timeoutMs)
{
    const Detail::Dialect &dialect = *context.dialect;
    QDeadlineTimer deadline(std::max(timeoutMs, 0));
    Detail::StoreQuery query(db, dialect);
    query.setForwardOnly(true);
    if (!query.prepare(context.statements.transactionOf))
        return Detail::typedError(dialect, query.lastError(), db);
    query.addBindValue(seqNo);
    if (!query.exec())
        return Detail::typedError(dialect, query.lastError(), db);
    if (!query.next())
        return Error::invalidArgument(WaitText::tr("there is no event %1 to wait for").arg(seqNo));
    const Place target{query.value(0).toString().toULongLong(), seqNo};
    Detail::drain(query);

    if (!query.prepare(context.statements.position))
        return Detail::typedError(dialect, query.lastError(), db);
    const auto positionOf = [&](const QString &positionName, bool &found) -> Result<Place> {
        query.addBindValue(positionName);
        if (!query.exec())
            return Detail::typedError(dialect, query.lastError(), db);
        Place at{0, 0};
        found = query.next();
        if (found) {
            using namespace Detail::PositionColumn;
            at = {query.value(TransactionId).toString().toULongLong(), query.value(SeqNo).toLongLong()};
        }
        Detail::drain(query);
        return at;
    };
    // A partitioned projection, which has no position under its own name, has passed the event
    // when each of its partitions has.
    QStringList names{name};
    bool found = false;
    const Result<Place> own = positionOf(name, found);
    if (!own)
        return own.error();
    if (found && own.value() >= target)
        return {}; // handled already: the common case, one read
    if (!found) {
        Detail::StoreQuery states(db, dialect);
        if (!states.exec(context.statements.states))
            return Detail::typedError(dialect, states.lastError(), db);
        QStringList stored;
        while (states.next())
            stored.append(states.value(0).toString());
        names = Detail::partitionNames(name, stored);
    }

    for (int pause = 1;; pause = std::min(pause * 2, 50)) {
        Place position{std::numeric_limits<quint64>::max(), 0};
        for (const QString &partition : std::as_const(names)) {
            const Result<Place> at = positionOf(partition, found);
            if (!at)
                return at.error();
            position = std::min(position, at.value());
        }
        // On SQLite every transaction id is 0: the seq_no order is the commit order.
        if (position >= target)
            return {};
        if (deadline.hasExpired())
            return Error::timeout(WaitText::tr("the projection %1 has not handled event %2 within %3 ms (it is at %4)")
                                      .arg(name)
                                      .arg(seqNo)
                                      .arg(timeoutMs)
                                      .arg(position.second));
        QThread::msleep(std::min<qint64>(pause, std::max<qint64>(deadline.remainingTime(), 1)));
    }
}

qint64 lastSeqNo(const QList<RecordedEvent> &events)
{
    qint64 last = 0;
    for (const RecordedEvent &event : events)
        last = std::max(last, event.seqNo);
    return last;
}

} // namespace

Error Projection::waitFor(EventStore *store, const QString &name, const QList<RecordedEvent> &events, int timeoutMs)
{
    const qint64 seqNo = lastSeqNo(events);
    if (seqNo == 0)
        return {}; // nothing was appended: nothing to wait for
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
    if (!session)
        return session.error();
    return waitOn(session.value()->database(), session.value()->context(), name, seqNo, timeoutMs);
}

Error Projection::waitFor(const QList<RecordedEvent> &events, int timeoutMs) const
{
    Q_D(const Projection);
    return waitFor(d->store.data(), d->settings.name, events, timeoutMs);
}

QFuture<Error> Projection::waitForAsync(EventStore *store, const QString &name, const QList<RecordedEvent> &events,
                                        int timeoutMs)
{
    auto promise = std::make_shared<QPromise<Error>>();
    QFuture<Error> future = promise->future();
    promise->start();
    const EventStorePrivate *d = EventStorePrivate::get(store);
    const std::shared_ptr<const Detail::StoreContext> context = d ? d->storeContext() : nullptr;
    const qint64 seqNo = lastSeqNo(events);
    if (!context || seqNo == 0) {
        promise->addResult(context ? Error() : Error::notOpen());
        promise->finish();
        return future;
    }
    QThreadPool::globalInstance()->start([promise, context, name, seqNo, timeoutMs] {
        QSqlDatabase db = Detail::cloneConnection(*context, "wait");
        Error error = Detail::openConnection(db, *context->dialect);
        if (!error.isError())
            error = waitOn(db, *context, name, seqNo, timeoutMs);
        Detail::removeConnection(db);
        promise->addResult(error);
        promise->finish();
    });
    return future;
}

} // namespace Evented
