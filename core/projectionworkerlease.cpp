// The worker of a running projection, its part in which instance is the active one: the lease it
// takes, renews with heartbeats and checks with each batch, and the share of a partitioned
// projection's partitions it holds.

#include "logging_p.h"
#include "projectionworker_p.h"

namespace Evented {

using Status = ProjectionState::Status;

bool ProjectionWorker::acquire()
{
    // After a lost connection the lease may still be this instance's: renewed, not taken again.
    Result<bool> held = m_lease.renew(m_db);
    if (held && !held.value()) {
        // With partitions, only while this instance holds less than its share.
        const int fair = fairShare();
        if (fair < 0)
            return false;
        if (d->heldPartitions() < fair)
            held = m_lease.take(m_db);
    }
    if (!held) {
        failed(held.error());
        return false;
    }
    if (!held.value()) {
        m_state.status = Status::Standby;
        m_state.leaseToken = 0;
        publish();
        m_timer->start(m_settings.pollInterval);
        return false;
    }
    // The position is only known once read under the lease: until it is stored again, this
    // instance is not active and nothing else of it may write.
    Detail::StoreQuery query(m_db, *m_context->dialect);
    query.setForwardOnly(true);
    if (!query.prepare(m_context->statements.position)) {
        failed(sqlError(query.lastError()));
        return false;
    }
    query.addBindValue(m_settings.name);
    if (!query.exec()) {
        failed(sqlError(query.lastError()));
        return false;
    }
    ProjectionState state = m_state;
    std::optional<Detail::ProjectionDigest> digest = Detail::ProjectionDigest();
    if (query.next()) {
        using namespace Detail::PositionColumn;
        state.seqNo = query.value(SeqNo).toLongLong();
        state.transactionId = query.value(TransactionId).toString();
        if (query.isNull(Digest))
            digest.reset(); // written by evented, or before digests: unknown until a reset
        else
            digest = Detail::ProjectionDigest{quint64(query.value(Digest).toLongLong()), query.value(DigestEvents).toLongLong()};
    } else {
        state.seqNo = 0;
        state.transactionId = QStringLiteral("0");
    }
    Detail::drain(query);
    state.status = Status::CatchingUp;
    state.owner = m_owner;
    state.leaseToken = m_lease.token();
    state.error.clear();
    state.errorSeqNo = -1;
    state.waitingOnPid = 0;
    state.waitingSince = {};
    const ProjectionState before = std::exchange(m_state, state);
    const std::optional<Detail::ProjectionDigest> digestBefore = std::exchange(m_digest, digest);
    if (Error error = saveFenced(); error.isError()) {
        m_state = before;
        m_digest = digestBefore;
        failed(error);
        return false;
    }
    setActive(true);
    m_heartbeat->start();
    m_handledSinceCaughtUp = true;
    publish();
    return true;
}

int ProjectionWorker::fairShare()
{
    if (!m_members)
        return 1;
    const Result<int> alive = m_members->renew(m_db);
    if (!alive) {
        failed(alive.error());
        return -1;
    }
    return (m_settings.partitions + alive.value() - 1) / alive.value();
}

void ProjectionWorker::giveUp()
{
    m_state.status = Status::Standby;
    m_state.waitingOnPid = 0;
    m_state.waitingSince = {};
    if (Error error = saveFenced(); error.isError())
        return failed(error);
    if (Error error = m_lease.release(m_db); error.isError())
        return failed(error);
    setActive(false);
    m_heartbeat->stop();
    m_prefetch.reset();
    m_state.leaseToken = 0;
    publish();
    m_timer->start(m_settings.pollInterval);
}

void ProjectionWorker::setActive(bool active)
{
    m_active = active;
    d->setHeld(m_settings.partition, active);
}

Error ProjectionWorker::checkLease()
{
    const qint64 token = m_lease.token();
    const Result<bool> held = m_lease.renew(m_db);
    if (!held)
        return held.error();
    if (!held.value())
        return Error::leaseLost(m_settings.name, token);
    return {};
}

Error ProjectionWorker::saveFenced()
{
    return Detail::inWriteTransaction(m_db, *m_context->dialect, [this]() -> Error {
        if (Error error = checkLease(); error.isError())
            return error;
        return save();
    });
}

void ProjectionWorker::heartbeat()
{
    if (!m_active || !m_db.isOpen())
        return;
    const qint64 token = m_lease.token();
    const Result<bool> held = m_lease.renew(m_db);
    if (!held) {
        if (held.error().kind() == Error::Kind::ConnectionLost || !m_db.isOpen())
            connectionLost(held.error());
        else
            d->report(held.error()); // the next heartbeat or batch tries again
        return;
    }
    if (!held.value())
        return lostLease(Error::leaseLost(m_settings.name, token));
    // Between passes: one partition too many for this instance's share goes to another one.
    if (m_members) {
        const int fair = fairShare();
        if (fair > 0 && d->oneTooMany(m_settings.partition, fair))
            giveUp();
    }
}

void ProjectionWorker::lostLease(const Error &error)
{
    // Another instance took over while this one was paused, cut off or slow: its last batch,
    // if any, was rolled back. It waits as standby from here.
    d->report(error);
    setActive(false);
    m_lease.forget();
    m_heartbeat->stop();
    m_prefetch.reset();
    m_limitOverride = 0;
    m_attempts = 0;
    m_state.status = Status::Standby;
    m_state.leaseToken = 0;
    m_state.error = error.message();
    publish();
    m_timer->start(m_settings.pollInterval);
}

} // namespace Evented
