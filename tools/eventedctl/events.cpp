// The events command: the stored events as a table or JSON lines.

#include "command.h"

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

int events(EventStore &store, const QCommandLineParser &p)
{
    EventFilter filter;
    filter.typeName = p.value(QStringLiteral("type"));
    filter.eventName = p.value(QStringLiteral("event"));
    if (p.isSet(QStringLiteral("entity"))) {
        filter.entityId = QUuid::fromString(p.value(QStringLiteral("entity")));
        if (filter.entityId.isNull())
            return usage(Ctl::tr("--entity needs a UUID"));
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
    return printEvents(store, filter, p.isSet(QStringLiteral("json")));
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
            p.addOption({QStringLiteral("from"), Ctl::tr("From seq_no <SEQ>."), QStringLiteral("SEQ")});
            p.addOption({QStringLiteral("to"), Ctl::tr("Up to seq_no <SEQ>."), QStringLiteral("SEQ")});
            p.addOption({QStringLiteral("json"), Ctl::tr("Print JSON lines (the export format).")});
        },
        .run = events,
    };
}

} // namespace EventedCtl
