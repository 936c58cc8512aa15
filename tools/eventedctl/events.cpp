// The events command: the stored events as a table or JSON lines, and with --follow those
// committed from now on, as they commit; in the current shapes of the plugins' code.

#include "command.h"

#include <evented/commitfollower.h>
#include <evented/eventlog.h>
#include <evented/json.h>

namespace EventedCtl {

namespace {

QStringList eventHeader()
{
    return {Ctl::tr("seq_no"), Ctl::tr("type"), Ctl::tr("entity"), Ctl::tr("version"), Ctl::tr("event"),
            Ctl::tr("recorded at"), Ctl::tr("data")};
}

QStringList eventRow(const RecordedEvent &e)
{
    return {QString::number(e.seqNo), e.typeName, e.entityId.toString(QUuid::WithoutBraces), QString::number(e.version),
            e.eventName, time(e.recordedAt), QString::fromUtf8(Json::compact(e.event))};
}

/*! The stored events that pass \a filter. */
int printEvents(EventStore &store, const EventFilter &filter, bool json)
{
    QList<QStringList> rows;
    const Error error = EventLog(&store).read(filter, [&](const RecordedEvent &e) {
        if (json)
            out() << EventLog::toJsonLine(e) << '\n';
        else
            rows.append(eventRow(e));
        return true;
    });
    if (!json)
        printTable(eventHeader(), rows);
    out().flush();
    return error.isError() ? fail(error.message()) : Ok;
}

/*! The events that pass \a filter as they are committed, by any process, until SIGTERM or SIGINT. */
int followEvents(EventStore &store, const EventFilter &filter, bool json)
{
    const StopSignals stopSignals;
    if (!stopSignals.isValid())
        return fail(Ctl::tr("cannot watch for signals: %1").arg(qt_error_string()));
    // Rows are printed one by one: the columns are as wide as their usual content.
    QList<qsizetype> widths;
    const QStringList header = eventHeader();
    for (const qsizetype usual : {8, 12, 36, 7, 12, 24, 0})
        widths.append(std::max(usual, header.value(widths.size()).size()));

    CommitFollower follower(&store);
    follower.setFilter(filter);
    QObject::connect(&follower, &CommitFollower::eventsArrived, &follower,
                     [json, &widths](const QList<RecordedEvent> &events) {
                         for (const RecordedEvent &e : events) {
                             if (json)
                                 out() << EventLog::toJsonLine(e) << '\n';
                             else
                                 printRow(eventRow(e), widths);
                         }
                         out().flush();
                     });
    // A failing read is retried at each poll: each new reason is told once.
    QObject::connect(&follower, &CommitFollower::errorOccurred, &follower, [last = QString()](const Error &error) mutable {
        if (error.message() != last)
            err() << "eventedctl: " << error.message() << Qt::endl;
        last = error.message();
    });
    if (const Error error = follower.start(); error.isError())
        return fail(error.message());
    if (!json)
        printRow(header, widths);
    out().flush();
    err() << Ctl::tr("following the events as they are committed; stop with Ctrl-C") << Qt::endl;
    const int status = QCoreApplication::exec();
    out().flush();
    return status;
}

int events(EventStore &store, const QCommandLineParser &p)
{
    EventFilter filter;
    if (p.isSet(QStringLiteral("type")))
        filter.typeNames = {p.value(QStringLiteral("type"))};
    if (p.isSet(QStringLiteral("event")))
        filter.eventNames = {p.value(QStringLiteral("event"))};
    for (const auto &[name, field] : {std::pair{QStringLiteral("entity"), &filter.entityId},
                                       std::pair{QStringLiteral("correlation"), &filter.correlationId},
                                       std::pair{QStringLiteral("command"), &filter.causationId}}) {
        if (!p.isSet(name))
            continue;
        *field = QUuid::fromString(p.value(name));
        if (field->isNull())
            return usage(Ctl::tr("--%1 needs a UUID").arg(name));
    }
    for (const auto &[name, field] : {std::pair{QStringLiteral("from"), &filter.fromSeqNo},
                                       std::pair{QStringLiteral("to"), &filter.toSeqNo}}) {
        if (!p.isSet(name))
            continue;
        bool ok = false;
        *field = p.value(name).toLongLong(&ok);
        if (!ok || *field < 1)
            return usage(Ctl::tr("--%1 needs a positive seq_no").arg(name));
    }
    // In the current shapes of the plugins' code unless asked for the stored ones.
    const bool stored = p.isSet(QStringLiteral("stored"));
    if (!stored)
        readCurrentShapes(store);
    const bool json = p.isSet(QStringLiteral("json"));
    if (!p.isSet(QStringLiteral("follow")))
        return printEvents(store, filter, json);
    if (filter.fromSeqNo > 0 || filter.toSeqNo > 0)
        return usage(Ctl::tr("--follow prints the events committed from now on: it takes no --from or --to"));
    return followEvents(store, filter, json);
}

} // namespace

Command eventsCommand()
{
    return {
        .name = QStringLiteral("events"),
        .help = Ctl::tr("Events in seq_no order, as a table or JSON lines."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("type"), Ctl::tr("Only events of entity type <T>."), QStringLiteral("T")});
            p.addOption({QStringLiteral("entity"), Ctl::tr("Only events of entity <ID>."), QStringLiteral("ID")});
            p.addOption({QStringLiteral("event"), Ctl::tr("Only events named <NAME>."), QStringLiteral("NAME")});
            p.addOption({QStringLiteral("correlation"),
                         Ctl::tr("Only events of the conversation <ID> (their correlation id)."), QStringLiteral("ID")});
            p.addOption({QStringLiteral("command"),
                         Ctl::tr("Only events appended by the command <ID> (their causation id: the command id "
                                 "send --command-id gave, or a new one per command)."),
                         QStringLiteral("ID")});
            p.addOption({QStringLiteral("from"), Ctl::tr("From seq_no <SEQ>."), QStringLiteral("SEQ")});
            p.addOption({QStringLiteral("to"), Ctl::tr("Up to seq_no <SEQ>."), QStringLiteral("SEQ")});
            p.addOption({QStringLiteral("json"),
                         Ctl::tr("Print JSON lines (the export format, with correlation_id and causation_id).")});
            p.addOption({QStringLiteral("stored"),
                         Ctl::tr("Show the events as stored, not in the current shapes and versions of the plugins' code.")});
            p.addOption({QStringLiteral("follow"),
                         Ctl::tr("Print the events committed from now on, by any process, as they commit, "
                                 "until SIGTERM or SIGINT.")});
        },
        .usesPlugins = true,
        .run = events,
    };
}

} // namespace EventedCtl
