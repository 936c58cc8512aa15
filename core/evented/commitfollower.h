#pragma once

#include <evented/error.h>
#include <evented/eventlog.h>
#include <evented/evented_core_export.h>
#include <evented/recordedevent.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Evented {

class EventStore;
class CommitFollowerPrivate;

/*!
    Follows what every process commits to one store, for readers that show it as it happens
    (the inspector, \c{eventedctl events --follow}, a host application's own view):
    eventsArrived() delivers each event committed after start() exactly once, in the order
    of commit.

    Events come by three paths, merged into that one signal: this process's commits through
    EventStore::eventsCommitted() at once; other processes' commits on PostgreSQL at their
    notification (EventStore::listenForCommits()); and a poll every pollInterval(), which is
    how other processes' commits are seen on SQLite and which backs up the notifications.
    The poll reads the commit order from a position (EventLog::readCommitted()), so an event
    whose seq_no was taken early but whose transaction commits late is delivered too, when it
    commits. On PostgreSQL that order waits for the oldest open transaction, so the poll also
    delivers at once what was committed past the highest seq_no delivered so far.

    An event or metadata that is not valid JSON is delivered as its stored text (a JSON
    string, as EventLog::setKeepUndecodable() reads it), and following goes on. A read that
    fails is reported by errorOccurred(); the next poll tries again from the same position.

    Blocking: it reads on the store's connection, so it lives in the store's thread.
    \code
    Evented::CommitFollower follower(&store);
    QObject::connect(&follower, &Evented::CommitFollower::eventsArrived, &view,
                     [&view](const QList<Evented::RecordedEvent> &events) { view.add(events); });
    if (const Evented::Error error = follower.start(); error.isError())
        qWarning() << error;
    \endcode
*/
class EVENTED_CORE_EXPORT CommitFollower : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(CommitFollower)
public:
    /*! A follower of \a store (not owned; it must outlive the follower). It starts stopped. */
    explicit CommitFollower(EventStore *store, QObject *parent = nullptr);
    ~CommitFollower() override;

    EventStore *store() const;

    /*!
        Starts following from the settled position: the events committed from now on are
        delivered, none committed before. A running follower starts again from now. Fails,
        changing nothing, when the store cannot be read.
    */
    [[nodiscard]] Error start();
    /*!
        The same, and runs \a reads on the store's connection in the same snapshot as the one
        the position is read in (see EventLog::inSnapshot()): what \a reads sees and what is
        delivered afterwards add up to every event exactly once. When \a reads fails, its
        error is returned and nothing changes.
    */
    [[nodiscard]] Error start(const std::function<Error()> &reads);
    /*! Stops following: nothing is delivered until the next start(). */
    void stop();
    bool isRunning() const;

    /*! How often the store is read for other processes' commits (default 500 ms; 0 turns the poll off). */
    void setPollInterval(int milliseconds);
    int pollInterval() const;

    /*!
        Delivers only the events that pass \a filter (entity type, entity, event name and
        seq_no bounds); the others are followed past all the same. By default every event.
    */
    void setFilter(const EventFilter &filter);
    EventFilter filter() const;

public Q_SLOTS:
    /*!
        Reads now what was committed since the last read and delivers it; returns how many
        events were delivered. Does nothing while stopped.
    */
    int pollNow();

Q_SIGNALS:
    /*! Events committed since the last delivery, each delivered once, in commit order. */
    void eventsArrived(const QList<Evented::RecordedEvent> &events, QPrivateSignal);
    /*! A read failed; following goes on, and the next read starts where this one did. */
    void errorOccurred(const Evented::Error &error, QPrivateSignal);

private:
    std::unique_ptr<CommitFollowerPrivate> d_ptr;
};

} // namespace Evented
