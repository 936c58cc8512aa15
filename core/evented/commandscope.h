#pragma once

#include <evented/entity.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/listener.h>

#include <QList>
#include <QString>
#include <QUuid>

#include <memory>
#include <utility>
#include <vector>

namespace Evented {

class EventStore;
namespace Detail {
struct Decided;
}

/*!
    The other entities a command decides on. A command that takes one,
    \code
    Evented::Decision<Account, Rejection> handle(const QUuid &id, const Account &from, Evented::CommandScope &scope) const
    {
        const Account &to = scope.state<Account>(this->to);           // loaded on first use
        if (!to.open) return Rejection(NotOpen{});
        scope.add<Account>(this->to, Deposited{this->to, amount, …});  // an event of another entity
        return Debited{id, amount, …};                                 // the command's own entity
    }
    \endcode
    has all of its events appended in one transaction, each entity's at its own version with
    its own optimistic check: a conflict on any rolls everything back and names that entity,
    and a retry decides again on all of them as they are then. The listeners of every entity
    type run for their events.

    Only the entities that get events are checked; one that is only read is read as it was
    when the command decided.
*/
class EVENTED_CORE_EXPORT CommandScope
{
public:
    /*! For the store: a scope of a command on \a ownType \a ownId. */
    CommandScope(EventStore *store, const QString &ownType, const QUuid &ownId);
    ~CommandScope();
    CommandScope(const CommandScope &) = delete;
    CommandScope &operator=(const CommandScope &) = delete;

    /*! The state of entity \a id of type F, loaded on first use (the default state when the
        load fails: the command then fails with that error, whatever it decides). */
    template<EntityType F>
    const F &state(const EntityId<F> &id);
    /*! Its version as loaded. */
    template<EntityType F>
    qint64 version(const EntityId<F> &id);
    /*! Appends \a event to entity \a id of type F with the command's own events. */
    template<EntityType F, typename Ev>
    void add(const EntityId<F> &id, Ev &&event, MetadataOf<F> metadata = {});

    /*! Why the scope cannot be used: a load failed, or the command's own entity was asked for. */
    const Error &error() const { return m_error; }
    /*! For the store: adds the events of each entity that got some to \a decided. */
    void appendTo(Detail::Decided &decided) const;

private:
    struct Entry
    {
        virtual ~Entry();
        virtual void appendTo(Detail::Decided &decided) const = 0;
    };
    template<EntityType F>
    struct TypedEntry;
    template<EntityType F>
    TypedEntry<F> &entry(const EntityId<F> &id);
    Error ownEntity() const;

    EventStore *m_store;
    QString m_ownType;
    QUuid m_ownId;
    Error m_error;
    std::vector<std::pair<std::pair<QString, QUuid>, std::unique_ptr<Entry>>> m_entries;
};

} // namespace Evented
