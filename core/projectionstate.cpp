#include "eventstore_p.h"
#include "projectionstatus_p.h"

#include <QCoreApplication>

namespace Evented {

using Status = ProjectionState::Status;

namespace Detail {

QString storedStatus(Status status)
{
    switch (status) {
    case Status::Stopped:
        return QStringLiteral("stopped");
    case Status::Standby:
        return QStringLiteral("standby");
    case Status::CatchingUp:
        return QStringLiteral("catching_up");
    case Status::Live:
        return QStringLiteral("live");
    case Status::Waiting:
        return QStringLiteral("waiting");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Status statusFromStored(const QString &name)
{
    for (Status status : {Status::Standby, Status::CatchingUp, Status::Live, Status::Waiting, Status::Failed}) {
        if (storedStatus(status) == name)
            return status;
    }
    return Status::Stopped;
}

qint64 lagOf(const ProjectionState &state)
{
    return state.status == Status::Live ? 0 : std::max<qint64>(0, state.head - state.seqNo);
}

} // namespace Detail

QString ProjectionState::statusText(Status status)
{
    switch (status) {
    case Status::Stopped:
        return QCoreApplication::translate("Evented::ProjectionState", "stopped");
    case Status::Standby:
        return QCoreApplication::translate("Evented::ProjectionState", "standby");
    case Status::CatchingUp:
        return QCoreApplication::translate("Evented::ProjectionState", "catching up");
    case Status::Live:
        return QCoreApplication::translate("Evented::ProjectionState", "live");
    case Status::Waiting:
        return QCoreApplication::translate("Evented::ProjectionState", "waiting");
    case Status::Failed:
        return QCoreApplication::translate("Evented::ProjectionState", "failed");
    }
    return {};
}

QString ProjectionState::statusLabel() const
{
    return stored ? statusText(status) : QCoreApplication::translate("Evented::ProjectionState", "never ran");
}

QString ProjectionState::wakeupText(Wakeup wakeup)
{
    switch (wakeup) {
    case Wakeup::Polling:
        return QCoreApplication::translate("Evented::ProjectionState", "polling");
    case Wakeup::Notifications:
        return QCoreApplication::translate("Evented::ProjectionState", "commit notifications");
    }
    return {};
}

QString ProjectionState::readsFromText(ReadsFrom readsFrom, qint64 replayLagBytes, qint64 replayLagMs)
{
    switch (readsFrom) {
    case ReadsFrom::Primary:
        return QCoreApplication::translate("Evented::ProjectionState", "the primary");
    case ReadsFrom::PrimaryFallback:
        return QCoreApplication::translate("Evented::ProjectionState", "the primary (no replica can be read)");
    case ReadsFrom::Replica:
        if (replayLagBytes < 0)
            return QCoreApplication::translate("Evented::ProjectionState", "a replica");
        if (replayLagMs <= 0)
            return QCoreApplication::translate("Evented::ProjectionState", "a replica, %1 bytes behind").arg(replayLagBytes);
        return QCoreApplication::translate("Evented::ProjectionState", "a replica, %1 bytes and %2 ms behind")
            .arg(replayLagBytes)
            .arg(replayLagMs);
    }
    return {};
}

Result<QList<ProjectionState>> ProjectionState::read(EventStore *store)
{
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QSqlDatabase &db = s.database();
    const Detail::Dialect &dialect = s.dialect();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(s.statements().states))
        return s.sqlError(query.lastError());
    QList<ProjectionState> states;
    namespace C = Detail::StateColumn;
    while (query.next()) {
        ProjectionState state;
        state.name = query.value(C::Name).toString();
        state.seqNo = query.value(C::SeqNo).toLongLong();
        state.transactionId = query.value(C::TransactionId).toString();
        state.status = Detail::statusFromStored(query.value(C::Status).toString());
        state.error = query.value(C::Error).toString();
        state.errorSeqNo = query.value(C::ErrorSeqNo).isNull() ? -1 : query.value(C::ErrorSeqNo).toLongLong();
        state.waitingOnPid = query.value(C::WaitingOnPid).toInt();
        state.waitingSince = dialect.toUtc(query.value(C::WaitingSince));
        state.owner = query.value(C::Owner).toString();
        state.updatedAt = dialect.toUtc(query.value(C::UpdatedAt));
        // A stored status outlives a process killed without stopping: only a held lease means running.
        const bool active = query.value(C::LeaseHeld).toBool();
        state.leaseToken = active ? query.value(C::LeaseToken).toLongLong() : 0;
        if (!active && state.status != Status::Failed) {
            state.status = Status::Stopped;
            state.waitingOnPid = 0;
            state.waitingSince = {};
        }
        state.head = query.value(C::Head).toLongLong();
        state.lag = Detail::lagOf(state);
        states.append(state);
    }
    return states;
}

} // namespace Evented
