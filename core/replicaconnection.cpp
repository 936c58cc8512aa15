#include "replicaconnection_p.h"

#include "logging_p.h"
#include "serveraddress_p.h"

#include <QSqlError>
#include <QThread>

namespace Evented::Detail {

ReplicaConnection::ReplicaConnection(std::shared_ptr<const StoreContext> context, const char *role, bool background)
    : m_context(std::move(context))
    , m_role(role)
    , m_background(background)
{
}

ReplicaConnection::~ReplicaConnection() = default;

Session *ReplicaConnection::session()
{
    if (!isConfigured() || !m_retry.hasExpired())
        return nullptr;
    if (m_session && m_session->database().isOpen())
        return m_session.get();
    if (!m_session) {
        QSqlDatabase db = cloneConnection(*m_context, m_role);
        if (m_background)
            db.setConnectOptions(m_context->dialect->backgroundConnectOptions(db.connectOptions()));
        // Any server of the list will do: a standby, or one promoted since.
        pointAt(db, m_context->options.replicas, QStringLiteral("any"));
        QStringList options = db.connectOptions().split(u';', Qt::SkipEmptyParts);
        const bool timeout = std::any_of(options.cbegin(), options.cend(), [](const QString &option) {
            return option.section(u'=', 0, 0).trimmed() == u"connect_timeout";
        });
        if (!timeout) // a replica that does not answer costs a read this long, then the primary serves
            options << QStringLiteral("connect_timeout=3");
        db.setConnectOptions(options.join(u';'));
        m_session = std::make_unique<Session>(db.connectionName(), m_context, nullptr);
    }
    if (Error error = m_session->ensureOpen(); error.isError()) {
        down(error);
        return nullptr;
    }
    ++m_openings;
    if (m_down) {
        qCInfo(lcStore) << "reading from the replica" << address() << "again";
        m_down = false;
    }
    return m_session.get();
}

void ReplicaConnection::failed(const Error &error)
{
    // A broken connection, or a replica that cannot answer this read (one that has not replayed
    // the store's tables yet, say): the primary answers until the next try.
    if (m_session && error.kind() == Error::Kind::ConnectionLost)
        m_session->database().close();
    down(error);
}

void ReplicaConnection::down(const Error &why)
{
    m_retry.setRemainingTime(retryMs);
    if (!m_down)
        qCWarning(lcStore) << "the replica" << address() << "cannot be read, reading from the primary instead:" << why;
    m_down = true;
}

Result<qint64> ReplicaConnection::replayed(qint64 *sinceReplayMs)
{
    Session *replica = session();
    if (!replica)
        return Error::connectionFailed(address());
    Result<qint64> position = positionOf(replica->database(), sinceReplayMs);
    if (!position)
        failed(position.error());
    return position;
}

Result<ReplayLag> ReplicaConnection::lag(QSqlDatabase &primary)
{
    qint64 since = -1;
    Result<qint64> position = replayed(&since);
    if (!position)
        return position.error();
    Result<qint64> written = positionOf(primary);
    if (!written)
        return written.error();
    ReplayLag lag;
    lag.bytes = std::max<qint64>(0, written.value() - position.value());
    lag.milliseconds = lag.bytes == 0 ? 0 : since;
    return lag;
}

Result<bool> ReplicaConnection::waitForReplay(QSqlDatabase &primary, int timeoutMs)
{
    Result<qint64> target = positionOf(primary);
    if (!target)
        return target.error();
    QDeadlineTimer deadline(timeoutMs);
    int pause = 1;
    for (;;) {
        Result<qint64> position = replayed(nullptr);
        if (!position)
            return position.error();
        if (position.value() >= target.value())
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(ulong(std::min<qint64>(pause, std::max<qint64>(deadline.remainingTime(), 1))));
        pause = std::min(pause * 2, 20);
    }
}

Result<qint64> ReplicaConnection::positionOf(QSqlDatabase &db, qint64 *sinceReplayMs)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(m_context->statements.replayPosition) || !query.next())
        return typedError(*m_context->dialect, query.lastError(), db);
    const qint64 position = logPosition(query.value(ReplayColumn::Position).toString());
    if (sinceReplayMs)
        *sinceReplayMs = query.value(ReplayColumn::SinceReplayMs).toLongLong();
    drain(query);
    return position;
}

qint64 logPosition(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return -1;
    bool high = false;
    bool low = false;
    const quint64 value = (text.left(slash).toULongLong(&high, 16) << 32) | text.mid(slash + 1).toULongLong(&low, 16);
    return high && low ? qint64(value) : -1;
}

} // namespace Evented::Detail
