#include <evented/eventstore.h>
#include <evented/eventsubscription.h>

namespace Evented {

class EventSubscriptionPrivate
{
public:
    EventFilter filter;
};

EventSubscription::EventSubscription(EventStore *store, const EventFilter &filter, QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<EventSubscriptionPrivate>())
{
    Q_D(EventSubscription);
    d->filter = filter;
    connect(store, &EventStore::eventsCommitted, this, [this](const QList<RecordedEvent> &events) {
        Q_D(EventSubscription);
        QList<RecordedEvent> matching;
        for (const RecordedEvent &event : events) {
            if (d->filter.matches(event))
                matching.append(event);
        }
        if (!matching.isEmpty())
            Q_EMIT eventsCommitted(matching, QPrivateSignal());
    });
}

EventSubscription::EventSubscription(EventStore *store, const QString &typeName, const QUuid &entityId, QObject *parent)
    : EventSubscription(store, EventFilter::byEntity(typeName, entityId), parent)
{
}

EventSubscription::~EventSubscription() = default;

EventFilter EventSubscription::filter() const
{
    Q_D(const EventSubscription);
    return d->filter;
}

} // namespace Evented
