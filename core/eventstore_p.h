#pragma once

#include "dialect_p.h"
#include "session_p.h"

#include <evented/eventstore.h>

#include <QMutex>
#include <QElapsedTimer>
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

    /*! Adds a connection of \a driver under a new name; empty with \a error set when Qt lacks the driver. */
    QString addConnection(const QString &driver, Error *error) const;
    Error openConnection(const QString &connectionName);
    QString newConnectionName(const char *role) const;

    void startWorker();
    void stopWorker();
    Detail::Session *workerSessionInWorker(); // worker thread only
    void committed(const QList<RecordedEvent> &events, bool inWorker);
    void announce();
    void notifyInWorker(); // worker thread only

    EventStore *q_ptr;
    Q_DECLARE_PUBLIC(EventStore)

    EventStore::Options options;
    std::shared_ptr<const Detail::Dialect> dialect;
    std::unique_ptr<Detail::Session> session;   // the store thread's connection
    QThread *ownerThread = nullptr;
    quint64 openId = 0; // EventStore::openId()

    // The worker thread of the *Async calls, started on first use, with its own connection.
    std::unique_ptr<QThread> worker;
    QObject *workerContext = nullptr;           // lives in the worker thread
    std::unique_ptr<Detail::Session> workerSession; // created and destroyed in the worker thread

    // Commit notifications, coalesced and sent from the worker thread, off the append path.
    std::atomic<bool> announcePending = false;
    QElapsedTimer sinceNotification; // worker thread only
    QTimer *notifyTimer = nullptr;   // lives in the worker thread

    QSqlDriver *listeningDriver = nullptr; // listenForCommits() connected to it

    mutable QMutex listenersMutex;
    std::unordered_map<std::type_index, std::shared_ptr<const void>> listeners;
};

} // namespace Evented
