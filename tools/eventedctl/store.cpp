// The commands over the store as a whole: migrate, stats, entities, verify.

#include "command.h"

#include <evented/eventlog.h>

namespace EventedCtl {

Command migrateCommand()
{
    return {
        .name = QStringLiteral("migrate"),
        .help = Ctl::tr("Create or upgrade the schema."),
        .store = StoreUse::Migrated,
        .run = [](EventStore &store, const QCommandLineParser &) {
            out() << Ctl::tr("schema version %1").arg(store.schemaVersion().value()) << Qt::endl;
            return Ok;
        },
    };
}

Command statsCommand()
{
    return {
        .name = QStringLiteral("stats"),
        .help = Ctl::tr("Events and entities per type, head seq_no, database size."),
        .run = [](EventStore &store, const QCommandLineParser &) {
            const auto stats = EventLog(&store).stats();
            if (!stats)
                return fail(stats.error().message());
            QList<QStringList> rows;
            for (const TypeStats &t : stats->types)
                rows.append({t.typeName, QString::number(t.events), QString::number(t.entities)});
            printTable({Ctl::tr("type"), Ctl::tr("events"), Ctl::tr("entities")}, rows);
            out() << Ctl::tr("events: %1, head seq_no: %2, database size: %3 bytes")
                         .arg(stats->events)
                         .arg(stats->head)
                         .arg(stats->databaseBytes)
                  << Qt::endl;
            return Ok;
        },
    };
}

Command entitiesCommand()
{
    return {
        .name = QStringLiteral("entities"),
        .help = Ctl::tr("Entities with their version and last change."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("type"), Ctl::tr("Only entities of type <T>."), QStringLiteral("T")});
        },
        .run = [](EventStore &store, const QCommandLineParser &p) {
            const auto entities = EventLog(&store).entities(p.value(QStringLiteral("type")));
            if (!entities)
                return fail(entities.error().message());
            QList<QStringList> rows;
            for (const EntitySummary &e : entities.value())
                rows.append({e.typeName, e.id.toString(QUuid::WithoutBraces), QString::number(e.version), time(e.lastChange)});
            printTable({Ctl::tr("type"), Ctl::tr("id"), Ctl::tr("version"), Ctl::tr("last change")}, rows);
            return Ok;
        },
    };
}

Command verifyCommand()
{
    return {
        .name = QStringLiteral("verify"),
        .help = Ctl::tr("Check version continuity, JSON and the event envelope; exit 1 on any problem."),
        .run = [](EventStore &store, const QCommandLineParser &) {
            const auto problems = EventLog(&store).verify();
            if (!problems)
                return fail(problems.error().message());
            for (const StoreProblem &problem : problems.value())
                out() << Ctl::tr("seq_no %1: %2").arg(problem.seqNo).arg(problem.message) << '\n';
            if (!problems->isEmpty()) {
                out() << Ctl::tr("problems found: %1").arg(problems->size()) << Qt::endl;
                return Failed;
            }
            out() << Ctl::tr("no problems found") << Qt::endl;
            return Ok;
        },
    };
}

} // namespace EventedCtl
