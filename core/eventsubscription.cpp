#include <evented/eventstore.h>
#include <evented/eventsubscription.h>

namespace Evented {

EventSubscription::EventSubscription(EventStore *store, const QString &typeName, const QUuid &entityId,
                                     QObject *parent)
    : QObject(parent)
    , m_typeName(typeName)
    , m_entityId(entityId)
{
    connect(store, &EventStore::eventsCommitted, this, &EventSubscription::filter);
}

void EventSubscription::filter(const QList<RecordedEvent> &events)
{
    QList<RecordedEvent> matching;
    for (const RecordedEvent &event : events) {
        if (event.typeName == m_typeName && (m_entityId.isNull() || event.entityId == m_entityId))
            matching.append(event);
    }
    if (!matching.isEmpty())
        Q_EMIT eventsCommitted(matching);
}

} // namespace Evented
