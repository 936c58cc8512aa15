#include "logging_p.h"
#include "projectionworker_p.h"

#include "projectionapply_p.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSysInfo>

namespace Evented {

using Status = ProjectionState::Status;

namespace {
constexpr int firstWaitingPollMs = 10;
} // namespace

ProjectionWorker::ProjectionWorker(ProjectionPrivate *d, ProjectionSettings settings,
                                   std::shared_ptr<const Detail::StoreContext> context, const ProjectionState &initial)
    : d(d)
    , m_settings(std::move(settings))
    , m_context(std::move(context))
    , m_owner(QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid()))
    , m_state(initial)
    , m_lease(m_context, m_settings.name, m_owner, m_settings.leaseMs)
    , m_members(m_settings.partitions > 1
                    ? std::optional<Detail::ProjectionMembers>(std::in_place, m_context, m_settings.projectionName,
                                                               m_owner + u'/' + QString::number(quintptr(d), 16),
                                                               m_settings.leaseMs)
                    : std::nullopt)
    , m_listener(m_context, this, [this] { wake(); })
    , m_waitingPoll(firstWaitingPollMs)
    , m_timer(new QTimer(this))
    , m_heartbeat(new QTimer(this))
    , m_replica(m_context, "projection-replica", true)
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { wake(); });
    m_heartbeat->setInterval(std::max(1, m_settings.leaseMs / 3));
    connect(m_heartbeat, &QTimer::timeout, this, [this] { heartbeat(); });
}

void ProjectionWorker::wake()
{
    if (m_passQueued)
        return;
    m_passQueued = true;
    QMetaObject::invokeMethod(this, [this] { pass(); }, Qt::QueuedConnection);
}

void ProjectionWorker::retryAfter(int milliseconds)
{
    m_notBefore.setRemainingTime(milliseconds);
    m_timer->start(milliseconds);
}

void ProjectionWorker::pass()
{
    m_passQueued = false;
    if (!m_notBefore.hasExpired()) {
        m_timer->start(int(std::max<qint64>(m_notBefore.remainingTime(), 1)));
        return;
    }
    m_timer->stop();
    if (!ensureConnected() || (!m_active && !acquire()))
        return;

    // A rebuild's new version stops where the live one was.
    const bool stops = m_settings.stopAtSeqNo >= 0;
    const auto place = [](const QString &transactionId, qint64 seqNo) { return std::pair(transactionId.toULongLong(), seqNo); };
    const auto stop = place(m_settings.stopAtTransaction, m_settings.stopAtSeqNo);
    const auto stopped = [this] {
        m_state.status = Status::Live;
        publish();
        if (std::exchange(m_handledSinceCaughtUp, false))
            d->caughtUp(m_state.seqNo);
    };
    if (stops && place(m_state.transactionId, m_state.seqNo) >= stop)
        return stopped();

    const int limit = m_limitOverride > 0 ? m_limitOverride : m_settings.batchSize;
    Detail::CatchUpPage page;
    page.head = m_state.head;
    QSqlDatabase &source = reader();
    if (Error error = readPage(limit, page); error.isError())
        return readFailed(error);
    m_state.head = page.head;
    QList<Detail::CatchUpRow> &rows = page.rows;
    bool full = rows.size() == limit;
    if (stops && !rows.isEmpty() && place(rows.last().transactionId, rows.last().stored.seqNo) > stop) {
        while (!rows.isEmpty() && place(rows.last().transactionId, rows.last().stored.seqNo) > stop)
            rows.removeLast();
        m_prefetch.reset();
        if (rows.isEmpty())
            return stopped(); // nothing up to the stop is left
        full = true; // the next pass finds it at the stop
    } else if (full && m_context->dialect->hasFeature(Detail::Dialect::Feature::PagePrefetch)) {
        // Catching up: the next page is read while this one is applied.
        if (!m_prefetch)
            m_prefetch = std::make_unique<Detail::PagePrefetcher>(
                m_context, source.connectOptions(), &source == &m_db ? QStringList() : m_context->options.replicas);
        m_prefetch->request(rows.last().transactionId, rows.last().stored.seqNo, limit);
    } else {
        m_prefetch.reset(); // caught up: its connection is not kept
    }
    if (!rows.isEmpty()) {
        qsizetype failedAt = -1;
        if (Error error = applyPage(rows, full, failedAt); error.isError()) {
            if (failedAt > 0 && m_db.isOpen()) {
                m_limitOverride = int(failedAt); // the events before the failing one commit on their own
                wake();
                return;
            }
            return failed(error, failedAt == 0 ? &rows.first() : nullptr);
        }
        m_limitOverride = 0;
        m_attempts = 0;
        m_handledSinceCaughtUp = true;
    }
    if (full) {
        publish();
        wake();
        return;
    }

    // Caught up to the barrier: is anything committed held back behind an open transaction?
    // Or has the barrier moved on since the page was read?
    bool held = false;
    bool ready = false;
    if (Error error = checkIdle(held, ready); error.isError())
        return readFailed(error);
    if (!held && !ready && replicaBehind())
        held = true; // the replica replays what the primary committed: look again soon
    m_attempts = 0;
    m_state.error.clear();
    m_state.errorSeqNo = -1;
    publish();
    if (ready) {
        wake();
        return;
    }
    if (held) {
        m_timer->start(m_waitingPoll);
        m_waitingPoll = std::min(m_waitingPoll * 2, std::max(m_settings.pollInterval, firstWaitingPollMs));
        return;
    }
    m_waitingPoll = firstWaitingPollMs;
    if (!m_listener.usesOwnConnection() && m_listenChecked.isValid() && m_listenChecked.elapsed() >= m_settings.pollInterval)
        listen(); // the direct connection is checked, and opened again when it broke
    if (m_handledSinceCaughtUp) {
        m_handledSinceCaughtUp = false;
        d->caughtUp(m_state.seqNo);
    }
    m_timer->start(m_settings.pollInterval);
}

bool ProjectionWorker::ensureConnected()
{
    if (m_db.isOpen())
        return true;
    const Detail::Dialect &dialect = *m_context->dialect;
    if (!m_db.isValid()) {
        m_db = Detail::cloneConnection(*m_context, "projection");
        m_db.setConnectOptions(dialect.backgroundConnectOptions(m_db.connectOptions()));
    }
    if (m_active) { // closed by the driver, which saw the connection die while idle
        connectionLost(Error::connectionLost(m_db.lastError().text()));
        return false;
    }
    resetStatements();
    if (Error error = Detail::openConnection(m_db, dialect); error.isError()) {
        d->report(error);
        retryAfter(Detail::backoff(m_reconnects++, Detail::firstBackoffMs, Detail::maxReconnectMs));
        return false;
    }
    m_reconnects = 0;
    listen();
    return true;
}

void ProjectionWorker::listen()
{
    m_state.wakeup = m_listener.listen(m_db) ? ProjectionState::Wakeup::Notifications : ProjectionState::Wakeup::Polling;
    m_listenChecked.start();
}

QSqlDatabase &ProjectionWorker::reader()
{
    Detail::Session *replica = m_replica.session();
    QSqlDatabase *db = replica ? &replica->database() : &m_db;
    if (db != m_reading || (replica && m_replica.openings() != m_replicaOpenings)) {
        // Statements belong to one connection, and to one opening of it.
        m_catchUp.reset();
        m_idle.reset();
        m_prefetch.reset();
        m_reading = db;
        m_replicaOpenings = m_replica.openings();
    }
    using ReadsFrom = ProjectionState::ReadsFrom;
    m_state.readsFrom = !m_replica.isConfigured() ? ReadsFrom::Primary : replica ? ReadsFrom::Replica : ReadsFrom::PrimaryFallback;
    if (!replica) {
        m_state.replayLagBytes = -1;
        m_state.replayLagMs = -1;
    }
    return *db;
}

void ProjectionWorker::readFailed(const Error &error)
{
    if (m_reading && m_reading != &m_db) {
        // Not the primary's connection: read there until the replica answers again.
        m_replica.failed(error);
        m_catchUp.reset();
        m_idle.reset();
        m_prefetch.reset();
        m_reading = nullptr;
        d->report(error);
        reader();
        publish();
        wake();
        return;
    }
    failed(error);
}

bool ProjectionWorker::replicaBehind()
{
    if (!m_reading || m_reading == &m_db)
        return false;
    const Result<Detail::ReplayLag> lag = m_replica.lag(m_db);
    if (!lag) {
        if (lag.error().kind() == Error::Kind::ConnectionLost && !m_db.isOpen())
            return false; // the primary's: the next pass finds out
        // The replica (or the primary's side of the comparison) did not answer: read from the
        // primary for now.
        m_replica.failed(lag.error());
        reader();
        wake();
        return false;
    }
    m_state.replayLagBytes = lag->bytes;
    m_state.replayLagMs = lag->milliseconds;
    return lag->bytes > 0;
}

Error ProjectionWorker::readPage(int limit, Detail::CatchUpPage &page)
{
    if (m_prefetch) {
        if (std::optional<Detail::CatchUpPage> ahead = m_prefetch->take(m_state.transactionId, m_state.seqNo, limit)) {
            page = std::move(*ahead);
            return {};
        }
    }
    return catchUpReader().read(m_state.transactionId, m_state.seqNo, limit, page);
}

Detail::CatchUpReader &ProjectionWorker::catchUpReader()
{
    if (!m_catchUp)
        // Through the client library unless this connection's driver waits for notifications
        // (a replica's never does).
        m_catchUp.emplace(*m_reading, *m_context, m_reading != &m_db || !m_listener.usesOwnConnection());
    return *m_catchUp;
}

Error ProjectionWorker::applyPage(const QList<Detail::CatchUpRow> &rows, bool full, qsizetype &failedAt)
{
    if (Error error = m_context->dialect->beginWrite(m_db); error.isError())
        return error;
    const std::optional<Detail::ProjectionDigest> digestBefore = m_digest;
    Error error = Detail::applyRows(rows, m_settings, m_context->schemas->current().get(), m_db, m_digest, failedAt);

    const ProjectionState before = m_state;
    if (!error.isError()) {
        m_state.seqNo = rows.last().stored.seqNo;
        m_state.transactionId = rows.last().transactionId;
        m_state.status = full ? Status::CatchingUp : Status::Live;
        m_state.error.clear();
        m_state.errorSeqNo = -1;
        m_state.waitingOnPid = 0;
        m_state.waitingSince = {};
        error = savePosition(digestBefore);
    }
    if (!error.isError() && !m_db.commit())
        error = sqlError(m_db.lastError());
    if (error.isError()) {
        m_state = before;
        m_digest = digestBefore;
        if (m_db.isOpen() && !m_db.rollback() && !m_db.isOpen())
            error = sqlError(m_db.lastError());
    }
    return error;
}

Error ProjectionWorker::savePosition(const std::optional<Detail::ProjectionDigest> &digestBefore)
{
    if (Error error = checkLease(); error.isError()) // fencing: in the transaction that stores the position
        return error;
    if (Error error = save(); error.isError())
        return error;
    using Detail::ProjectionDigest;
    if (m_digest && digestBefore
        && m_digest->events / ProjectionDigest::checkpointEvents != digestBefore->events / ProjectionDigest::checkpointEvents)
        return saveCheckpoint();
    return {};
}

void ProjectionWorker::park(const Detail::CatchUpRow &row, const Error &error)
{
    const ProjectionState before = m_state;
    const std::optional<Detail::ProjectionDigest> digestBefore = m_digest;
    const Detail::StoredRow &stored = row.stored;
    Detail::StoreQuery query(m_db, *m_context->dialect); // destroyed after the transaction
    const Error parked = Detail::inWriteTransaction(m_db, *m_context->dialect, [&]() -> Error {
        if (!query.prepare(m_context->statements.park))
            return sqlError(query.lastError());
        for (const QVariant &value :
             {QVariant(m_settings.name), QVariant(stored.seqNo), QVariant(row.transactionId),
              QVariant(stored.entityId.toString(QUuid::WithoutBraces)), QVariant(stored.typeName),
              QVariant(QString::fromUtf8(stored.event)), QVariant(error.message())})
            query.addBindValue(value);
        if (!query.exec())
            return sqlError(query.lastError());
        if (m_digest)
            m_digest->add(stored.seqNo, stored.entityId, stored.version); // passed, as a filtered-out one is
        m_state.seqNo = stored.seqNo;
        m_state.transactionId = row.transactionId;
        m_state.status = Status::CatchingUp;
        m_state.error.clear();
        m_state.errorSeqNo = -1;
        return savePosition(digestBefore);
    });
    if (parked.isError()) {
        m_state = before;
        m_digest = digestBefore;
        return failed(parked);
    }
    d->parked(stored.seqNo, error);
    m_attempts = 0;
    m_limitOverride = 0;
    m_handledSinceCaughtUp = true;
    publish();
    wake();
}

Error ProjectionWorker::checkIdle(bool &held, bool &ready)
{
    // On the connection the pages come from: its barrier is the one that moves.
    QSqlDatabase &db = m_reading ? *m_reading : m_db;
    const Result<QVariantList> barrier = catchUpReader().barrierValues(std::chrono::milliseconds(0));
    if (!barrier)
        return barrier.error();
    QSqlError failure;
    Detail::StoreQuery *statement = Detail::prepareOnce(m_idle, db, *m_context->dialect, m_context->statements.idle, &failure);
    if (!statement)
        return Detail::typedError(*m_context->dialect, failure, db);
    Detail::StoreQuery &query = *statement;
    query.addBindValue(m_state.transactionId);
    query.addBindValue(m_state.seqNo);
    for (const QVariant &value : barrier.value())
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return Detail::typedError(*m_context->dialect, query.lastError(), db);
    using namespace Detail::IdleColumn;
    m_state.head = query.value(Head).toLongLong();
    held = query.value(Held).toBool();
    ready = query.value(Ready).toBool();
    const int pid = held ? query.value(Pid).toInt() : 0;
    const QDateTime since = held ? m_context->dialect->toUtc(query.value(Since)) : QDateTime();
    Detail::drain(query);
    if (ready) {
        m_state.status = Status::CatchingUp;
        return {};
    }

    const Status status = held ? Status::Waiting : Status::Live;
    const bool changed = status != m_state.status || pid != m_state.waitingOnPid;
    m_state.status = status;
    m_state.waitingOnPid = pid;
    if (changed) {
        m_state.waitingSince = since;
        return saveFenced();
    }
    return {};
}

Error ProjectionWorker::save()
{
    Error error;
    Detail::StoreQuery *statement = prepared(m_save, m_context->statements.save, error);
    if (!statement)
        return error;
    Detail::StoreQuery &query = *statement;
    const QVariant nullText{QMetaType::fromType<QString>()};
    query.addBindValue(m_settings.name);
    query.addBindValue(m_state.seqNo);
    query.addBindValue(m_state.transactionId);
    query.addBindValue(Detail::storedStatus(m_state.status));
    query.addBindValue(m_state.error.isEmpty() ? nullText : QVariant(m_state.error));
    query.addBindValue(m_state.errorSeqNo < 0 ? nullText : QVariant(m_state.errorSeqNo));
    query.addBindValue(m_state.waitingOnPid == 0 ? nullText : QVariant(m_state.waitingOnPid));
    query.addBindValue(m_state.waitingSince.isValid() ? QVariant(m_state.waitingSince.toString(Qt::ISODateWithMs))
                                                      : nullText);
    query.addBindValue(m_state.owner);
    const QVariant nullNumber{QMetaType::fromType<qint64>()};
    query.addBindValue(m_digest ? QVariant(qint64(m_digest->sum)) : nullNumber);
    query.addBindValue(m_digest ? QVariant(m_digest->events) : nullNumber);
    if (!query.exec())
        return sqlError(query.lastError());
    query.finish();
    m_state.updatedAt = QDateTime::currentDateTimeUtc();
    return {};
}

Error ProjectionWorker::saveCheckpoint()
{
    Detail::StoreQuery query(m_db, *m_context->dialect);
    if (!query.prepare(m_context->statements.saveCheckpoint))
        return sqlError(query.lastError());
    for (const QVariant &value : {QVariant(m_settings.name), QVariant(m_state.transactionId), QVariant(m_state.seqNo),
                                  QVariant(qint64(m_digest->sum)), QVariant(m_digest->events)})
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(query.lastError());
    return {};
}

void ProjectionWorker::failed(const Error &error, const Detail::CatchUpRow *poison)
{
    if (!m_db.isOpen() || error.kind() == Error::Kind::ConnectionLost)
        return connectionLost(error);
    if (error.kind() == Error::Kind::LeaseLost)
        return lostLease(error);
    d->report(error);
    ++m_attempts;
    m_state.error = error.message();
    m_state.errorSeqNo = error.seqNo();
    // A poison event follows the strategy; the database being busy for a moment never stops it.
    const bool transient = error.kind() == Error::Kind::Database && m_context->dialect->isTransient(error.sqlState());
    using Strategy = Projection::ErrorStrategy;
    if (transient || (m_settings.strategy != Strategy::Stop && m_attempts <= m_settings.maxRetries)) {
        publish();
        retryAfter(Detail::backoff(m_attempts - 1, Detail::firstBackoffMs, Detail::maxBackoffMs));
        return;
    }
    if (m_settings.strategy == Strategy::Park && poison && Detail::isEventsFault(error))
        return park(*poison, error);
    // Stop: the lease is given up when the thread ends, and other instances take over.
    m_state.status = Status::Failed;
    if (m_active) {
        if (Error saved = saveFenced(); saved.isError())
            qCWarning(lcProjection) << "cannot store the failure of projection" << m_settings.name << saved;
    }
    publish();
    QThread::currentThread()->quit();
}

void ProjectionWorker::connectionLost(const Error &error)
{
    d->report(error.kind() == Error::Kind::ConnectionLost ? error : Error::connectionLost(error.message(), error.sqlState()));
    resetStatements();
    // The lease stays until it expires: renewed after the reconnection when nobody took it over.
    setActive(false);
    m_heartbeat->stop();
    m_db.close();
    m_state.status = Status::CatchingUp;
    publish();
    retryAfter(Detail::backoff(m_reconnects++, Detail::firstBackoffMs, Detail::maxReconnectMs));
}

Error ProjectionWorker::sqlError(const QSqlError &error)
{
    return Detail::typedError(*m_context->dialect, error, m_db);
}

Detail::StoreQuery *ProjectionWorker::prepared(std::optional<Detail::StoreQuery> &slot, const QString &sql, Error &error)
{
    QSqlError failure;
    Detail::StoreQuery *query = Detail::prepareOnce(slot, m_db, *m_context->dialect, sql, &failure);
    if (!query)
        error = sqlError(failure);
    return query;
}

void ProjectionWorker::resetStatements()
{
    m_catchUp.reset();
    m_reading = nullptr;
    m_save.reset();
    m_idle.reset();
    m_lease.resetStatements();
    if (m_members)
        m_members->resetStatements();
}

void ProjectionWorker::publish()
{
    m_state.lag = Detail::lagOf(m_state);
    d->publish(m_state, m_settings.partition);
}

void ProjectionWorker::finish()
{
    m_timer->stop();
    m_heartbeat->stop();
    if (m_active && m_db.isOpen() && m_state.status != Status::Failed) {
        m_state.status = Status::Stopped;
        m_state.waitingOnPid = 0;
        m_state.waitingSince = {};
        // LeaseLost: another instance (or a rebuild's swap) holds it now, and stores its own state.
        if (Error error = saveFenced(); error.isError() && error.kind() != Error::Kind::LeaseLost)
            qCWarning(lcProjection) << "cannot store that projection" << m_settings.name << "stopped:" << error;
    }
    if (m_active && m_db.isOpen()) {
        // A standby takes over at once, instead of when the lease expires.
        if (Error error = m_lease.release(m_db); error.isError())
            qCWarning(lcProjection) << "cannot give up the lease of projection" << m_settings.name << error;
    }
    if (m_members && m_db.isOpen()) {
        if (Error error = m_members->leave(m_db); error.isError())
            qCWarning(lcProjection) << "cannot leave the members of projection" << m_settings.projectionName << error;
    }
    setActive(false);
    if (m_state.status != Status::Failed)
        m_state.status = Status::Stopped;
    m_state.leaseToken = 0;
    publish();
    m_prefetch.reset();
    resetStatements();
    m_replica.close();
    m_listener.close();
    Detail::removeConnection(m_db);
}

} // namespace Evented
