#pragma once

#include <evented/entity.h>
#include <evented/eventstore.h>
#include <evented/evented_core_export.h>
#include <evented/projection.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaProperty>
#include <QVariant>

#include <functional>
#include <memory>
#include <variant>

/*!
    \file domain.h
    A domain described at run time: its entity types, commands and projections, for tools
    that know no C++ types (the inspector, \c eventedctl) and for domain plugins.

    \code
    Evented::Domain domain;
    domain.addEntityType<Counter>(QObject::tr("Counter"))
          .addCommand<Counter, Increase>()
          .addCommand<Counter, Decrease>();
    auto state = domain.replay(store, "counter", id);          // the state as JSON
    auto outcome = domain.handle(store, "counter", id, "Increase", {{"inc", 5}});
    \endcode

    An entity type's state is shown as JSON: a Q_GADGET state (or one with a JsonCodec) is
    encoded as it is; any other state needs a function that encodes it. A command is a
    Q_GADGET whose properties are its parameters; their defaults are those of a
    default-constructed command.
*/

namespace Evented {

/*! Folds one entity's stored events, one at a time, into a state shown as JSON. */
class EVENTED_CORE_EXPORT StateFolder
{
public:
    virtual ~StateFolder();
    /*! Applies one stored event (tag included); false with \a why when it cannot be decoded. */
    virtual bool apply(const QJsonValue &event, QString *why) = 0;
    /*! The same for the event as JSON text (UTF-8), decoded without a QJsonValue in between. */
    virtual bool apply(QByteArrayView event, QString *why) = 0;
    /*! The state after the events applied so far. */
    virtual QJsonValue state() const = 0;
    /*! Replaces the state with a snapshot's (strictly decoded); false with \a why when it cannot.
        Entity types without snapshots cannot. */
    virtual bool restore(const QJsonValue &snapshot, QString *why);
    /*! The state as a snapshot stores it; null for an entity type without snapshots. */
    virtual QJsonValue snapshot() const;
};

/*! An entity type of a domain. */
struct EVENTED_CORE_EXPORT EntityTypeInfo
{
    QString typeName;   //!< as stored in \c type_name
    QString title;      //!< for people; the type name when empty
    QStringList events; //!< the names (tags) of its events
    std::shared_ptr<const EventSchema> schema; //!< the versions of its events and its upcasters
    int stateVersion = 0; //!< the version of its snapshots' state; 0 without snapshots
    std::function<std::unique_ptr<StateFolder>()> newFolder;
};

/*! One parameter of a command: a property of the command's Q_GADGET. */
struct EVENTED_CORE_EXPORT CommandParameter
{
    QString name;
    QMetaType type;
    QJsonValue defaultValue; //!< the value of a default-constructed command, as JSON
};

struct [[nodiscard]] DomainResult;

/*! What handling a command through a Domain gave: CommandResult with the types erased.
    Nothing was written unless it is Applied. */
struct EVENTED_CORE_EXPORT DomainResult
{
    Outcome outcome = Outcome::Applied;
    bool isApplied() const { return outcome == Outcome::Applied; }
    bool isRejected() const { return outcome == Outcome::Rejected; }
    bool isFailed() const { return outcome == Outcome::Failed; }
    bool isConflict() const { return isFailed() && error.kind() == Error::Kind::VersionConflict; }

    QList<RecordedEvent> events; //!< when applied
    bool repeat = false;         //!< applied before under the same command id: events are the first ones
    QString rejectionName;       //!< when rejected: the rejection's type (for a std::variant, the one it holds)
    QJsonValue rejection;        //!< when rejected: the rejection as JSON (null when it has none)
    Error error;                 //!< when failed; a version conflict is Error::Kind::VersionConflict
    qint64 version = 0;          //!< the entity's version afterwards (applied or rejected)
};

/*! A command of a domain, for one entity type. */
struct EVENTED_CORE_EXPORT CommandInfo
{
    QString typeName; //!< the entity type it is handled by
    QString name;     //!< unique within the entity type ("Increase")
    QString title;    //!< for people; the name when empty
    QList<CommandParameter> parameters;
    /*!
        Loads the entity, decodes \a parameters (missing ones take their defaults) and handles
        the command. With \a expectedVersion >= 0 it is handled once and only if the entity is
        still at that version (a version conflict otherwise); with -1 a conflict is retried.
    */
    std::function<DomainResult(EventStore &store, const QUuid &id, const QJsonObject &parameters,
                                qint64 expectedVersion, const CommandOptions &options)>
        handle;
};

/*! A projection of a domain: its name and how it is set up. */
struct EVENTED_CORE_EXPORT ProjectionInfo
{
    QString name;
    /*! Sets the handler (and reset handler, batch size…) of a projection of this name on \a store. */
    std::function<void(Projection &projection, EventStore &store)> configure;
};

/*!
    A domain: entity types, commands, projections, and the setup that gives a store the views
    and listeners they need. A value type; copies share nothing mutable.
*/
class EVENTED_CORE_EXPORT Domain
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Domain)
public:
    /*! Creates the domain's own tables and installs its listeners; idempotent. */
    using Setup = std::function<Error(EventStore &store)>;

    /*! Adds entity type E, its state encoded by \a stateToJson (default: E's own JSON codec). */
    template<EntityType E>
    Domain &addEntityType(const QString &title = {}, std::function<QJsonValue(const E &)> stateToJson = {})
    {
        if (!stateToJson) {
            if constexpr (JsonEncodable<E>)
                stateToJson = [](const E &state) { return toJson(state); };
            else
                static_assert(JsonEncodable<E>, "give addEntityType a function that encodes the state as JSON");
        }
        EntityTypeInfo info;
        info.typeName = typeNameOf<E>();
        info.title = title;
        info.events = eventNames<typename E::Event>();
        info.schema = eventSchemaOf<E>();
        if constexpr (HasSnapshots<E>)
            info.stateVersion = E::stateVersion;
        info.newFolder = [stateToJson]() -> std::unique_ptr<StateFolder> {
            return std::make_unique<Folder<E>>(stateToJson);
        };
        return add(std::move(info));
    }

    /*! Adds command C of entity type E; C is a Q_GADGET whose properties are its parameters. */
    template<EntityType E, typename C>
        requires CommandFor<C, E> && Gadget<C> && std::default_initializable<C>
    Domain &addCommand(const QString &title = {})
    {
        CommandInfo info;
        info.typeName = typeNameOf<E>();
        info.name = Json::unqualifiedName(&C::staticMetaObject);
        info.title = title;
        const QJsonObject defaults = toJson(C{}).toObject();
        const QMetaObject &meta = C::staticMetaObject;
        for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i) {
            const QMetaProperty property = meta.property(i);
            const QString name = QString::fromLatin1(property.name());
            info.parameters.append({name, property.metaType(), defaults.value(name)});
        }
        info.handle = [defaults](EventStore &store, const QUuid &id, const QJsonObject &parameters,
                                 qint64 expectedVersion, const CommandOptions &options) {
            return handleCommand<E, C>(store, id, parameters, defaults, expectedVersion, options);
        };
        return add(std::move(info));
    }

    /*! Adds a projection: \a configure sets the handler of a Projection named \a name. */
    Domain &addProjection(const QString &name, std::function<void(Projection &, EventStore &)> configure);
    /*! Adds a setup step: create the tables of views and projections, install listeners. */
    Domain &addSetup(Setup setup);
    /*! Adds a setup step that creates the table \a name with \a columns when it is missing, kept
        as \a distribution says on a distributed store (EventStore::ensureTable). */
    Domain &addTable(const QString &name, const QString &columns, const TableDistribution &distribution = {});
    /*! Adds everything of \a other; an entity type, command or projection already here is an error. */
    Error merge(const Domain &other);

    const QList<EntityTypeInfo> &entityTypes() const;
    const EntityTypeInfo *entityType(const QString &typeName) const;
    /*! The error of a call about \a typeName, which the domain has no code for. */
    static Error noDomainCode(const QString &typeName);
    QList<CommandInfo> commands(const QString &typeName) const;
    const CommandInfo *command(const QString &typeName, const QString &name) const;
    const QList<ProjectionInfo> &projections() const;
    const ProjectionInfo *projection(const QString &name) const;
    /*! The states of \a store's projections (ProjectionState::read()), with a state for each
        projection of this domain that never ran there (\c stored false, Stopped at 0), by name. */
    Result<QList<ProjectionState>> projectionStates(EventStore *store) const;
    bool isEmpty() const;

    /*! Runs the setup steps on \a store (which must be writable). */
    Error setUp(EventStore &store) const;

    /*! Makes the event schemas of the domain's entity types known to \a store's reads that know
        no C++ types: its event log and untyped projection handlers then see current shapes. */
    void registerSchemas(EventStore &store) const;

    /*! An entity's state after \a version (all of its events when -1), with the version reached. */
    struct Replayed
    {
        QJsonValue state;
        qint64 version = 0;
        qint64 snapshotVersion = 0; //!< the version of the snapshot it started from; 0 when from the first event
    };
    /*! Replays an entity with the domain's code; all of it (\a version -1) starts from a valid
        snapshot where the entity type has them, unless \a useSnapshot is false. */
    [[nodiscard]] Result<Replayed> replay(EventStore &store, const QString &typeName, const QUuid &id, qint64 version = -1,
                                          bool useSnapshot = true) const;
    /*! Stores a snapshot of the entity's committed state now; Error::Kind::InvalidArgument for an
        entity type without snapshots or an entity without events. Returns the version taken. */
    [[nodiscard]] Result<qint64> takeSnapshot(EventStore &store, const QString &typeName, const QUuid &id) const;

    /*! Handles command \a name of entity type \a typeName; see CommandInfo::handle and CommandOptions. */
    DomainResult handle(EventStore &store, const QString &typeName, const QUuid &id, const QString &name,
                         const QJsonObject &parameters, qint64 expectedVersion = -1,
                         const CommandOptions &options = {}) const;

private:
    Domain &add(EntityTypeInfo info);
    Domain &add(CommandInfo info);
    static Error unknownParameter(const QString &command, const QString &name);
    /*! True, with \a out a repeat, when the command id of \a options was handled before. */
    static Result<bool> repeatOf(EventStore &store, const CommandOptions &options, DomainResult &out);
    static Error badParameters(const QString &command, const QString &why);

    template<typename Ev>
    static QStringList eventNames()
    {
        if constexpr (requires { JsonCodec<Ev>::variantNames(); })
            return JsonCodec<Ev>::variantNames();
        else
            return {};
    }

    template<EntityType E>
    class Folder final : public StateFolder
    {
    public:
        explicit Folder(std::function<QJsonValue(const E &)> encode)
            : m_encode(std::move(encode))
        {
        }
        bool apply(const QJsonValue &json, QString *why) override
        {
            typename E::Event event{};
            if (!fromJson(json, event, why))
                return false;
            m_state.apply(event);
            return true;
        }
        bool apply(QByteArrayView text, QString *why) override
        {
            typename E::Event event{};
            if (!fromJsonText(text, event, why))
                return false;
            m_state.apply(event);
            return true;
        }
        QJsonValue state() const override { return m_encode(m_state); }
        bool restore(const QJsonValue &snapshot, QString *why) override
        {
            if constexpr (HasSnapshots<E>) {
                E state{};
                if (!Detail::decodeSnapshot(snapshot, state, why))
                    return false;
                m_state = std::move(state);
                return true;
            } else {
                return StateFolder::restore(snapshot, why);
            }
        }
        QJsonValue snapshot() const override
        {
            if constexpr (HasSnapshots<E>)
                return toJson(m_state);
            else
                return StateFolder::snapshot();
        }

    private:
        std::function<QJsonValue(const E &)> m_encode;
        E m_state{};
    };

    template<typename T>
    struct IsVariant : std::false_type
    {
    };
    template<typename... Ts>
    struct IsVariant<std::variant<Ts...>> : std::true_type
    {
    };

    /*! Sets the rejection's name and JSON; a std::variant of rejections gives the one it holds. */
    template<typename R>
    static void describeRejection(const R &rejection, DomainResult &out)
    {
        if constexpr (IsVariant<R>::value) {
            std::visit([&out](const auto &held) { describeRejection(held, out); }, rejection);
        } else {
            if constexpr (Gadget<R>)
                out.rejectionName = Json::unqualifiedName(&R::staticMetaObject);
            if constexpr (JsonEncodable<R>)
                out.rejection = toJson(rejection);
        }
    }

    template<EntityType E, typename C>
    static DomainResult handleCommand(EventStore &store, const QUuid &id, const QJsonObject &parameters,
                                       const QJsonObject &defaults, qint64 expectedVersion, const CommandOptions &options)
    {
        DomainResult out;
        out.outcome = Outcome::Failed;
        const QString name = Json::unqualifiedName(&C::staticMetaObject);
        QJsonObject merged = defaults;
        for (auto it = parameters.begin(); it != parameters.end(); ++it) {
            if (!defaults.contains(it.key())) {
                out.error = unknownParameter(name, it.key());
                return out;
            }
            merged.insert(it.key(), it.value());
        }
        C command{};
        QString why;
        if (!fromJson(QJsonValue(merged), command, &why)) {
            out.error = badParameters(name, why);
            return out;
        }
        Result<Entity<E>> loaded = store.load<E>(IdCodec<EntityId<E>>::fromUuid(id));
        if (!loaded) {
            out.error = loaded.error();
            return out;
        }
        Entity<E> entity = std::move(loaded).value();
        if (expectedVersion >= 0 && entity.version() != expectedVersion) {
            // The version moved: by this command itself, handled before under its id?
            if (Result<bool> repeat = repeatOf(store, options, out); !repeat || repeat.value()) {
                out.version = entity.version();
                if (!repeat)
                    out.error = repeat.error();
                return out;
            }
            out.error = Error::versionConflict(typeNameOf<E>(), id, expectedVersion, entity.version());
            return out;
        }
        const auto result = store.handleWithRetry(entity, command, expectedVersion >= 0 ? 1 : defaultMaxAttempts, options);
        out.version = entity.version();
        out.outcome = result.outcome();
        out.repeat = result.isRepeat();
        if (result.isApplied())
            out.events = result.events();
        else if (result.isRejected())
            describeRejection(result.rejection(), out);
        else
            out.error = result.error();
        return out;
    }

    std::shared_ptr<struct DomainData> d;
    void detach();
};

/*!
    A domain plugin: a Qt plugin that provides a Domain. Declare it with
    \code
    class CounterPlugin : public QObject, public Evented::DomainPlugin {
        Q_OBJECT
        Q_PLUGIN_METADATA(IID EventedDomainPlugin_iid FILE "counter.json")
        Q_INTERFACES(Evented::DomainPlugin)
    public:
        Evented::Domain domain() const override;
    };
    \endcode
    The JSON metadata is read before the plugin is loaded: \c name, \c description and
    \c apiVersion (DomainPlugin::apiVersion).
*/
class EVENTED_CORE_EXPORT DomainPlugin
{
public:
    /*! The version of this interface; a plugin built against another is not loaded. */
    static constexpr int apiVersion = 2; // 2: event schemas, snapshots, command options
    virtual ~DomainPlugin();
    virtual Domain domain() const = 0;
};

} // namespace Evented

#define EventedDomainPlugin_iid "org.evented.DomainPlugin/2"
Q_DECLARE_INTERFACE(Evented::DomainPlugin, EventedDomainPlugin_iid)
