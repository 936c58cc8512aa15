#pragma once

#include "commitlistener_p.h"
#include "replicaconnection_p.h"
#include "session_p.h"
#include "storecontext_p.h"

#include <evented/eventstore.h>

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <unordered_map>

namespace Evented {

class EventStorePrivate
{
public:
    explicit EventStorePrivate(EventStore *q)
        : q_ptr(q)
    {
    }

    /*! The private side of \a store, for the parts of the library that work on a store's
        database (the event log, projections, domains): no round trip through the public API. */
    static EventStorePrivate *get(EventStore *store) { return store ? store->d_func() : nullptr; }
    static const EventStorePrivate *get(const EventStore *store) { return store ? store->d_func() : nullptr; }

    /*! The open store's context, null when it is not open; any thread. */
    std::shared_ptr<const Detail::StoreContext> storeContext() const;
    /*! The connection of the calling thread, open: the store's in its own thread, the worker's
        in the worker thread; NotOpen, WrongThread, or why it cannot be opened otherwise. */
    Result<Detail::Session *> session();
    /*! session() of \a store; NotOpen for none. */
    static Result<Detail::Session *> sessionOf(EventStore *store)
    {
        EventStorePrivate *d = get(store);
        return d ? d->session() : Result<Detail::Session *>(Error::notOpen());
    }
    /*! The connection for the event log's reads in the calling thread: a read replica's when the
        store has replicas and one answers, once it replayed this store's last commit (waited for
        up to replicaWaitMs); otherwise, and after a warning, session(). */
    Result<Detail::Session *> readSession();

    Error openConnection(const QString &connectionName, const EventStore::Options &options);
    Error fold(const QString &typeName, const QUuid &id, const Detail::FoldRequest &request);
    Error saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion, const QJsonValue &state);

    /*! Starts the worker if need be and queues \a work there; false (and \a work untouched)
        when the store is not open or is closing. Any thread. */
    bool postToWorker(std::function<void()> &work);
    void startWorker(); // under workerMutex
    void stopWorker();
    Detail::Session *workerSessionInWorker(); // worker thread only
    void committed(const QList<RecordedEvent> &events, bool inWorker);
    void announce();
    void notifyInWorker(); // worker thread only

    EventStore *q_ptr;
    Q_DECLARE_PUBLIC(EventStore)

    EventStore::Options options; // as last asked for; the context has those of the open store
    mutable QMutex contextMutex;
    std::shared_ptr<const Detail::StoreContext> context; // while open
    std::unique_ptr<Detail::Session> storeSession;        // the store thread's connection
    QThread *ownerThread = nullptr;
    std::atomic<quint64> openId = 0; // EventStore::openId(), read on every load and command
    // Registered before or after open, by any thread; shared with every opening's context.
    const std::shared_ptr<Detail::SchemaRegistry> schemas = std::make_shared<Detail::SchemaRegistry>();

    // The worker thread of the *Async calls, started on first use, with its own connection.
    // Started, and posted to, under workerMutex: the *Async calls may come from any thread.
    QMutex workerMutex;
    bool closing = false; // under workerMutex: close() has begun, no work is posted any more
    std::unique_ptr<QThread> worker;
    QObject *workerContext = nullptr;               // lives in the worker thread
    std::unique_ptr<Detail::Session> workerSession; // created and destroyed in the worker thread

    // Commit notifications, coalesced and sent from the worker thread, off the append path.
    std::atomic<bool> announcePending = false;
    QElapsedTimer sinceNotification; // worker thread only
    QTimer *notifyTimer = nullptr;   // lives in the worker thread

    std::unique_ptr<Detail::CommitListener> commitListener; // made by listenForCommits()

    // Read replicas: one connection per thread, as for the primary, made on the first read.
    std::atomic<quint64> commits = 0; // commits of this store's connections, for read-your-writes
    std::unique_ptr<Detail::ReplicaConnection> storeReplica;  // the store thread's
    std::unique_ptr<Detail::ReplicaConnection> workerReplica; // the worker thread's
    quint64 storeReplicaCommits = 0;  // commits the store thread's replica is known to have replayed
    quint64 workerReplicaCommits = 0;

    mutable QMutex listenersMutex;
    std::unordered_map<std::type_index, std::shared_ptr<const void>> listeners;
};

} // namespace Evented
