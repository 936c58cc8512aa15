#pragma once

#include <evented/entity.h>
#include <evented/error.h>
#include <evented/eventfilter.h>
#include <evented/eventschema.h>
#include <evented/evented_core_export.h>
#include <evented/listener.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QDateTime>
#include <QFuture>
#include <QJsonValue>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace Evented {

class EventStore;
class ProjectionPrivate;

/*!
    The state of a projection, as the running object knows it and as it is stored in the
    \c projection table for other processes.
*/
struct EVENTED_CORE_EXPORT ProjectionState
{
    Q_GADGET
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(Status status MEMBER status)
    Q_PROPERTY(qint64 seqNo MEMBER seqNo)
    Q_PROPERTY(QString transactionId MEMBER transactionId)
    Q_PROPERTY(qint64 head MEMBER head)
    Q_PROPERTY(qint64 lag MEMBER lag)
    Q_PROPERTY(QString error MEMBER error)
    Q_PROPERTY(qint64 errorSeqNo MEMBER errorSeqNo)
    Q_PROPERTY(int waitingOnPid MEMBER waitingOnPid)
    Q_PROPERTY(QDateTime waitingSince MEMBER waitingSince)
    Q_PROPERTY(QString owner MEMBER owner)
    Q_PROPERTY(QDateTime updatedAt MEMBER updatedAt)
    Q_PROPERTY(qint64 leaseToken MEMBER leaseToken)
    Q_PROPERTY(Wakeup wakeup MEMBER wakeup)
    Q_PROPERTY(ReadsFrom readsFrom MEMBER readsFrom)
    Q_PROPERTY(qint64 replayLagBytes MEMBER replayLagBytes)
    Q_PROPERTY(qint64 replayLagMs MEMBER replayLagMs)
    Q_PROPERTY(bool stored MEMBER stored)
public:
    enum class Status {
        Stopped,    //!< not running
        Standby,    //!< running, but another instance of this name is the active one
        CatchingUp, //!< processing events
        Live,       //!< caught up; waiting for new events
        Waiting,    //!< caught up to an open transaction that holds newer events back (waitingOnPid)
        Failed,     //!< stopped by an error (error, errorSeqNo)
    };
    Q_ENUM(Status)

    /*! How a running projection hears of commits made elsewhere. */
    enum class Wakeup {
        Polling,       //!< it reads again every pollInterval() (SQLite; or through a transaction pooler without a direct connection)
        Notifications, //!< PostgreSQL's commit notifications (LISTEN), on its own or a direct connection
    };
    Q_ENUM(Wakeup)

    /*! Where a running projection reads the events it catches up on. */
    enum class ReadsFrom {
        Primary,         //!< the store's own server (no read replica configured)
        Replica,         //!< a read replica (StoreOptions::replicas); the view and position are written on the primary
        PrimaryFallback, //!< the primary, because no replica can be read now (tried again every few seconds)
    };
    Q_ENUM(ReadsFrom)

    QString name;
    Status status = Status::Stopped;
    qint64 seqNo = 0;          //!< seq_no of the last handled event (0: none)
    QString transactionId;     //!< its transaction id: the position is the pair (transactionId, seqNo)
    qint64 head = 0;           //!< the store's highest seq_no when last looked at
    qint64 lag = 0;            //!< head - seqNo while catching up or waiting; 0 when live
    QString error;             //!< the reason of the last failure
    qint64 errorSeqNo = -1;    //!< the event that failed, or -1
    int waitingOnPid = 0;      //!< backend pid of the transaction that holds events back
    QDateTime waitingSince;    //!< since when that transaction is open (when the role may see it)
    QString owner;             //!< host:pid of the active instance
    QDateTime updatedAt;       //!< when the stored state last changed
    qint64 leaseToken = 0;     //!< fencing token of the active instance's lease; 0 when no instance holds it
    Wakeup wakeup = Wakeup::Polling; //!< of the running object; read() does not know it
    ReadsFrom readsFrom = ReadsFrom::Primary; //!< of the running object; read() does not know it
    qint64 replayLagBytes = -1; //!< bytes of log the replica had still to replay when last caught up; -1: not known or no replica
    qint64 replayLagMs = -1;    //!< how long the replica had not replayed a transaction while behind then; 0 when not behind, -1 not known
    bool stored = true;         //!< false: a domain declares the projection, but it never ran here (no row in table projection)

    /*! The states stored in the store's \c projection table, for any process to read. */
    static Result<QList<ProjectionState>> read(EventStore *store);
    /*! \a status for people, translated ("catching up"). */
    static QString statusText(Status status);
    /*! This state's status for people: statusText(status), or "never ran" when it is not stored. */
    QString statusLabel() const;
    /*! \a wakeup for people, translated ("commit notifications"). */
    static QString wakeupText(Wakeup wakeup);
    /*! Where the projection reads, with the replica's lag when known, for people, translated
        ("a replica, 0 bytes behind"). */
    static QString readsFromText(ReadsFrom readsFrom, qint64 replayLagBytes = -1, qint64 replayLagMs = -1);

    friend bool operator==(const ProjectionState &, const ProjectionState &) = default;
};

/*!
    An asynchronous projection: a named handler that receives every committed event that
    passes its filter, exactly once, in the order of commit (transaction id, then seq_no).

    The handler's writes and the projection's position commit in one transaction, one per
    batch of events. It runs in the projection's own thread on its own connection, never in
    the owner's thread. Only one instance of a name is active across all processes: the one that
    holds its lease (table projection_lease), renewed by heartbeats every third of
    leaseDuration(). Another instance waits as standby and takes the lease over when it is given
    up (the active one stopped) or expires (it died, hangs or was cut off); every takeover raises
    the lease's fencing token, which each batch checks in the transaction that stores its
    position, so that an instance that lost its lease never commits again (it goes standby and
    reports Error::Kind::LeaseLost).

    It is woken at once by commits of its store in this process, by PostgreSQL notifications
    of commits elsewhere (through a transaction-mode pooler only over the store's \c direct
    connection; see ProjectionState::wakeup), and otherwise polls every pollInterval().
*/
/*!
    What Projection::verify() found: the running digest that a projection stored with its
    position, against the one recomputed from the event table up to that position.
*/
struct ProjectionDigestCheck
{
    bool known = true;        //!< false: the position was stored without a digest (by evented, or before digests); reset() starts one
    bool matches = false;     //!< the digests and the counts of events agree: no event was skipped, none passed twice
    qint64 seqNo = 0;         //!< the stored position's seq_no
    qint64 storedEvents = 0;  //!< the events the projection says it passed
    qint64 events = 0;        //!< the events up to the position in the event table (up to toSeqNo when they differ)
    /*! Where they first differ: the events after fromSeqNo (0: from the first) up to toSeqNo, in
        commit order, between two checkpoints of the digest (one every 10,000 events). */
    qint64 fromSeqNo = 0;
    qint64 toSeqNo = 0;
};

/*! An event that a projection with ErrorStrategy::Park passed over because its handler (or its
    decoding) failed, as stored in the table projection_parked. */
struct ParkedEvent
{
    QString projection;    //!< the projection's name
    qint64 seqNo = 0;
    QString transactionId; //!< its place in the commit order, with seqNo
    QUuid entityId;
    QString typeName;
    QJsonValue event;      //!< the event as stored when it was parked (for people: a re-run reads the event table)
    QString error;         //!< why the last attempt failed
    QDateTime parkedAt;    //!< when it was parked, or last failed again
    int reruns = 0;        //!< re-runs that failed
};

/*! What Projection::rerunParked() did. */
struct ParkedRerun
{
    int applied = 0; //!< events applied and taken out of projection_parked
    int failed = 0;  //!< events whose handler failed again: they stay parked, with the new error
};

/*! What Projection::rebuild() found and did. */
struct RebuildOutcome
{
    qint64 seqNo = 0;          //!< the position both versions were compared at, in commit order
    qint64 events = 0;         //!< events the new version handled
    qint64 keys = 0;           //!< keys compared, in the views' tables together
    qint64 differing = 0;      //!< keys whose rows differ, or that one version has and the other has not
    QStringList differingKeys; //!< the first 100 of them, as "table: key"
    bool swapped = false;      //!< the new version is the view now
    qint64 milliseconds = 0;   //!< how long it took
};

/*! How Projection::rebuild() goes about it. */
struct RebuildOptions
{
    bool verifyOnly = false;        //!< build and compare, but keep the old version
    bool swapWhenDifferent = false; //!< swap even when keys differ (a handler that changed on purpose)
    /*! Called in the caller's thread as the new version catches up: its position's seq_no, and the
        live version's it is catching up with. */
    std::function<void(qint64 seqNo, qint64 target)> progress = {};
    int leaseMs = 10'000;           //!< how long the live version's lease is held for the swap
};

class EVENTED_CORE_EXPORT Projection : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(Projection)
public:
    /*! Handles one event inside the batch transaction; a failure rolls the batch back. */
    using Handler = std::function<ListenerResult(const RecordedEvent &event, QSqlDatabase &transaction)>;
    /*! Clears the view, in the same transaction as the position reset. */
    using ResetHandler = std::function<ListenerResult(QSqlDatabase &transaction)>;

    /*! A handler with its types erased (what both setHandler() forms set). An untyped one reads
        the event in \c recorded.event; a typed one decodes the event's JSON text (UTF-8, in its
        current shape) itself, and \c recorded.event is left null: no QJsonValue is made for it. */
    struct ErasedHandler
    {
        std::function<Error(const RecordedEvent &recorded, const Json::TaggedText &event, QSqlDatabase &transaction)> handle;
        bool decodesText = false;
    };

    enum class ErrorStrategy {
        Stop,  //!< the first failure stops the projection in state Failed
        Retry, //!< retry with doubling backoff, maxRetries() times, then stop
        /*! retry as Retry does, then park the event: record it in projection_parked (see
            parked()), pass over it and go on with the next; rerunParked() applies it later. A
            failure that is not the event's (the database's, the lease's) is never parked. */
        Park,
    };
    Q_ENUM(ErrorStrategy)

    /*! A projection named \a name over \a store's database and schema. */
    Projection(EventStore *store, const QString &name, QObject *parent = nullptr);
    ~Projection() override;

    QString name() const;

    /*! Sets the handler of the events that pass \a filter (its seq_no bounds are not used).
        Events of the types whose schemas the store knows (EventStore::registerEntityType(),
        Domain::registerSchemas()) arrive upcast to their current shapes; others as stored. */
    void setHandler(Handler handler, const EventFilter &filter = EventFilter::all());

    /*!
        Typed form: receives the events of entity type E in their current shapes (E's upcasters
        applied), decoded into E::Event straight from the JSON text the database sent; \a recorded
        carries the row's columns and metadata, but its \c event is left null (no QJsonValue is
        made for it). An event that cannot be decoded fails like the handler (DecodeFailed, with
        its seq_no) and follows the error strategy.
    */
    template<EntityType E>
    void setHandler(std::function<ListenerResult(const typename E::Event &event, const RecordedEvent &recorded,
                                                 QSqlDatabase &transaction)>
                        handler,
                    QStringList eventNames = {})
    {
        setErasedHandler({[handler = std::move(handler)](const RecordedEvent &recorded, const Json::TaggedText &text,
                                                         QSqlDatabase &db) {
                              typename E::Event event{};
                              QString why;
                              if (!fromTaggedText(text, event, &why))
                                  return Error::decodeFailed(recorded.seqNo, why);
                              return handlerError(recorded, handler(event, recorded, db));
                          },
                          true},
                         EventFilter::byType(typeNameOf<E>()).withEvents(eventNames), eventSchemaOf<E>());
    }

    void setResetHandler(ResetHandler handler);

    /*! Events per transaction during catch-up (default 500). */
    void setBatchSize(int events);
    int batchSize() const;
    /*! Fallback poll interval when no wake-up arrives (default 1000 ms). */
    void setPollInterval(int milliseconds);
    int pollInterval() const;
    /*! How long the active instance's lease lasts unless renewed (default 10 000 ms; at least
        300): the longest a standby waits to take over from an instance that died. It is renewed
        every third of it and with every batch; a batch that takes longer than the lease may be
        taken over and rolled back. */
    void setLeaseDuration(int milliseconds);
    int leaseDuration() const;
    /*! What a failure does (default Stop) and how often Retry retries (default 5); the
        backoff starts at 100 ms and doubles, up to 30 s. A lost connection is always retried. */
    void setErrorStrategy(ErrorStrategy strategy, int maxRetries = 5);
    ErrorStrategy errorStrategy() const;
    int maxRetries() const;

    /*!
        Runs the projection as \a partitions partitions (default 1; read at start). Each partition
        owns the entities whose id hashes to it, and handles their events in commit order, with a
        position, a lease and a digest of its own, stored as "name#k/n" (partition k of n). Every
        instance of the projection, in any process, runs a worker for each partition, but holds
        at most its share of them: the partitions divided by the instances alive (table
        projection_member), rounded up. An instance that holds more gives the highest of them up
        at its next heartbeat; one that stopped or died leaves its partitions to the others when
        its lease ends. Each partition reads the whole commit order and passes over the other
        partitions' events. The handler runs in the partitions' threads, concurrently for events
        of different partitions.
    */
    void setPartitions(int partitions);
    int partitions() const;

    /*!
        Declares a table of this projection's view: \a name (of your own, as
        EventStore::tableName() takes it), its column definitions and its key columns. The handler
        writes it under viewTable(\a name). A rebuild() builds each declared table anew beside
        it, compares the two by their keys, and swaps them.
    */
    void addView(const QString &name, const QString &columns, const QStringList &key);
    /*! The qualified table the handler writes for view \a name: the view's own table, or the
        new version's during a rebuild(). Call it when the projection is configured. */
    QString viewTable(const QString &name) const;
    /*! This object is the new version of a rebuild(): handlers with side effects (mail, HTTP)
        must not act, since the live version did for these events already. */
    bool isRebuild() const;

    /*!
        Rebuilds projection \a name without downtime: a new version, configured by \a configure
        (the handler, as the live one is configured, writing viewTable()), is built from the first
        event into new tables beside the view while the live version keeps serving and moving,
        and catches up with it. Then, in one transaction, the live version is paused at its
        position (its lease taken, so that it goes standby), the new one brought to exactly that
        position, the two compared key by key, and, unless \a options say otherwise or keys
        differ, the tables swapped (renamed) and the new version's position and digest become the
        projection's; the old tables are dropped. A reader of the view sees the old version up to
        the swap's commit and the new one after it, never an empty or partly built view, nor one
        that steps back. The live version resumes from the position where it was paused, on the
        new tables. Blocking, from the store's thread; not on a distributed store.
    */
    static Result<RebuildOutcome> rebuild(EventStore *store, const QString &name,
                                          const std::function<void(Projection &)> &configure,
                                          const RebuildOptions &options = {});

    /*! Starts the worker thread; a no-op when it runs. Settings are read at start: a store
        that is not open, a missing handler or name puts it in state Failed with the error. */
    void start();
    /*! Stops the worker and waits for it: when this returns no batch of this object runs. */
    void stop();
    bool isRunning() const;

    /*!
        Sets the position back to the beginning so that the view is rebuilt, calling the reset
        handler in the same transaction when \a clearView is true. Blocking: call it from the
        store's thread. A running worker of this object is stopped for it and started again.
        Fails, changing nothing, when another instance of the name is active.
    */
    [[nodiscard]] Error reset(bool clearView = true);

    /*! The state as this object knows it; updated from the worker, thread-safe. With several
        partitions: the most pressing status of any, the position of the one furthest behind. */
    ProjectionState state() const;
    /*! The state of each partition (one, named name(), without partitions); thread-safe. */
    QList<ProjectionState> partitionStates() const;

    /*!
        Read-your-writes: waits until the projection named \a name, running in this process or
        another, has handled \a events (a command's, say) and committed its view, so that a read
        of the view reflects them. It reads the stored position, in commit order (by transaction
        id on PostgreSQL, by seq_no on SQLite). Error::Kind::Timeout when that does not happen
        within \a timeoutMs. Blocking: from the store's thread or its worker.
    */
    static Error waitFor(EventStore *store, const QString &name, const QList<RecordedEvent> &events, int timeoutMs);
    /*! The same for this projection. */
    Error waitFor(const QList<RecordedEvent> &events, int timeoutMs) const;
    /*! The same without blocking: it waits on a connection of its own in a pool thread. */
    static QFuture<Error> waitForAsync(EventStore *store, const QString &name, const QList<RecordedEvent> &events,
                                       int timeoutMs);
    /*!
        Checks that projection \a name (in any process) passed every event up to its stored
        position exactly once: the running digest it stores with its position, of the seq_no,
        entity and version of every event it passed (applied or filtered out), recomputed from
        the event table. Blocking, from the store's thread; it reads every event up to the
        position once (as a catch-up does, but only three columns).
    */
    static Result<ProjectionDigestCheck> verify(EventStore *store, const QString &name);
    /*! The events that projection \a name (every projection when empty) parked, in commit
        order. Blocking, from the store's thread. */
    static Result<QList<ParkedEvent>> parked(EventStore *store, const QString &name = {});
    /*!
        Runs this projection's handler again on the events it parked (only on the one at \a seqNo
        when it is above 0), in commit order, each in a transaction of its own that takes it out
        of projection_parked: an event whose handler fails again stays parked with the new error.
        The event is read from the event table, upcast as a catch-up would. An event parked by
        another instance may be re-run here; two re-runs of one event never both apply it.
        Blocking, from the store's thread; the projection need not run, but needs its handler.
    */
    Result<ParkedRerun> rerunParked(qint64 seqNo = 0);

Q_SIGNALS:
    void stateChanged(const Evented::ProjectionState &state, QPrivateSignal);
    void errorOccurred(const Evented::Error &error, QPrivateSignal);
    /*! Every committed event has been handled; \a seqNo is the position's seq_no. */
    void caughtUp(qint64 seqNo, QPrivateSignal);
    /*! ErrorStrategy::Park passed over the event \a seqNo, which failed with \a error: it is in
        parked() now. */
    void eventParked(qint64 seqNo, const Evented::Error &error, QPrivateSignal);

private:

    /*! Sets the handler; \a schema, when given, is registered with the store so that events reach it upcast. */
    void setErasedHandler(ErasedHandler handler, const EventFilter &filter,
                          const std::shared_ptr<const EventSchema> &schema = nullptr);
    static Error handlerError(const RecordedEvent &event, const ListenerResult &result);

    std::unique_ptr<ProjectionPrivate> d_ptr;
};

} // namespace Evented

Q_DECLARE_METATYPE(Evented::ProjectionState)
