#pragma once

#include "projectiondigest_p.h"
#include "backoff_p.h"
#include "catchup_p.h"
#include "commitlistener_p.h"
#include "pageprefetcher_p.h"
#include "projection_p.h"
#include "projectionlease_p.h"
#include "projectionmembers_p.h"
#include "replicaconnection_p.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTimer>

namespace Evented {

/*!
    The worker of a running projection: created in the owner's thread, moved to the
    projection's thread, and from then on used only there. All database work of a running
    projection happens here, in passes: take the lease, read a page in commit order, apply it
    with the lease's check and the position in one transaction, and when caught up find out
    whether an open transaction holds newer events back. Between passes a heartbeat renews the
    lease.
*/
class ProjectionWorker final : public QObject
{
public:
    ProjectionWorker(ProjectionPrivate *d, ProjectionSettings settings, std::shared_ptr<const Detail::StoreContext> context,
                     const ProjectionState &initial);

    /*! Queues a pass (at most one at a time); worker thread. */
    void wake();
    /*! Stores that the projection stopped and closes the connection; worker thread, last. */
    void finish();

private:
    void pass();
    bool ensureConnected();
    bool acquire();
    /*! The connection that pages are read from: a replica's when the store has one that
        answers, else the primary's (m_db). */
    QSqlDatabase &reader();
    /*! The catch-up statement of the reader, and its barrier. */
    Detail::CatchUpReader &catchUpReader();
    Error readPage(int limit, Detail::CatchUpPage &page);
    /*! A read failed: on a replica whose connection broke, the next pass reads from the primary. */
    void readFailed(const Error &error);
    /*! On a replica, after the idle check: its lag, and whether to look again soon. */
    bool replicaBehind();
    Error applyPage(const QList<Detail::CatchUpRow> &rows, bool full, qsizetype &failedAt);
    /*! In the batch's transaction: the lease's check, the state, and a checkpoint of the digest
        when it passed one since \a digestBefore. */
    Error savePosition(const std::optional<Detail::ProjectionDigest> &digestBefore);
    /*! ErrorStrategy::Park: records \a row, which failed with \a error, as parked and moves the
        position past it. */
    void park(const Detail::CatchUpRow &row, const Error &error);
    Error checkIdle(bool &held, bool &ready);
    /*! In the current transaction: LeaseLost unless the lease is still this instance's. */
    Error checkLease();
    /*! Stores the state in a transaction of its own, with the lease's check. */
    Error saveFenced();
    Error save();
    /*! Stores a checkpoint of the digest at the position, in the batch's transaction. */
    Error saveCheckpoint();
    void heartbeat();
    /*! With partitions: renews this instance's membership; how many partitions it may hold
        (all, without partitions), or -1 when the membership could not be renewed. */
    int fairShare();
    /*! Gives the lease up to another instance of a partitioned projection: standby from here. */
    void giveUp();
    /*! Active or not any more: what the other partitions of this object count. */
    void setActive(bool active);
    void lostLease(const Error &error);
    void listen();
    /*! \a poison: the row that failed, when the failure is its own. */
    void failed(const Error &error, const Detail::CatchUpRow *poison = nullptr);
    void connectionLost(const Error &error);
    void retryAfter(int milliseconds);
    Error sqlError(const QSqlError &error);
    Detail::StoreQuery *prepared(std::optional<Detail::StoreQuery> &slot, const QString &sql, Error &error);
    void resetStatements();
    void publish();

    ProjectionPrivate *d;
    const ProjectionSettings m_settings;
    const std::shared_ptr<const Detail::StoreContext> m_context;
    const QString m_owner; // host:pid
    ProjectionState m_state;
    std::optional<Detail::ProjectionDigest> m_digest; // none: the position was stored without one
    QSqlDatabase m_db;
    Detail::ProjectionLease m_lease;
    std::optional<Detail::ProjectionMembers> m_members; // with partitions
    bool m_active = false; // holds the lease and has read its position under it
    Detail::CommitListener m_listener;
    QElapsedTimer m_listenChecked;
    bool m_passQueued = false;
    bool m_handledSinceCaughtUp = true;
    int m_limitOverride = 0; // after a failed batch: commit the events before the failing one
    int m_attempts = 0;      // failures in a row
    int m_reconnects = 0;
    int m_waitingPoll;
    QDeadlineTimer m_notBefore;
    QTimer *m_timer;
    QTimer *m_heartbeat;
    std::optional<Detail::CatchUpReader> m_catchUp;
    std::unique_ptr<Detail::PagePrefetcher> m_prefetch; // while catching up on a backend where it pays
    std::optional<Detail::StoreQuery> m_save;
    std::optional<Detail::StoreQuery> m_idle; // on the reader
    Detail::ReplicaConnection m_replica;
    QSqlDatabase *m_reading = nullptr; // the reader the statements above were made on
    int m_replicaOpenings = 0;
};

/*! The projection's thread: a pass at once, then the worker's events until quit(). */
class ProjectionThread final : public QThread
{
public:
    explicit ProjectionThread(ProjectionWorker *worker)
        : m_worker(worker)
    {
    }

protected:
    void run() override
    {
        m_worker->wake();
        exec();
        m_worker->finish();
    }

private:
    ProjectionWorker *m_worker;
};

} // namespace Evented
