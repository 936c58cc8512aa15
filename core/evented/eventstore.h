#pragma once

#include <evented/entity.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/listener.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <typeindex>

namespace Evented {

namespace Detail {
class Session;
/*! An event ready to append: the encoded event and metadata. */
struct PendingEvent
{
    QJsonValue event;
    QJsonValue metadata;
};
/*! Visits a stored event during a load; returns false and sets \c why when it cannot decode. */
using EventVisitor = std::function<bool(const QJsonValue &event, QString *why)>;
/*! Runs the listener for the event at \c index of the append. */
using ErasedListener = std::function<ListenerResult(qsizetype index, const RecordedEvent &recorded, QSqlDatabase &db)>;
} // namespace Detail

class EventStorePrivate;

/*! How a store uses its database; the URL's query options set the same. */
struct StoreOptions
{
    QString schema = QStringLiteral("public"); //!< schema that holds the tables
    bool migrate = true;                        //!< create or upgrade the schema on open
    int notifyIntervalMs = 5;                   //!< coalescing window of NOTIFY wake-ups; -1 disables them
    bool readOnly = false;                      //!< the database refuses every write; implies no migration
};

/*!
    The event store: loads entities, handles commands, appends their events atomically with
    optimistic locking, runs listeners in the append transaction and announces commits.

    Threads: an EventStore and its connection belong to the thread that created it. The
    blocking calls (load(), handle()) must be made from that thread; they return
    Error::Kind::WrongThread otherwise. The *Async calls may be made from that thread too and
    never block: they run on the store's own worker thread with its own connection and
    deliver their result through a QFuture. eventsCommitted() is always emitted in the
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

        Or an embedded SQLite database: \c sqlite:/path/to/file.db (created when missing unless
        migration is off: then a missing file is Error::Kind::NoStore) or
        \c sqlite::memory: (private to this store and its projections), with the options
        \c migrate and \c read_only (the file is opened read-only). The file is set to WAL mode with a 5 s busy timeout and foreign keys on.
    */
    Error open(const QString &url);
    /*! Uses a copy of an existing, open connection (same thread). */
    Error open(const QSqlDatabase &database, const Options &options = {});
    void close();
    bool isOpen() const;
    Options options() const;

    /*! Creates or upgrades the schema; idempotent and safe from several processes at once. */
    Error migrate();
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

    /*! The connection of the store's thread, for reads of your own (never inside handle()). */
    QSqlDatabase database() const;

    /*! Loads an entity: one query, then its events folded in order. */
    template<EntityType E>
    Result<Entity<E>> load(const EntityId<E> &id)
    {
        Error error;
        Detail::Session *session = blockingSession(&error);
        if (!session)
            return error;
        return loadOn<E>(session, id);
    }

    /*!
        Handles \a command on \a entity: a rejection or no events do no I/O; otherwise all
        events are appended in one transaction at versions entity.version()+1, +2, … with the
        listener of E (if any) after each, and \a entity is updated only after the commit.
        A concurrent writer that got there first gives Error::Kind::VersionConflict.
    */
    template<EntityType E, CommandFor<E> C>
    CommandResult<RejectionOf<C, E>> handle(Entity<E> &entity, const C &command)
    {
        return handleWithRetry(entity, command, 1);
    }

    /*!
        Like handle(), but on a version conflict reloads the entity and decides again, at most
        \a maxAttempts times in all.
    */
    template<EntityType E, CommandFor<E> C>
    CommandResult<RejectionOf<C, E>> handleWithRetry(Entity<E> &entity, const C &command, int maxAttempts = 3)
    {
        Error error;
        Detail::Session *session = blockingSession(&error);
        if (!session)
            return CommandResult<RejectionOf<C, E>>::failed(error);
        return handleOn(session, entity, command, maxAttempts);
    }

    /*! load() on the worker thread. */
    template<EntityType E>
    QFuture<Result<Entity<E>>> loadAsync(const EntityId<E> &id)
    {
        return runAsync<Result<Entity<E>>>([this, id](Detail::Session *session) { return loadOn<E>(session, id); });
    }

    /*!
        Loads the entity and handles \a command on the worker thread, retrying up to
        \a maxAttempts times on a version conflict; the future has the entity after it.
    */
    template<EntityType E, CommandFor<E> C>
    QFuture<Handled<E, RejectionOf<C, E>>> handleAsync(const EntityId<E> &id, const C &command, int maxAttempts = 1)
    {
        using Out = Handled<E, RejectionOf<C, E>>;
        return runAsync<Out>([this, id, command, maxAttempts](Detail::Session *session) {
            Result<Entity<E>> loaded = loadOn<E>(session, id);
            if (!loaded)
                return Out{Entity<E>(id), CommandResult<RejectionOf<C, E>>::failed(loaded.error())};
            Entity<E> entity = std::move(loaded).value();
            auto result = handleOn(session, entity, command, maxAttempts);
            return Out{std::move(entity), std::move(result)};
        });
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
    void eventsCommitted(const QList<Evented::RecordedEvent> &events);
    /*!
        After listenForCommits(): some store of this schema, in this process or another,
        committed events. The notification names no events: read those after the last seen.
    */
    void commitsNotified();

private:
    friend class Domain; // replays with the same load, folding into its own states

    template<EntityType E>
    Result<Entity<E>> loadOn(Detail::Session *session, const EntityId<E> &id)
    {
        Entity<E> entity(id);
        Error error = foldEntity(session, typeNameOf<E>(), IdCodec<EntityId<E>>::toUuid(id),
                                 [&entity](const QJsonValue &json, QString *why) {
                                     typename E::Event event{};
                                     if (!fromJson(json, event, why))
                                         return false;
                                     entity.apply(event);
                                     return true;
                                 });
        if (error.isError())
            return error;
        entity.m_versionSeenBy = openId();
        return entity;
    }

    template<EntityType E, CommandFor<E> C>
    CommandResult<RejectionOf<C, E>> handleOn(Detail::Session *session, Entity<E> &entity, const C &command,
                                              int maxAttempts)
    {
        using Out = CommandResult<RejectionOf<C, E>>;
        const auto listener = std::static_pointer_cast<const Listener<E>>(erasedListener(std::type_index(typeid(E))));
        for (int attempt = 1;; ++attempt) {
            const auto decision = command.handle(entity.id(), std::as_const(entity).state());
            if (decision.isRejected())
                return Out::rejected(decision.rejection());
            if (decision.events().isEmpty())
                return Out::applied({});

            QList<Detail::PendingEvent> pending;
            pending.reserve(decision.events().size());
            for (const auto &e : decision.events())
                pending.append({toJson(e.event), toJson(e.metadata)});
            Detail::ErasedListener erased;
            if (listener) {
                erased = [&decision, &listener](qsizetype index, const RecordedEvent &recorded, QSqlDatabase &db) {
                    return (*listener)(decision.events().at(index).event, recorded, db);
                };
            }
            Result<QList<RecordedEvent>> appended = append(session, typeNameOf<E>(),
                                                           IdCodec<EntityId<E>>::toUuid(entity.id()),
                                                           entity.version(), entity.m_versionSeenBy == openId(),
                                                           pending, erased);
            if (appended) {
                for (const auto &e : decision.events())
                    entity.apply(e.event);
                entity.m_versionSeenBy = openId();
                return Out::applied(std::move(appended).value());
            }
            const Error error = appended.error();
            if (error.kind() != Error::Kind::VersionConflict || attempt >= maxAttempts)
                return Out::failed(error);
            Result<Entity<E>> reloaded = loadOn<E>(session, entity.id());
            if (!reloaded)
                return Out::failed(reloaded.error());
            entity = std::move(reloaded).value();
        }
    }

    template<typename T, typename F>
    QFuture<T> runAsync(F &&work)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        post([promise, work = std::forward<F>(work)](Detail::Session *session) mutable {
            promise->addResult(work(session));
            promise->finish();
        });
        return future;
    }

    Detail::Session *blockingSession(Error *error);
    void post(std::function<void(Detail::Session *)> work);
    Error foldEntity(Detail::Session *session, const QString &typeName, const QUuid &id,
                     const Detail::EventVisitor &visit);
    /*! Appends \a events at versions \a expectedVersion + 1, …; \a versionStored says that
        \a expectedVersion was read or written by this opening of the store (see openId()). */
    Result<QList<RecordedEvent>> append(Detail::Session *session, const QString &typeName, const QUuid &id,
                                        qint64 expectedVersion, bool versionStored,
                                        const QList<Detail::PendingEvent> &events,
                                        const Detail::ErasedListener &listener);
    /*! This opening of the store, never 0; a version it read or wrote stays stored, since
        events are never deleted. */
    quint64 openId() const;
    void setErasedListener(std::type_index type, std::shared_ptr<const void> listener);
    std::shared_ptr<const void> erasedListener(std::type_index type) const;

    std::unique_ptr<EventStorePrivate> d_ptr;
};

} // namespace Evented
