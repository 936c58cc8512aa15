#pragma once

#include <evented/entity.h>
#include <evented/evented_core_export.h>
#include <evented/eventfilter.h>
#include <evented/recordedevent.h>

#include <QObject>

#include <memory>

namespace Evented {

class EventStore;
class EventSubscriptionPrivate;

/*!
    A filtered view of a store's commits for signal-slot code: eventsCommitted() carries only
    the events that pass the filter (an entity type, one entity, event names…). Emitted in the
    subscription's thread (queued when that is not the store's).
*/
class EVENTED_CORE_EXPORT EventSubscription : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EventSubscription)
public:
    EventSubscription(EventStore *store, const EventFilter &filter, QObject *parent = nullptr);
    /*! The events of entity type \a typeName and, when \a entityId is not null, of that entity only. */
    EventSubscription(EventStore *store, const QString &typeName, const QUuid &entityId = {}, QObject *parent = nullptr);
    ~EventSubscription() override;

    /*! A subscription to entity type E, optionally to one entity. */
    template<EntityType E>
    static EventSubscription *create(EventStore *store, const EntityId<E> &id = {}, QObject *parent = nullptr)
    {
        const QUuid uuid = id == EntityId<E>{} ? QUuid() : IdCodec<EntityId<E>>::toUuid(id);
        return new EventSubscription(store, typeNameOf<E>(), uuid, parent);
    }

    EventFilter filter() const;

Q_SIGNALS:
    void eventsCommitted(const QList<Evented::RecordedEvent> &events, QPrivateSignal);

private:
    std::unique_ptr<EventSubscriptionPrivate> d_ptr;
};

} // namespace Evented
