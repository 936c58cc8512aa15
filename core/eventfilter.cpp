#include <evented/eventfilter.h>

namespace Evented {

EventFilter EventFilter::byType(const QString &typeName)
{
    EventFilter filter;
    filter.typeNames = {typeName};
    return filter;
}

EventFilter EventFilter::byEntity(const QString &typeName, const QUuid &id)
{
    EventFilter filter = byType(typeName);
    filter.entityId = id;
    return filter;
}

EventFilter EventFilter::byEvent(const QStringList &eventNames)
{
    return all().withEvents(eventNames);
}

EventFilter EventFilter::byCorrelation(const QUuid &correlationId)
{
    EventFilter filter;
    filter.correlationId = correlationId;
    return filter;
}

EventFilter EventFilter::byCommand(const QUuid &commandId)
{
    EventFilter filter;
    filter.causationId = commandId;
    return filter;
}

EventFilter EventFilter::withEvents(const QStringList &eventNames) const
{
    EventFilter filter = *this;
    filter.eventNames = eventNames;
    return filter;
}

bool EventFilter::matches(const RecordedEvent &event) const
{
    return matchesType(event.typeName) && (entityId.isNull() || event.entityId == entityId)
        && (eventNames.isEmpty() || eventNames.contains(event.eventName)) && (fromSeqNo <= 0 || event.seqNo >= fromSeqNo)
        && (toSeqNo <= 0 || event.seqNo <= toSeqNo) && (correlationId.isNull() || event.correlationId == correlationId)
        && (causationId.isNull() || event.causationId == causationId);
}

} // namespace Evented
