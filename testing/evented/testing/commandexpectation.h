#pragma once

#include <evented/entity.h>
#include <evented/error.h>
#include <evented/json.h>
#include <evented/recordedevent.h>
#include <evented/result.h>
#include <evented/testing/evented_testing_export.h>
#include <evented/testing/specresult.h>

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>
#include <utility>

namespace Evented::Testing::Detail {

/*! \a event of entity type F as the store records it: the JSON text it writes for the event,
    parsed as it parses that text back. */
template<EntityType F, typename Event>
QJsonValue storedJson(Event &&event)
{
    QJsonValue json;
    Json::parse(toJsonText(typename F::Event(std::forward<Event>(event))), json);
    return json;
}

/*!
    What an entity spec expects of its command, events of each entity or a rejection, and the
    judgement of what the command did. Events and rejections are compared as JSON, in the
    store's encoding, and failures show both sides in it.
*/
class EVENTED_TESTING_EXPORT CommandExpectation
{
public:
    /*! Expects \a events of entity \a id of type F, after any expected for it already. */
    template<EntityType F, typename... Events>
    void expectEvents(const EntityId<F> &id, Events &&...events)
    {
        expectEvents(typeNameOf<F>(), IdCodec<EntityId<F>>::toUuid(id),
                     QList<QJsonValue>{storedJson<F>(std::forward<Events>(events))...});
    }
    /*! The same with the events as JSON: an applied command whose events are exactly these,
        per entity, in order (and none for any other entity). */
    void expectEvents(const QString &typeName, const QUuid &id, const QList<QJsonValue> &events);
    /*! Expects a rejection that encodes as \a rejection. */
    void expectRejection(const QJsonValue &rejection);

    /*! Judges what the command did: its \a outcome, the \a events it appended, its
        \a rejection as JSON and the \a error it failed with. */
    SpecResult judge(Outcome outcome, const QList<RecordedEvent> &events, const QJsonValue &rejection,
                     const Error &error) const;

private:
    struct EntityEvents
    {
        QString typeName;
        QUuid id;
        QList<QJsonValue> events;
    };
    static QList<EntityEvents> grouped(const QList<RecordedEvent> &events);
    static QString describe(const QList<EntityEvents> &entities);
    bool matches(const QList<EntityEvents> &actual) const;

    QList<EntityEvents> m_events;
    bool m_expectsEvents = false;
    std::optional<QJsonValue> m_rejection;
};

} // namespace Evented::Testing::Detail
