// The commands over the store as a whole: migrate, stats, entities, verify, commands-prune.

#include "command.h"

#include <evented/eventlog.h>
#include <evented/projection.h>

#include <QRegularExpression>

#include <optional>

namespace EventedCtl {

namespace {

/*! The seconds of a duration such as 30d, 12h, 90m or 45s; none when \a text is not one. */
std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})([dhms])$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    switch (match.captured(2).at(0).toLatin1()) {
    case 'd':
        return count * 86'400;
    case 'h':
        return count * 3'600;
    case 'm':
        return count * 60;
    default:
        return count;
    }
}

} // namespace

Command migrateCommand()
{
    return {
        .name = QStringLiteral("migrate"),
        .help = Ctl::tr("Create or upgrade the schema."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("distributed"),
                         Ctl::tr("On a Citus coordinator: also distribute the store's tables over the cluster "
                                 "(see README, Running on Citus).")});
        },
        .store = StoreUse::Migrated,
        .urlOptions = [](const QCommandLineParser &p) {
            QList<std::pair<QString, QString>> options;
            if (p.isSet(QStringLiteral("distributed")))
                options.append({QStringLiteral("distribute"), QStringLiteral("true")});
            return options;
        },
        .run = [](EventStore &store, const QCommandLineParser &) {
            out() << Ctl::tr("schema version %1").arg(store.schemaVersion().value()) << Qt::endl;
            if (store.isDistributed())
                out() << Ctl::tr("distributed over a Citus cluster") << Qt::endl;
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

namespace {

int verifyProjection(EventStore &store, const QString &name)
{
    const Result<ProjectionDigestCheck> check = Projection::verify(&store, name);
    if (!check)
        return fail(check.error().message());
    if (!check->known)
        return fail(Ctl::tr("projection %1 stored its position (seq_no %2) without a digest: reset it to start one")
                        .arg(name)
                        .arg(check->seqNo));
    if (!check->matches) {
        out() << Ctl::tr("projection %1: the digest differs in the events after seq_no %2 up to seq_no %3 in commit "
                         "order: one of them was skipped or passed twice")
                     .arg(name)
                     .arg(check->fromSeqNo)
                     .arg(check->toSeqNo)
              << Qt::endl;
        return Failed;
    }
    out() << Ctl::tr("projection %1: %2 events up to seq_no %3, each passed once").arg(name).arg(check->events).arg(check->seqNo)
          << Qt::endl;
    return Ok;
}

} // namespace

Command verifyCommand()
{
    return {
        .name = QStringLiteral("verify"),
        .help = Ctl::tr("Check version continuity, JSON and the event envelope; exit 1 on any problem."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("projection"),
                         Ctl::tr("Instead, check that projection <NAME> passed every event up to its position exactly once "
                                 "(its running digest, recomputed from the events)."),
                         QStringLiteral("NAME")});
        },
        .run = [](EventStore &store, const QCommandLineParser &p) {
            if (p.isSet(QStringLiteral("projection")))
                return verifyProjection(store, p.value(QStringLiteral("projection")));
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

Command commandsPruneCommand()
{
    return {
        .name = QStringLiteral("commands-prune"),
        .help = Ctl::tr("Delete the records of the commands handled longer ago than --older-than; print how many."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("older-than"),
                         Ctl::tr("The age <DURATION>: a number and d, h, m or s (30d, 12h, 90m, 45s). A command sent "
                                 "again after its record is gone is handled again."),
                         QStringLiteral("DURATION")});
        },
        .run = [](EventStore &store, const QCommandLineParser &p) {
            if (!p.isSet(QStringLiteral("older-than")))
                return usage(Ctl::tr("commands-prune needs --older-than DURATION (30d, 12h, 90m, 45s)"));
            const std::optional<qint64> seconds = parseDuration(p.value(QStringLiteral("older-than")));
            if (!seconds)
                return usage(Ctl::tr("--older-than needs a duration such as 30d, 12h, 90m or 45s: %1")
                                 .arg(p.value(QStringLiteral("older-than"))));
            const auto deleted = EventLog(&store).pruneCommands(QDateTime::currentDateTimeUtc().addSecs(-*seconds));
            if (!deleted)
                return fail(deleted.error().message());
            out() << Ctl::tr("command records deleted: %1").arg(deleted.value()) << Qt::endl;
            return Ok;
        },
    };
}

} // namespace EventedCtl
