#include <evented/eventfilter.h>
#include <evented/json.h>

#include <QCoreApplication>
#include <QJsonDocument>

namespace Evented {

namespace {

struct FilterText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventFilter)
};

} // namespace

Result<QJsonObject> EventFilter::parseContains(const QString &text)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(text.trimmed().toUtf8(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return Error::invalidArgument(FilterText::tr("The search is not JSON: %1 at character %2")
                                          .arg(parse.errorString())
                                          .arg(parse.offset + 1));
    if (!document.isObject())
        return Error::invalidArgument(FilterText::tr("The search must be a JSON object, such as {\"Increased\": {\"inc\": 5}}"));
    return document.object();
}

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
        && (causationId.isNull() || event.causationId == causationId)
        && (eventContains.isEmpty() || Json::contains(event.event, eventContains));
}

} // namespace Evented
