#pragma once

#include <evented/eventstore.h>
#include <evented/testing/commandexpectation.h>
#include <evented/testing/history.h>
#include <evented/testing/specresult.h>

#include <concepts>
#include <utility>

/*!
    \file entityspec.h
    Entity specs: given events, when a command, then events or a rejection.

    \code
    using namespace Evented::Testing;
    EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 100, eur})
                     .given<Account>(to, Created{to})          // another entity the command reads
                     .when(Transfer{to, 30})
                     .then(Debited{from, 30, eur})             // the command's own entity
                     .then<Account>(to, Deposited{to, 30, eur}));
    EVENTED_SPEC(given<Account>(id, Created{id}).when(Withdraw{5}).thenRejected(InsufficientBalance{0, 5}));
    \endcode

    The spec runs on a store of its own (a private in-memory SQLite database): the given events
    are appended as the store appends any (History), the command's entity is loaded and the
    command handled with EventStore::handle(), so it is decided exactly as in an application,
    its CommandScope loading the other entities from that store. then() expects the command to be
    applied with exactly the events listed, per entity and in order, and no events for any
    entity not listed; \c then() without events expects it applied with none. thenRejected()
    expects the rejection (of the command's rejection type; a Q_GADGET, or a variant of them, so
    that it encodes as JSON). Events and rejections are compared in the store's JSON encoding,
    and a failure prints both sides in it.
*/

namespace Evented::Testing {

template<EntityType E, CommandFor<E> C>
class CommandSpec;

/*! The entity a command is decided on, and the events it and other entities start from.
    Made by given(). */
template<EntityType E>
class EntitySpec
{
public:
    explicit EntitySpec(EntityId<E> id)
        : m_id(std::move(id))
    {
    }

    /*! More given events: of entity \a id of type F (the command's own entity, or another). */
    template<EntityType F, typename... Events>
        requires(std::constructible_from<typename F::Event, Events &&> && ...)
    EntitySpec given(const EntityId<F> &id, Events &&...events) &&
    {
        m_history.add<F>(id, std::forward<Events>(events)...);
        return std::move(*this);
    }

    /*! The command to decide on the entity. */
    template<CommandFor<E> C>
    CommandSpec<E, C> when(C command) &&
    {
        return CommandSpec<E, C>(std::move(*this), std::move(command));
    }

    const EntityId<E> &id() const { return m_id; }
    const History &history() const { return m_history; }

private:
    EntityId<E> m_id;
    History m_history;
};

/*! Starts an entity spec: entity \a id of type E, which the command is decided on, with
    \a events (alternatives of E::Event, maybe none). */
template<EntityType E, typename... Events>
    requires(std::constructible_from<typename E::Event, Events &&> && ...)
EntitySpec<E> given(const EntityId<E> &id, Events &&...events)
{
    return EntitySpec<E>(id).template given<E>(id, std::forward<Events>(events)...);
}

/*! An entity spec with its command: then() or thenRejected() say what it must do; check()
    (or EVENTED_SPEC) runs it. */
template<EntityType E, CommandFor<E> C>
class CommandSpec
{
public:
    using Rejection = RejectionOf<C, E>;

    CommandSpec(EntitySpec<E> given, C command)
        : m_given(std::move(given))
        , m_command(std::move(command))
    {
    }

    /*! Expects the command applied, with \a events for its own entity (none: no events). */
    template<typename... Events>
        requires(std::constructible_from<typename E::Event, Events &&> && ...)
    CommandSpec then(Events &&...events) &&
    {
        m_expected.expectEvents<E>(m_given.id(), std::forward<Events>(events)...);
        return std::move(*this);
    }

    /*! Expects the command applied, with \a events for entity \a id of type F as well. */
    template<EntityType F, typename... Events>
        requires(std::constructible_from<typename F::Event, Events &&> && ...)
    CommandSpec then(const EntityId<F> &id, Events &&...events) &&
    {
        m_expected.expectEvents<F>(id, std::forward<Events>(events)...);
        return std::move(*this);
    }

    /*! Expects the command rejected with \a rejection. */
    CommandSpec thenRejected(const Rejection &rejection) &&
        requires JsonEncodable<Rejection>
    {
        m_expected.expectRejection(toJson(rejection));
        return std::move(*this);
    }

    /*! Runs the spec on a store of its own. */
    SpecResult check() const
    {
        EventStore store;
        if (SpecResult opened = m_given.history().open(store); !opened.passed())
            return opened;
        Result<Entity<E>> entity = store.load<E>(m_given.id());
        if (!entity) {
            const QString label = History::entityLabel(typeNameOf<E>(), IdCodec<EntityId<E>>::toUuid(m_given.id()));
            return SpecResult::fail(QStringLiteral("the command's entity %1 did not load").arg(label), entity.error());
        }
        const CommandResult<Rejection> result = store.handle(entity.value(), m_command);
        QJsonValue rejection;
        if constexpr (JsonEncodable<Rejection>) {
            if (result.isRejected())
                rejection = toJson(result.rejection());
        }
        return m_expected.judge(result.outcome(), result.events(), rejection, result.error());
    }

private:
    EntitySpec<E> m_given;
    C m_command;
    Detail::CommandExpectation m_expected;
};

} // namespace Evented::Testing
