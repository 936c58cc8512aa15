// The events a spec starts from, appended to a store of the spec's own.

#include <evented/testing/history.h>

namespace Evented::Testing {

SpecResult History::open(EventStore &store, const Domain::Setup &setup, QList<RecordedEvent> *recorded) const
{
    if (const Error error = store.open(QStringLiteral("sqlite::memory:")); error.isError())
        return SpecResult::fail(QStringLiteral("the spec's in-memory store did not open"), error);
    if (setup) {
        if (const Error error = setup(store); error.isError())
            return SpecResult::fail(QStringLiteral("the setup of the spec's store failed"), error);
    }
    for (const Step &step : m_steps) {
        Result<QList<RecordedEvent>> appended = step.append(store);
        if (!appended)
            return SpecResult::fail(u"the given events of " + step.entity + u" were not appended", appended.error());
        if (recorded)
            recorded->append(appended.value());
    }
    return SpecResult::pass();
}

QString History::entityLabel(const QString &typeName, const QUuid &id)
{
    return typeName + u' ' + id.toString(QUuid::WithoutBraces);
}

} // namespace Evented::Testing
