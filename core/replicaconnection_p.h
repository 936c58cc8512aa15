#pragma once

#include "session_p.h"

#include <evented/result.h>

#include <QDeadlineTimer>

#include <memory>

namespace Evented::Detail {

/*! How far a read replica is behind the primary, when last looked at. */
struct ReplayLag
{
    qint64 bytes = -1;        //!< of log still to replay; 0: it replayed all the primary had written
    qint64 milliseconds = -1; //!< since it replayed the last transaction while behind; 0 when not behind; -1 unknown
};

/*! A log position's text ("X/Y", hexadecimal) as a number; -1 when it is none. */
qint64 logPosition(const QString &text);

/*!
    One thread's connection to the store's read replicas (StoreOptions::replicas): what the event
    log and a projection's catch-up read through, while the primary takes every write.

    When no replica answers, its connection breaks or a read on it fails, reads go to the primary: a warning says so
    once per outage (category evented.store), and the replica is tried again after
    retryMs, with a note when it is back. Used by one thread only.
*/
class ReplicaConnection
{
public:
    static constexpr int retryMs = 5000;

    /*! With \a background, set up as a long-lived connection of a projection (keepalives). */
    ReplicaConnection(std::shared_ptr<const StoreContext> context, const char *role, bool background);
    ~ReplicaConnection();
    ReplicaConnection(const ReplicaConnection &) = delete;
    ReplicaConnection &operator=(const ReplicaConnection &) = delete;

    /*! The store was given replicas. */
    bool isConfigured() const { return !m_context->options.replicas.isEmpty(); }
    /*! The replica's session, open; null when none is configured or none can be reached now
        (read from the primary then). */
    Session *session();
    /*! After \a error on the replica's session (a broken connection, or any error of a read):
        reads go to the primary until the next try. */
    void failed(const Error &error);
    /*! How far the replica is behind \a primary (a connection to the primary, open). */
    Result<ReplayLag> lag(QSqlDatabase &primary);
    /*! Waits until the replica replayed everything \a primary had written when called, polling
        for at most \a timeoutMs: false when it did not in time. */
    Result<bool> waitForReplay(QSqlDatabase &primary, int timeoutMs);
    /*! Counts the openings of the replica's connection: statements kept on it are for one opening. */
    int openings() const { return m_openings; }
    /*! Closes the connection (in the thread that used it). */
    void close() { m_session.reset(); }
    /*! The replicas, as the URL named them. */
    QString address() const { return m_context->options.replicas.join(u','); }

private:
    Result<qint64> replayed(qint64 *sinceReplayMs);
    Result<qint64> positionOf(QSqlDatabase &db, qint64 *sinceReplayMs = nullptr);
    void down(const Error &why);

    std::shared_ptr<const StoreContext> m_context;
    const char *m_role;
    bool m_background;
    std::unique_ptr<Session> m_session;
    QDeadlineTimer m_retry{0};
    bool m_down = false; // warned, not back yet
    int m_openings = 0;
};

} // namespace Evented::Detail
