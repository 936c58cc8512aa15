#pragma once

#include <evented/commandoptions.h>
#include <evented/commandscope.h>
#include <evented/entity.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/eventschema.h>
#include <evented/listener.h>
#include <evented/recordedevent.h>
#include <evented/result.h>
#include <evented/snapshots.h>

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <typeindex>

namespace Evented {

/*! How many times the calls that retry a version conflict decide in all, unless told otherwise:
    handleWithRetry(), handleAsync() and Domain::handle() without an expected version. handle()
    decides once. */
inline constexpr int defaultMaxAttempts = 5;

namespace Detail {
/*! An event ready to append: the event and metadata as JSON text (UTF-8), and the version of
    its shape. */
struct PendingEvent
{
    QByteArray event;
    QByteArray metadata;
    int version = 1;
};
/*! Visits a stored event during a load, as JSON text (UTF-8) in its current shape; returns
    false and sets \c why when it cannot decode. */
using EventVisitor = std::function<bool(QByteArrayView event, QString *why)>;

/*! How a load reads one entity: the schema its events are upcast with and, for an entity type
    with snapshots, the state version and how a snapshot's state is restored. */
struct FoldRequest
{
    std::shared_ptr<const EventSchema> schema; //!< null: events as stored
    EventVisitor visit;
    int stateVersion = 0; //!< 0: no snapshots
    /*! Restores the state of a snapshot at \a version; false with \a why when it cannot be decoded. */
    std::function<bool(const QJsonValue &state, qint64 version, QString *why)> restore;
};
/*! Runs the listener for the event at \c index of the append. */
using ErasedListener = std::function<ListenerResult(qsizetype index, const RecordedEvent &recorded, QSqlDatabase &db)>;

/*! The events a command appends to one entity, and the version they follow. */
struct EntityAppend
{
    QString typeName;
    QUuid entityId;
    qint64 expectedVersion = 0;
    bool versionStored = false; //!< this opening of the store read or wrote expectedVersion
    QList<PendingEvent> events;
    ErasedListener listener; //!< the entity type's listener, if any
};

/*! What a command decided: the events of each entity it writes, its own entity first. */
struct Decided
{
    QList<EntityAppend> appends;
};

/*! A command with its types erased: the store's retry loop drives it. */
struct ErasedCommand
{
    QString typeName; //!< of the command's own entity, as the command record names it
    QUuid entityId;
    /*! Decides on the entities as they are now: false for a rejection, else the events (maybe
        none), or an error in \c failure. */
    std::function<bool(Decided &out, Error &failure)> decide;
    /*! After the commit: folds the decided events into the entity. */
    std::function<void()> commit;
    /*! After a version conflict or a repeat: reloads the entity. */
    std::function<Error()> reload;
};

/*! How an erased command ended; the rejection itself stays with the typed caller. */
struct CommandOutcome
{
    Outcome outcome = Outcome::Applied;
    QList<RecordedEvent> events;
    Error error;
    bool repeat = false; //!< a command id handled before: these are the events it appended then
};
} // namespace Detail

class EventStorePrivate;

/*! How a store uses its database; the URL's query options set the same. */
struct StoreOptions
{
    QString schema = QStringLiteral("public"); //!< schema that holds the tables
    bool migrate = true;                        //!< create or upgrade the schema on open
    int notifyIntervalMs = 5;                   //!< coalescing window of NOTIFY wake-ups; -1 disables them
    bool readOnly = false;                      //!< the database refuses every write; implies no migration
    /*! A connection pooler between the store and PostgreSQL (URL option \c pooler). */
    enum class Pooler {
        None,        //!< a direct connection, or a pooler that keeps one server session per client
        Session,     //!< PgBouncer's session mode: the same as None, said explicitly
        Transaction, //!< transaction mode: consecutive transactions may run on different server sessions
    };
    Pooler pooler = Pooler::None;
    /*! host:port of the server itself, past the pooler, for what needs a session of its own
        (LISTEN); the user, password and database are the store's (URL option \c direct). */
    QString direct;
    /*! host:port of each read replica (URL option \c replica, comma-separated; same user,
        password and database): where the event log and projections' catch-up read. With several,
        the first that answers. Loads, commands and every write go to the primary. */
    QStringList replicas;
    /*! How long a read on a replica waits for the replica to replay this store's own last
        commit before it reads from the primary instead (URL option \c replica_wait_ms). */
    int replicaWaitMs = 2000;
    /*!
        On a Citus coordinator, distributes the store's tables over the cluster when the store
        opens with migration (URL option \c distribute; eventedctl migrate --distributed).
        Table event is sharded by entity_id (its primary key becomes (entity_id, seq_no), as
        Citus requires), snapshot and command beside it (command's key becomes (entity_id,
        command_id)); projection and projection_lease stay on the coordinator, known to Citus,
        so that a projection's batch commits its view and its position as one distributed
        transaction. Evented's columns and the meaning of its rows stay as they were.
        Idempotent; InvalidArgument on a database without the citus extension. A store that
        is distributed already is recognised as such without it. README (Running on Citus)
        says how projections read the commit order across shards.
    */
    bool distribute = false;
};

/*!
    Where a table of your own lives on a distributed store (a Citus cluster, see
    StoreOptions::distribute); on any other store every table is an ordinary one.
*/
struct TableDistribution
{
    enum class Kind {
        Local,       //!< an ordinary table on the coordinator
        ByEntity,    //!< sharded by a uuid column of entity ids, each row beside that entity's events
        Reference,   //!< a copy on every node: a small table that must be seen whole (a uniqueness index)
    };
    Kind kind = Kind::Local;
    QString column; //!< the column of entity ids, for ByEntity

    /*! Sharded by \a column (uuid), co-located with the events of the entity it names. */
    static TableDistribution byEntity(const QString &column) { return {Kind::ByEntity, column}; }
    static TableDistribution reference() { return {Kind::Reference, {}}; }
};

/*!
    The event store: loads entities, handles commands, appends their events atomically with
    optimistic locking, runs listeners in the append transaction and announces commits.

    Threads: a store, its connection and its signals belong to its thread (QObject::thread()).
    open() and the blocking calls (load(), handle(), …) are made from that thread; from any
    other they return Error::Kind::WrongThread. The *Async calls may be made from any thread
    while the store is open (from a projection handler that reacts to an event, say) and never
    block: they run on the store's own worker thread with its own connection and deliver their
    result through a QFuture. eventsCommitted() is always emitted in the
    store's thread, after the commit.
*/
class EVENTED_CORE_EXPORT EventStore : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EventStore)
public:
    using Options = StoreOptions;

    explicit EventStore(QObject *parent = nullptr);
    ~EventStore() override;

    /*!
        Opens \c postgresql://user:password@host:port/database?schema=name. Query options:
        \c schema, \c migrate (true/false), \c notify_interval_ms, \c read_only (true/false:
        every transaction of the store's connections is read-only); any other option is
        passed to libpq (for example \c connect_timeout, \c sslmode, \c application_name).
        Behind a connection pooler: \c pooler (none, session, transaction: see StoreOptions::Pooler;
        in transaction mode no server-side state outlives a transaction) and \c direct
        (host:port of the server past the pooler, where projections and listenForCommits()
        LISTEN; without it they poll). With streaming replicas: \c replica (host:port, several
        comma-separated: see StoreOptions::replicas) and \c replica_wait_ms. Several hosts in the
        authority (\c{postgresql://u:p@h1:p1,h2:p2/db?target_session_attrs=read-write}) are
        libpq's failover list: see normalizeStoreUrl(). On a Citus coordinator: \c distribute
        (true/false: see StoreOptions::distribute).

        Or an embedded SQLite database: \c sqlite:/path/to/file.db (created when missing unless
        migration is off: then a missing file is Error::Kind::NoStore) or
        \c sqlite::memory: (private to this store and its projections), with the options
        \c migrate and \c read_only (the file is opened read-only). The file is set to WAL mode with a 5 s busy timeout and foreign keys on.
    */
    Error open(const QString &url);
    /*! Uses a copy of an existing connection (of the same thread) with \a options; with
        \c readOnly the copy refuses every write, as \c read_only in a URL does. */
    Error open(const QSqlDatabase &database, const Options &options = {});
    void close();
    bool isOpen() const;
    Options options() const;

    /*! Creates or upgrades the schema; idempotent and safe from several processes at once. */
    Error migrate();
    /*! True when the store's tables are distributed over a Citus cluster (see StoreOptions::distribute). */
    bool isDistributed() const;
    /*! The schema version recorded in the database, 0 when there is none. */
    Result<int> schemaVersion();
    /*! The schema version this library writes. */
    static int currentSchemaVersion();

    /*!
        The quoted, schema-qualified name of a table of your own beside the store's tables, for
        views and projections: \c "public".counter_projection, or \c main.counter_projection.
    */
    QString tableName(const QString &name) const;
    /*!
        Creates the table \a name of your own (see tableName()) with the column definitions
        \a columns ("id uuid PRIMARY KEY, value bigint NOT NULL") when it is missing. For the
        views of listeners and projections; Domain::addTable() does it in a domain's setup.
    */
    Error ensureTable(const QString &name, const QString &columns);
    /*! The same, kept on a distributed store as \a distribution says; a table that is there
        already but not yet so is distributed now. On other stores the same as without it. */
    Error ensureTable(const QString &name, const QString &columns, const TableDistribution &distribution);

    /*! The connection of the store's thread, for reads of your own (never inside handle()). */
    QSqlDatabase database() const;

    /*!
        Loads an entity: one query, then its events folded in order, each brought to its current
        shape by E's upcasters (see eventschema.h). For an entity type with snapshots (see
        snapshots.h) the query starts from the entity's snapshot when it has one of E's state
        version, and folds only the events after it; a snapshot that cannot be decoded is
        ignored with a warning. An event that cannot be decoded is Error::Kind::DecodeFailed.
    */
    template<EntityType E>
    [[nodiscard]] Result<Entity<E>> load(const EntityId<E> &id)
    {
        Entity<E> entity(id);
        Detail::FoldRequest request;
        request.schema = eventSchemaOf<E>();
        request.visit = [&entity](QByteArrayView text, QString *why) {
            typename E::Event event{};
            if (!fromJsonText(text, event, why))
                return false;
            entity.apply(event);
            return true;
        };
        if constexpr (HasSnapshots<E>) {
            request.stateVersion = E::stateVersion;
            request.restore = [&entity](const QJsonValue &json, qint64 version, QString *why) {
                E state{};
                if (!Detail::decodeSnapshot(json, state, why))
                    return false;
                entity = Entity<E>(entity.id(), std::move(state), version);
                entity.m_snapshotVersion = version;
                return true;
            };
        }
        Error error = fold(typeNameOf<E>(), IdCodec<EntityId<E>>::toUuid(id), request);
        if (error.isError())
            return error;
        entity.m_versionSeenBy = openId();
        return entity;
    }

    /*!
        Stores a snapshot of \a entity now, whatever the policy says (E must declare a
        stateVersion). Only a state this store loaded or wrote, and so committed, can be taken:
        any other is Error::Kind::InvalidArgument.
    */
    template<EntityType E>
        requires HasSnapshots<E>
    [[nodiscard]] Error takeSnapshot(Entity<E> &entity)
    {
        if (entity.m_versionSeenBy != openId() || entity.version() == 0)
            return uncommittedSnapshot();
        Error error = saveSnapshot(typeNameOf<E>(), IdCodec<EntityId<E>>::toUuid(entity.id()), entity.version(),
                                   E::stateVersion, toJson(entity.state()));
        if (!error.isError())
            entity.m_snapshotVersion = entity.version();
        return error;
    }

    /*! Makes E's event schema known to the reads that know no C++ types (the event log, untyped
        projection handlers). Typed loads, commands and projection handlers of E do it themselves. */
    template<EntityType E>
    void registerEntityType()
    {
        registerSchema(eventSchemaOf<E>());
    }

    /*!
        Handles \a command on \a entity: a rejection or no events do no I/O (but for the
        check of a command id, and the loads of a CommandScope); otherwise all
        events are appended in one transaction at versions entity.version()+1, +2, … with the
        listener of E (if any) after each, and \a entity is updated only after the commit.
        A concurrent writer that got there first gives Error::Kind::VersionConflict.
    */
    template<EntityType E, CommandFor<E> C>
    [[nodiscard]] CommandResult<RejectionOf<C, E>> handle(Entity<E> &entity, const C &command,
                                                          const CommandOptions &options = {})
    {
        return handleWithRetry(entity, command, 1, options);
    }

    /*!
        Like handle(), but on a version conflict reloads the entity (after a pause of a
        millisecond or so, random: writers that collided would collide again) and decides again, at most
        \a maxAttempts times in all. With \a options, the command's id (handled at most once:
        see CommandOptions) and correlation.
    */
    template<EntityType E, CommandFor<E> C>
    [[nodiscard]] CommandResult<RejectionOf<C, E>> handleWithRetry(Entity<E> &entity, const C &command,
                                                                   int maxAttempts = defaultMaxAttempts,
                                                                   const CommandOptions &options = {})
    {
        using Out = CommandResult<RejectionOf<C, E>>;
        const auto listener = std::static_pointer_cast<const Listener<E>>(erasedListener(std::type_index(typeid(E))));
        std::optional<Decision<E, RejectionOf<C, E>>> decision;
        std::optional<CommandScope> scope;
        Detail::ErasedCommand erased;
        erased.typeName = typeNameOf<E>();
        erased.entityId = IdCodec<EntityId<E>>::toUuid(entity.id());
        erased.decide = [&](Detail::Decided &out, Error &failure) {
            if constexpr (ScopedCommandFor<C, E>) {
                scope.emplace(this, erased.typeName, erased.entityId);
                decision.emplace(command.handle(entity.id(), std::as_const(entity).state(), *scope));
                if (scope->error().isError()) {
                    failure = scope->error();
                    return false;
                }
            } else {
                decision.emplace(command.handle(entity.id(), std::as_const(entity).state()));
            }
            if (decision->isRejected())
                return false;
            if (!decision->events().isEmpty()) {
                Detail::EntityAppend own{erased.typeName, erased.entityId, entity.version(),
                                         entity.m_versionSeenBy == openId(), {}, {}};
                own.events.reserve(decision->events().size());
                for (const auto &e : decision->events())
                    own.events.append({toJsonText(e.event), toJsonText(e.metadata), eventVersionOf(e.event)});
                if (listener) {
                    own.listener = [&decision, listener](qsizetype index, const RecordedEvent &recorded, QSqlDatabase &db) {
                        return (*listener)(decision->events().at(index).event, recorded, db);
                    };
                }
                out.appends.append(std::move(own));
            }
            if (scope)
                scope->appendTo(out);
            return true;
        };
        erased.commit = [&] {
            for (const auto &e : decision->events())
                entity.apply(e.event);
            entity.m_versionSeenBy = openId();
            // From the committed state only; a snapshot that cannot be stored fails nothing.
            if constexpr (HasSnapshots<E>) {
                if (Detail::snapshotDue(entity.state(), entity.version(), entity.snapshotVersion()))
                    (void)takeSnapshot(entity);
            }
        };
        erased.reload = [&]() -> Error {
            Result<Entity<E>> reloaded = load<E>(entity.id());
            if (!reloaded)
                return reloaded.error();
            entity = std::move(reloaded).value();
            return {};
        };
        Detail::CommandOutcome outcome = runCommand(erased, maxAttempts, options);
        switch (outcome.outcome) {
        case Outcome::Applied:
            return Out::applied(std::move(outcome.events), outcome.repeat);
        case Outcome::Rejected:
            return Out::rejected(decision->rejection());
        case Outcome::Failed:
            break;
        }
        return Out::failed(outcome.error);
    }

    /*! load() on the worker thread. */
    template<EntityType E>
    [[nodiscard]] QFuture<Result<Entity<E>>> loadAsync(const EntityId<E> &id)
    {
        return runAsync<Result<Entity<E>>>([this, id] { return load<E>(id); });
    }

    /*!
        Loads the entity and handles \a command on the worker thread, retrying up to
        \a maxAttempts times on a version conflict; the future has the entity after it.
    */
    template<EntityType E, CommandFor<E> C>
    [[nodiscard]] QFuture<Handled<E, RejectionOf<C, E>>> handleAsync(const EntityId<E> &id, const C &command,
                                                                     int maxAttempts = defaultMaxAttempts,
                                                                     const CommandOptions &options = {})
    {
        using Out = Handled<E, RejectionOf<C, E>>;
        return runAsync<Out>([this, id, command, maxAttempts, options] {
            Result<Entity<E>> loaded = load<E>(id);
            if (!loaded)
                return Out{Entity<E>(id), CommandResult<RejectionOf<C, E>>::failed(loaded.error())};
            Entity<E> entity = std::move(loaded).value();
            auto result = handleWithRetry(entity, command, maxAttempts, options);
            return Out{std::move(entity), std::move(result)};
        });
    }

    /*!
        Runs \a work on the store's worker thread, after the asynchronous calls made before it,
        and returns its result in a QFuture: the blocking calls that \a work makes on this store
        (load(), handle(), EventLog, Domain, …) run there on the worker's connection, with the
        store's listeners. For a sequence of reads and writes that must not wait in the caller's
        thread; \a work runs at once, in the caller's thread, and fails with NotOpen, when the
        store is not open. Continue with \c{future.then(context, …)}.
    */
    template<typename T, typename F>
    [[nodiscard]] QFuture<T> runAsync(F &&work)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        post([promise, work = std::forward<F>(work)]() mutable {
            promise->addResult(work());
            promise->finish();
        });
        return future;
    }

    /*! Sets the listener of entity type E (replacing any); an empty function removes it. */
    template<EntityType E>
    void setListener(Listener<E> listener)
    {
        setErasedListener(std::type_index(typeid(E)),
                          listener ? std::make_shared<const Listener<E>>(std::move(listener)) : nullptr);
    }

    /*!
        Starts listening, on the store's own connection, for the commit notifications that
        stores of the same database and schema send (PostgreSQL's NOTIFY, coalesced per
        notify_interval_ms): commitsNotified() follows each. For readers that show what
        other processes write. Returns false where there are no notifications (SQLite: read
        again instead) or the store is not open.
    */
    bool listenForCommits();

Q_SIGNALS:
    /*! Emitted in the store's thread after a commit, with the events in version order. */
    void eventsCommitted(const QList<Evented::RecordedEvent> &events, QPrivateSignal);
    /*!
        After listenForCommits(): some store of this schema, in this process or another,
        committed events. The notification names no events: read those after the last seen.
    */
    void commitsNotified(QPrivateSignal);

private:
    // The typed templates above erase their types and call these. Each runs on the calling
    // thread's connection: the store's in its thread, the worker's in the worker thread.
    Error fold(const QString &typeName, const QUuid &id, const Detail::FoldRequest &request);
    /*! Stores a snapshot; a failure is logged and returned. */
    Error saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion, const QJsonValue &state);
    static Error uncommittedSnapshot();
    void registerSchema(const std::shared_ptr<const EventSchema> &schema);
    Detail::CommandOutcome runCommand(Detail::ErasedCommand &command, int maxAttempts, const CommandOptions &options);
    /*! Runs \a work on the worker thread (at once, here, when the store is not open). */
    void post(std::function<void()> work);
    /*! This opening of the store, never 0 while open; a version it read or wrote stays stored,
        since events are never deleted. */
    quint64 openId() const;
    void setErasedListener(std::type_index type, std::shared_ptr<const void> listener);
    std::shared_ptr<const void> erasedListener(std::type_index type) const;

    friend class CommandScope;
    std::unique_ptr<EventStorePrivate> d_ptr;
};

// CommandScope's templates, which load through the store.

template<EntityType F>
struct CommandScope::TypedEntry final : CommandScope::Entry
{
    Entity<F> entity;
    QList<EventWithMetadata<F>> events;
    std::shared_ptr<const Listener<F>> listener;

    void appendTo(Detail::Decided &decided) const override
    {
        if (events.isEmpty())
            return;
        // Loaded through the store just now: its version is stored.
        Detail::EntityAppend append{typeNameOf<F>(), IdCodec<EntityId<F>>::toUuid(entity.id()), entity.version(), true, {}, {}};
        append.events.reserve(events.size());
        for (const auto &e : events)
            append.events.append({toJsonText(e.event), toJsonText(e.metadata), eventVersionOf(e.event)});
        if (listener) {
            append.listener = [this](qsizetype index, const RecordedEvent &recorded, QSqlDatabase &db) {
                return (*listener)(events.at(index).event, recorded, db);
            };
        }
        decided.appends.append(std::move(append));
    }
};

template<EntityType F>
CommandScope::TypedEntry<F> &CommandScope::entry(const EntityId<F> &id)
{
    const std::pair<QString, QUuid> key{typeNameOf<F>(), IdCodec<EntityId<F>>::toUuid(id)};
    for (auto &[entryKey, entry] : m_entries) {
        if (entryKey == key)
            return static_cast<TypedEntry<F> &>(*entry);
    }
    auto made = std::make_unique<TypedEntry<F>>();
    made->entity = Entity<F>(id);
    if (key.first == m_ownType && key.second == m_ownId) {
        if (!m_error.isError())
            m_error = ownEntity();
    } else if (Result<Entity<F>> loaded = m_store->load<F>(id)) {
        made->entity = std::move(loaded).value();
    } else if (!m_error.isError()) {
        m_error = loaded.error();
    }
    made->listener = std::static_pointer_cast<const Listener<F>>(m_store->erasedListener(std::type_index(typeid(F))));
    TypedEntry<F> &ref = *made;
    m_entries.emplace_back(key, std::move(made));
    return ref;
}

template<EntityType F>
const F &CommandScope::state(const EntityId<F> &id)
{
    return entry<F>(id).entity.state();
}

template<EntityType F>
qint64 CommandScope::version(const EntityId<F> &id)
{
    return entry<F>(id).entity.version();
}

template<EntityType F, typename Ev>
void CommandScope::add(const EntityId<F> &id, Ev &&event, MetadataOf<F> metadata)
{
    entry<F>(id).events.append({typename F::Event(std::forward<Ev>(event)), std::move(metadata)});
}

} // namespace Evented
