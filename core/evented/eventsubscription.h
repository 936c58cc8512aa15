#pragma once

#include <evented/entity.h>
#include <evented/evented_core_export.h>
#include <evented/recordedevent.h>

#include <QObject>

namespace Evented {

class EventStore;

/*!
    A filtered view of a store's commits for signal-slot code: eventsCommitted() carries
    only the events of one entity type and, optionally, of one entity. Emitted in the
    subscription's thread (queued when that is not the store's).
*/
class EVENTED_CORE_EXPORT EventSubscription : public QObject
{
    Q_OBJECT
public:
    EventSubscription(EventStore *store, const QString &typeName, const QUuid &entityId = {},
                      QObject *parent = nullptr);

    /*! A subscription to entity type E, optionally to one entity. */
    template<EntityType E>
    static EventSubscription *create(EventStore *store, const EntityId<E> &id = {}, QObject *parent = nullptr)
    {
        const QUuid uuid = id == EntityId<E>{} ? QUuid() : IdCodec<EntityId<E>>::toUuid(id);
        return new EventSubscription(store, typeNameOf<E>(), uuid, parent);
    }

    QString typeName() const { return m_typeName; }
    QUuid entityId() const { return m_entityId; }

Q_SIGNALS:
    void eventsCommitted(const QList<Evented::RecordedEvent> &events);

private:
    void filter(const QList<RecordedEvent> &events);

    QString m_typeName;
    QUuid m_entityId;
};

} // namespace Evented
