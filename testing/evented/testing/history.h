#pragma once

#include <evented/domain.h>
#include <evented/eventstore.h>
#include <evented/testing/evented_testing_export.h>
#include <evented/testing/specresult.h>

#include <QList>
#include <QString>

#include <concepts>
#include <functional>
#include <utility>

namespace Evented::Testing {

namespace Detail {
/*! The command that appends given events: it decides them, whatever the entity's state. */
template<EntityType F>
struct GivenEvents
{
    QList<EventWithMetadata<F>> events;
    Decision<F> handle(const EntityId<F> &, const F &) const { return events; }
};
} // namespace Detail

/*!
    The events a spec starts from: those of one or more entities, of any entity types, in the
    order they were given. A spec's store gets them as a command of each entity would append
    them: through EventStore::handle(), encoded as the store encodes events.
*/
class EVENTED_TESTING_EXPORT History
{
public:
    /*! Adds \a events (alternatives of F::Event) of entity \a id of type F. */
    template<EntityType F, typename... Events>
        requires(std::constructible_from<typename F::Event, Events &&> && ...)
    void add(const EntityId<F> &id, Events &&...events)
    {
        Detail::GivenEvents<F> given{{EventWithMetadata<F>{typename F::Event(std::forward<Events>(events)), {}}...}};
        m_steps.append({entityLabel(typeNameOf<F>(), IdCodec<EntityId<F>>::toUuid(id)),
                        [id, given](EventStore &store) -> Result<QList<RecordedEvent>> {
                            Result<Entity<F>> entity = store.load<F>(id);
                            if (!entity)
                                return entity.error();
                            const CommandResult<NoRejection> appended = store.handle(entity.value(), given);
                            if (!appended.isApplied())
                                return appended.error();
                            return appended.events();
                        }});
    }

    /*!
        Opens \a store on a private in-memory SQLite database (\c sqlite::memory:), runs
        \a setup on it (a domain's tables and listeners) and appends the events given, in their
        order. \a recorded, when given, gets the events as recorded. A failure says which step
        went wrong.
    */
    SpecResult open(EventStore &store, const Domain::Setup &setup = {}, QList<RecordedEvent> *recorded = nullptr) const;

    /*! An entity as failure messages name it: "account 6f1c…" (the type name and the id). */
    static QString entityLabel(const QString &typeName, const QUuid &id);

private:
    struct Step
    {
        QString entity;
        std::function<Result<QList<RecordedEvent>>(EventStore &store)> append;
    };
    QList<Step> m_steps;
};

} // namespace Evented::Testing
