#pragma once

#include <evented/evented_core_export.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QJsonObject>
#include <QStringList>
#include <QUuid>

namespace Evented {

/*!
    Which events to take: the one filter of the library, for projections, subscriptions,
    reads of the event log and the tools. An empty list, a null id or a zero seq_no does not
    filter.
*/
struct EVENTED_CORE_EXPORT EventFilter
{
    QStringList typeNames;  //!< entity type names
    QUuid entityId;         //!< one entity
    QStringList eventNames; //!< event names, the tags of the events ("Increased")
    qint64 fromSeqNo = 0;   //!< first seq_no, inclusive
    qint64 toSeqNo = 0;     //!< last seq_no, inclusive
    QUuid correlationId;    //!< one conversation: the events of a chain of commands
    QUuid causationId;      //!< one command: the events it appended
    /*! Events whose JSON contains this, as PostgreSQL's jsonb containment (\c @>) has it: each
        key given, with a value that contains the one given (a value of an array: one of its
        elements does), a number or string equal. Read against the stored JSON by the database,
        and checked again on the event as read (upcast). */
    QJsonObject eventContains;

    static EventFilter all() { return {}; }
    static EventFilter byType(const QString &typeName);
    /*! The events of entity type \a typeName and, unless \a id is null, of that entity only. */
    static EventFilter byEntity(const QString &typeName, const QUuid &id);
    static EventFilter byEvent(const QStringList &eventNames);
    /*! The events of one conversation (correlation id). */
    static EventFilter byCorrelation(const QUuid &correlationId);
    /*! The events one command appended (its id, their causation). */
    static EventFilter byCommand(const QUuid &commandId);
    /*! \a text as eventContains: a JSON object; InvalidArgument says what is wrong with it. */
    static Result<QJsonObject> parseContains(const QString &text);
    /*! This filter, narrowed to the events named \a eventNames. */
    EventFilter withEvents(const QStringList &eventNames) const;

    /*! True when events of entity type \a typeName can pass. */
    bool matchesType(const QString &typeName) const { return typeNames.isEmpty() || typeNames.contains(typeName); }
    /*! True when \a event passes every condition. */
    bool matches(const RecordedEvent &event) const;

    friend bool operator==(const EventFilter &, const EventFilter &) = default;
};

} // namespace Evented
