// What an entity spec expects of its command, compared with what the command did.

#include <evented/testing/commandexpectation.h>
#include <evented/testing/history.h>

#include <algorithm>

namespace Evented::Testing::Detail {

namespace {
QString jsonText(const QJsonValue &value)
{
    return QString::fromUtf8(Json::compact(value));
}
} // namespace

void CommandExpectation::expectEvents(const QString &typeName, const QUuid &id, const QList<QJsonValue> &events)
{
    m_expectsEvents = true;
    for (EntityEvents &entity : m_events) {
        if (entity.typeName == typeName && entity.id == id) {
            entity.events += events;
            return;
        }
    }
    m_events.append({typeName, id, events});
}

void CommandExpectation::expectRejection(const QJsonValue &rejection)
{
    m_rejection = rejection;
}

QList<CommandExpectation::EntityEvents> CommandExpectation::grouped(const QList<RecordedEvent> &events)
{
    QList<EntityEvents> entities;
    for (const RecordedEvent &event : events) {
        auto entity = std::find_if(entities.begin(), entities.end(), [&event](const EntityEvents &e) {
            return e.typeName == event.typeName && e.id == event.entityId;
        });
        if (entity == entities.end())
            entities.append({event.typeName, event.entityId, {event.event}});
        else
            entity->events.append(event.event);
    }
    return entities;
}

QString CommandExpectation::describe(const QList<EntityEvents> &entities)
{
    QString text;
    for (const EntityEvents &entity : entities) {
        const QString label = History::entityLabel(entity.typeName, entity.id);
        if (entity.events.isEmpty())
            text += u"\n    " + label + u": no events";
        for (const QJsonValue &event : entity.events)
            text += u"\n    " + label + u": " + jsonText(event);
    }
    return text.isEmpty() ? QStringLiteral("\n    no events") : text;
}

bool CommandExpectation::matches(const QList<EntityEvents> &actual) const
{
    const auto eventsOf = [](const QList<EntityEvents> &entities, const EntityEvents &of) {
        for (const EntityEvents &entity : entities) {
            if (entity.typeName == of.typeName && entity.id == of.id)
                return entity.events;
        }
        return QList<QJsonValue>();
    };
    return std::all_of(m_events.begin(), m_events.end(),
                       [&](const EntityEvents &expected) { return eventsOf(actual, expected) == expected.events; })
        && std::all_of(actual.begin(), actual.end(),
                       [&](const EntityEvents &entity) { return eventsOf(m_events, entity) == entity.events; });
}

SpecResult CommandExpectation::judge(Outcome outcome, const QList<RecordedEvent> &events, const QJsonValue &rejection,
                                     const Error &error) const
{
    if (m_expectsEvents && m_rejection)
        return SpecResult::fail(QStringLiteral("the spec expects both events and a rejection"));
    if (!m_expectsEvents && !m_rejection)
        return SpecResult::fail(QStringLiteral("the spec expects nothing: end it with then() or thenRejected()"));
    switch (outcome) {
    case Outcome::Failed:
        return SpecResult::fail(QStringLiteral("the command failed"), error);
    case Outcome::Rejected:
        if (!m_rejection) {
            return SpecResult::fail(u"the command was rejected, but events were expected\n  expected events:"
                                    + describe(m_events) + u"\n  actual rejection: " + jsonText(rejection));
        }
        if (*m_rejection != rejection) {
            return SpecResult::fail(u"the rejection differs\n  expected rejection: " + jsonText(*m_rejection)
                                    + u"\n  actual rejection:   " + jsonText(rejection));
        }
        return SpecResult::pass();
    case Outcome::Applied:
        break;
    }
    const QList<EntityEvents> actual = grouped(events);
    if (m_rejection) {
        return SpecResult::fail(u"the command was applied, but a rejection was expected\n  expected rejection: "
                                + jsonText(*m_rejection) + u"\n  actual events:" + describe(actual));
    }
    if (!matches(actual))
        return SpecResult::fail(u"the events differ\n  expected events:" + describe(m_events) + u"\n  actual events:" + describe(actual));
    return SpecResult::pass();
}

} // namespace Evented::Testing::Detail
