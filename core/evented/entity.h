#pragma once

#include <evented/json.h>

#include <QList>
#include <QUuid>

#include <concepts>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <utility>

/*!
    \file entity.h
    Entity types, commands and their decisions.

    An entity type is a default-constructible struct that holds the state and declares:
    \code
    struct Counter {
        using Event = std::variant<Increased, Decreased>; // JSON-encodable, usually a variant of Q_GADGETs
        static constexpr auto typeName = "counter";        // stable: it is stored in every row
        void apply(const Event &event);                    // how one event changes the state
        quint64 value = 0;
        // optional: using Id = MyId;           (default QUuid, see IdCodec)
        // optional: using Metadata = MyMeta;   (default NoMetadata, stored as null)
    };
    \endcode
    A command has a const \c handle(id, state) that returns a Decision: events to append
    (each with metadata), none, or a rejection of the domain's own type.
*/

namespace Evented {

/*!
    Maps an entity's id type to the stored \c uuid. Specialise it for an id type of your own
    with \c toUuid and \c fromUuid.
*/
template<typename Id>
struct IdCodec;

template<>
struct IdCodec<QUuid>
{
    static QUuid toUuid(const QUuid &id) { return id; }
    static QUuid fromUuid(const QUuid &uuid) { return uuid; }
};

namespace Detail {
template<typename E>
struct IdOf
{
    using type = QUuid;
};
template<typename E>
    requires requires { typename E::Id; }
struct IdOf<E>
{
    using type = typename E::Id;
};
template<typename E>
struct MetadataOf
{
    using type = NoMetadata;
};
template<typename E>
    requires requires { typename E::Metadata; }
struct MetadataOf<E>
{
    using type = typename E::Metadata;
};
} // namespace Detail

/*! The id type of entity type E: \c E::Id, or QUuid. */
template<typename E>
using EntityId = typename Detail::IdOf<E>::type;
/*! The metadata type of entity type E: \c E::Metadata, or NoMetadata. */
template<typename E>
using MetadataOf = typename Detail::MetadataOf<E>::type;

// The requirements of an entity type, one concept each so a compiler error names the one missing.

template<typename E>
concept DeclaresEventType = requires { typename E::Event; };

template<typename E>
concept DeclaresTypeName = requires {
    { E::typeName } -> std::convertible_to<const char *>;
};

template<typename E>
concept AppliesEvents = DeclaresEventType<E> && requires(E &state, const typename E::Event &event) {
    state.apply(event);
};

template<typename E>
concept HasJsonEvents = DeclaresEventType<E> && JsonEncodable<typename E::Event> && JsonEncodable<MetadataOf<E>>;

template<typename E>
concept HasUuidId = requires(const EntityId<E> &id, const QUuid &uuid) {
    { IdCodec<EntityId<E>>::toUuid(id) } -> std::same_as<QUuid>;
    { IdCodec<EntityId<E>>::fromUuid(uuid) } -> std::same_as<EntityId<E>>;
};

/*! An event-sourced entity type: see the description of entity.h. */
template<typename E>
concept EntityType = std::default_initializable<E> && std::copy_constructible<E> && DeclaresEventType<E>
    && DeclaresTypeName<E> && AppliesEvents<E> && HasJsonEvents<E> && HasUuidId<E>;

/*! The type name of entity type E as stored in \c type_name. */
template<EntityType E>
QString typeNameOf()
{
    return QString::fromUtf8(E::typeName);
}

/*! An event with its metadata, as a command emits it. */
template<EntityType E>
struct EventWithMetadata
{
    typename E::Event event;
    MetadataOf<E> metadata{};
};

/*! Pairs an event with metadata: \c return withMetadata<Counter>(Increased{…}, meta); */
template<EntityType E, typename Ev>
EventWithMetadata<E> withMetadata(Ev &&event, MetadataOf<E> metadata)
{
    return {typename E::Event(std::forward<Ev>(event)), std::move(metadata)};
}

/*! The rejection type of a command that cannot be rejected. */
struct NoRejection
{
    friend bool operator==(NoRejection, NoRejection) = default;
};

/*!
    What a command decides: events to append (possibly none) or a rejection R.
    Built implicitly from an event, from an EventWithMetadata, from a list of them, or from R:
    \code
    Evented::Decision<Counter, Underflow> handle(const QUuid &id, const Counter &state) const {
        if (state.value < dec) return Underflow{state.value, dec};
        return Decreased{id, dec};
    }
    \endcode
*/
template<EntityType E, typename R = NoRejection>
class Decision
{
public:
    using Entity = E;
    using Rejection = R;
    using Event = typename E::Event;
    using Metadata = MetadataOf<E>;

    /*! No events: handling the command does no I/O. */
    Decision() = default;

    Decision(R rejection)
        requires(!std::same_as<R, NoRejection>)
        : m_rejection(std::move(rejection))
    {
    }

    template<typename Ev>
        requires std::constructible_from<Event, Ev &&> && (!std::same_as<std::remove_cvref_t<Ev>, R>)
                 && (!std::same_as<std::remove_cvref_t<Ev>, Decision>)
    Decision(Ev &&event)
    {
        m_events.append({Event(std::forward<Ev>(event)), Metadata{}});
    }

    Decision(EventWithMetadata<E> event) { m_events.append(std::move(event)); }
    Decision(QList<EventWithMetadata<E>> events)
        : m_events(std::move(events))
    {
    }
    Decision(std::initializer_list<Event> events)
    {
        m_events.reserve(qsizetype(events.size()));
        for (const Event &event : events)
            m_events.append({event, Metadata{}});
    }

    /*! Appends one more event. */
    Decision &add(Event event, Metadata metadata = {})
    {
        m_events.append({std::move(event), std::move(metadata)});
        return *this;
    }

    bool isRejected() const { return m_rejection.has_value(); }
    const R &rejection() const { return *m_rejection; }
    const QList<EventWithMetadata<E>> &events() const { return m_events; }

private:
    QList<EventWithMetadata<E>> m_events;
    std::optional<R> m_rejection;
};

namespace Detail {
template<typename D, typename E>
struct IsDecisionFor : std::false_type
{
};
template<typename E, typename R>
struct IsDecisionFor<Decision<E, R>, E> : std::true_type
{
};
} // namespace Detail

class CommandScope;

/*! A command on one entity of type E: \c handle(id, state) const returns a Decision<E, R>. */
template<typename C, typename E>
concept SingleCommandFor = EntityType<E> && requires(const C &command, const EntityId<E> &id, const E &state) {
    { command.handle(id, state) };
} && Detail::IsDecisionFor<std::remove_cvref_t<decltype(std::declval<const C &>().handle(std::declval<const EntityId<E> &>(), std::declval<const E &>()))>, E>::value;

/*! A command that also decides on other entities: \c handle(id, state, scope) const returns a
    Decision<E, R> and reads and writes the others through the CommandScope. */
template<typename C, typename E>
concept ScopedCommandFor = EntityType<E> && requires(const C &command, const EntityId<E> &id, const E &state, CommandScope &scope) {
    { command.handle(id, state, scope) };
} && Detail::IsDecisionFor<std::remove_cvref_t<decltype(std::declval<const C &>().handle(std::declval<const EntityId<E> &>(), std::declval<const E &>(), std::declval<CommandScope &>()))>, E>::value;

/*! A command for entity type E, of either kind. */
template<typename C, typename E>
concept CommandFor = SingleCommandFor<C, E> || ScopedCommandFor<C, E>;

namespace Detail {
template<typename C, typename E>
struct DecisionOf
{
    using type = decltype(std::declval<const C &>().handle(std::declval<const EntityId<E> &>(), std::declval<const E &>()));
};
template<typename C, typename E>
    requires ScopedCommandFor<C, E>
struct DecisionOf<C, E>
{
    using type = decltype(std::declval<const C &>().handle(std::declval<const EntityId<E> &>(), std::declval<const E &>(),
                                                           std::declval<CommandScope &>()));
};
} // namespace Detail

/*! The rejection type of command C on entity type E. */
template<typename C, typename E>
    requires CommandFor<C, E>
using RejectionOf = typename std::remove_cvref_t<typename Detail::DecisionOf<C, E>::type>::Rejection;

/*!
    An entity as loaded from the store: its id, its state after all of its events, and its
    version (the number of its events; 0 for an entity that has none yet).
*/
template<EntityType E>
class Entity
{
public:
    using Id = EntityId<E>;

    Entity() = default;
    explicit Entity(Id id, E state = {}, qint64 version = 0)
        : m_id(std::move(id))
        , m_state(std::move(state))
        , m_version(version)
    {
    }

    const Id &id() const { return m_id; }
    const E &state() const { return m_state; }
    qint64 version() const { return m_version; }
    /*! The version of the snapshot this entity was loaded from or last stored to; 0 when it
        was folded from its first event and none was stored since. */
    qint64 snapshotVersion() const { return m_snapshotVersion; }

    /*! Folds one event into the state and counts it. Used by the store and by replays. */
    void apply(const typename E::Event &event)
    {
        m_state.apply(event);
        ++m_version;
        m_versionSeenBy = 0; // a version counted here may not be stored
    }

private:
    friend class EventStore;
    friend class CommandScope;

    Id m_id{};
    E m_state{};
    qint64 m_version = 0;
    qint64 m_snapshotVersion = 0;
    // The opening of a store that read or wrote m_version, so that the version is known to be
    // stored there (EventStore::openId()); 0 when it was counted elsewhere.
    quint64 m_versionSeenBy = 0;
};

} // namespace Evented
