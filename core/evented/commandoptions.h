#pragma once

#include <evented/evented_core_export.h>

#include <QString>
#include <QUuid>

namespace Evented {

struct RecordedEvent;

/*!
    How a command is handled, beyond the command itself: its id, and where it belongs in a
    chain of commands and events.

    \list
    \li \c commandId: a command with an id is handled at most once. Handling it again (a retry
        after a timeout, the same command sent from two processes, a replay after a crash)
        appends nothing and returns the first outcome: the events it appended, marked as a
        repeat. The id is recorded in the append's transaction (table \c command), so it
        commits or rolls back with the events. A rejection is not recorded: a command that was
        rejected may be sent again and succeed; nor is a command that appended nothing.
    \li \c correlationId: every event of the command carries it (\c correlation_id); a new one
        when null. A conversation of commands and events shares one.
    \li Every event also carries the command's id as its causation (\c causation_id): the
        given id, or a new one per command.
    \endlist

    A command that reacts to an event (in a projection handler, say) takes
    reactingTo(event, reactor): its id is derived from the event and the reactor, so that
    reacting again (after a crash, on a rebuild) is a repeat, and it joins the event's
    correlation.
*/
struct EVENTED_CORE_EXPORT CommandOptions
{
    QUuid commandId;
    QUuid correlationId;

    /*! The options of a command that \a reactor runs in reaction to \a event. */
    static CommandOptions reactingTo(const RecordedEvent &event, const QString &reactor);
};

} // namespace Evented
