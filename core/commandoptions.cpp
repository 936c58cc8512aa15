#include <evented/commandoptions.h>
#include <evented/recordedevent.h>

namespace Evented {

CommandOptions CommandOptions::reactingTo(const RecordedEvent &event, const QString &reactor)
{
    // A name-based id: the same reactor reacting to the same event always sends the same command.
    static const QUuid reactions = QUuid::fromString(QLatin1StringView("{5f6b1c2e-8d3a-4e71-9a55-3c0f2b7d9e41}"));
    const QString name = reactor + u'/' + event.typeName + u'/' + event.entityId.toString(QUuid::WithoutBraces) + u'/'
        + QString::number(event.version);
    CommandOptions options;
    options.commandId = QUuid::createUuidV5(reactions, name);
    options.correlationId = event.correlationId;
    return options;
}

} // namespace Evented
