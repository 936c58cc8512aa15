// The commands over the history as the plugins' code reads it: check-history, upgrade-events,
// and the snapshots: snapshots, snapshot, snapshot-clear.

#include "command.h"

#include <evented/domain.h>
#include <evented/eventlog.h>
#include <evented/eventupgrade.h>
#include <evented/historycheck.h>

namespace EventedCtl {

namespace {

/*! The entity types of the repeatable option --type, each known to \a domain; Failed when one is not. */
int readTypes(const QCommandLineParser &p, const Domain &domain, QStringList *types)
{
    *types = p.values(QStringLiteral("type"));
    types->removeDuplicates();
    for (const QString &type : std::as_const(*types)) {
        if (const int status = checkEntityType(domain, type); status != Ok)
            return status;
    }
    return Ok;
}

/*! The check-history command: a table of what was read per type, then each problem. */
int checkHistory(EventStore &store, const QCommandLineParser &p)
{
    const Domain &domain = pluginDomain();
    if (const int status = checkAnyEntityType(domain); status != Ok)
        return status;
    QStringList types;
    if (const int status = readTypes(p, domain, &types); status != Ok)
        return status;
    const StopSignals stopSignals;
    HistoryCheck check(&store, domain);
    check.setTypes(types);
    Result<HistoryReport> report = [&] {
        Progress progress;
        return check.run([&](qint64 read, qint64 total) {
            progress.update(read, total);
            return !stopSignals.stopRequested();
        });
    }();
    if (!report)
        return fail(report.error().message());

    QList<QStringList> rows;
    QList<QStringList> problems;
    for (const HistoryTypeReport &type : std::as_const(report->types)) {
        rows.append({type.typeName, QString::number(type.events), QString::number(type.entities),
                     QString::number(type.snapshotsCompared), QString::number(type.snapshotsOutdated),
                     QString::number(type.problems.size())});
        for (const HistoryProblem &problem : type.problems) {
            const bool ofEvent = problem.kind == HistoryProblem::Kind::Event;
            problems.append({problem.typeName, ofEvent ? QString::number(problem.seqNo) : Ctl::tr("snapshot"),
                             problem.entityId.toString(QUuid::WithoutBraces), QString::number(problem.version),
                             problem.reason});
        }
    }
    // Stored types that no plugin knows: nothing of them was read.
    const QString none = QStringLiteral("-");
    for (const QString &type : std::as_const(report->unknownTypes))
        rows.append({type, none, none, none, none, Ctl::tr("not checked")});
    printTable({Ctl::tr("type"), Ctl::tr("events"), Ctl::tr("entities"), Ctl::tr("snapshots compared"),
                Ctl::tr("snapshots outdated"), Ctl::tr("problems")},
               rows);
    if (!problems.isEmpty()) {
        out() << '\n';
        printTable({Ctl::tr("type"), Ctl::tr("seq_no"), Ctl::tr("entity"), Ctl::tr("version"), Ctl::tr("problem")},
                   problems);
        out() << '\n' << Ctl::tr("problems found: %1").arg(report->problemCount()) << '\n';
    }
    if (!report->complete)
        out() << Ctl::tr("stopped before the end: not every event was checked") << '\n';
    if (report->isSound())
        out() << Ctl::tr("no problems found") << '\n';
    out().flush();
    return report->isSound() ? Ok : Failed;
}

/*! The upgrade-events command: what was read and rewritten, then each event left as it was. */
int upgradeEvents(EventStore &store, const QCommandLineParser &p)
{
    const Domain &domain = pluginDomain();
    if (const int status = checkAnyEntityType(domain); status != Ok)
        return status;
    QStringList types;
    if (const int status = readTypes(p, domain, &types); status != Ok)
        return status;
    EventUpgrade upgrade(&store, domain);
    upgrade.setTypes(types);
    if (p.isSet(QStringLiteral("batch-size"))) {
        bool ok = false;
        const int size = p.value(QStringLiteral("batch-size")).toInt(&ok);
        if (!ok || size < 1)
            return usage(Ctl::tr("--batch-size needs a number of events of 1 or more"));
        upgrade.setBatchSize(size);
    }
    const bool dry = p.isSet(QStringLiteral("dry-run"));
    upgrade.setDryRun(dry);
    const StopSignals stopSignals; // a batch commits whole: stopping leaves no half-rewritten one
    Result<EventUpgradeReport> report = [&] {
        Progress progress;
        return upgrade.run([&](qint64 read, qint64 total) {
            progress.update(read, total);
            return !stopSignals.stopRequested();
        });
    }();
    if (!report)
        return fail(report.error().message());
    if (dry)
        out() << Ctl::tr("events read: %1, would rewrite: %2").arg(report->events).arg(report->rewritten) << '\n';
    else
        out() << Ctl::tr("events read: %1, rewritten: %2").arg(report->events).arg(report->rewritten) << '\n';
    for (const StoreProblem &failure : std::as_const(report->failures))
        out() << Ctl::tr("seq_no %1: %2").arg(failure.seqNo).arg(failure.message) << '\n';
    if (!report->failures.isEmpty())
        out() << Ctl::tr("events left as they are: %1").arg(report->failures.size()) << '\n';
    if (!report->complete)
        out() << Ctl::tr("stopped before the end: run it again to go on") << '\n';
    out().flush();
    return report->failures.isEmpty() && report->complete ? Ok : Failed;
}

/*! The snapshots command: per type and state version, and whether the plugins' code uses them. */
int listSnapshots(EventStore &store, const QCommandLineParser &)
{
    const auto stats = EventLog(&store).snapshotStats();
    if (!stats)
        return fail(stats.error().message());
    const Domain &domain = pluginDomain();
    QList<QStringList> rows;
    for (const SnapshotStats &s : stats.value()) {
        const EntityTypeInfo *type = domain.entityType(s.typeName);
        QString status = Ctl::tr("unknown"); // no plugin has the type's code
        if (type)
            status = type->stateVersion == s.stateVersion ? Ctl::tr("current") : Ctl::tr("stale");
        rows.append({s.typeName, QString::number(s.stateVersion), QString::number(s.snapshots), QString::number(s.bytes),
                     status});
    }
    printTable({Ctl::tr("type"), Ctl::tr("state version"), Ctl::tr("snapshots"), Ctl::tr("bytes"), Ctl::tr("status")},
               rows);
    out().flush();
    return Ok;
}

/*! The snapshot command: takes one of an entity now and prints its version. */
int takeSnapshot(EventStore &store, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString &type = args.at(0);
    const QUuid id = QUuid::fromString(args.at(1));
    if (id.isNull())
        return usage(Ctl::tr("the entity id must be a UUID: %1").arg(args.at(1)));
    const Domain &domain = pluginDomain();
    if (const int status = checkEntityType(domain, type); status != Ok)
        return status;
    const Result<qint64> version = domain.takeSnapshot(store, type, id);
    if (!version)
        return fail(version.error().message());
    out() << Ctl::tr("snapshot at version %1").arg(version.value()) << Qt::endl;
    return Ok;
}

/*! The snapshot-clear command: deletes the snapshots of one type or all, and says how many. */
int clearSnapshots(EventStore &store, const QCommandLineParser &p)
{
    const QString type = p.positionalArguments().value(0);
    const Result<qint64> deleted = EventLog(&store).clearSnapshots(type);
    if (!deleted)
        return fail(deleted.error().message());
    out() << Ctl::tr("deleted %1 snapshots").arg(deleted.value()) << Qt::endl;
    return Ok;
}

void addTypeOption(QCommandLineParser &p, const QString &description)
{
    p.addOption({QStringLiteral("type"), description, QStringLiteral("T")});
}

} // namespace

Command checkHistoryCommand()
{
    return {
        .name = QStringLiteral("check-history"),
        .help = Ctl::tr("Fold every stored entity with the plugins' code and check its snapshots, read-only; "
                        "exit 1 on any problem."),
        .options = [](QCommandLineParser &p) {
            addTypeOption(p, Ctl::tr("Check only entity type <T> (repeatable; default: every type a plugin knows)."));
        },
        .store = StoreUse::ReadOnly,
        .usesPlugins = true,
        .run = checkHistory,
    };
}

Command upgradeEventsCommand()
{
    return {
        .name = QStringLiteral("upgrade-events"),
        .help = Ctl::tr("Rewrite stored events in the plugins' current shapes, for stores that no evented service or "
                        "older build reads."),
        .options = [](QCommandLineParser &p) {
            addTypeOption(p, Ctl::tr("Upgrade only entity type <T> (repeatable; default: every type a plugin knows)."));
            p.addOption({QStringLiteral("dry-run"), Ctl::tr("Count what would be rewritten and write nothing.")});
            p.addOption({QStringLiteral("batch-size"),
                         Ctl::tr("Rewrite <N> events per transaction (default: 1000); a stopped upgrade goes on "
                                 "where it was when run again."),
                         QStringLiteral("N")});
        },
        .usesPlugins = true,
        .run = upgradeEvents,
    };
}

Command snapshotsCommand()
{
    return {
        .name = QStringLiteral("snapshots"),
        .help = Ctl::tr("Snapshots per type and state version: current, stale or unknown to the plugins' code."),
        .usesPlugins = true,
        .run = listSnapshots,
    };
}

Command snapshotCommand()
{
    return {
        .name = QStringLiteral("snapshot"),
        .help = Ctl::tr("Take a snapshot of entity ID of type TYPE now; print its version."),
        .arguments = QStringLiteral("TYPE ID"),
        .minArguments = 2,
        .maxArguments = 2,
        .usesPlugins = true,
        .run = takeSnapshot,
    };
}

Command snapshotClearCommand()
{
    return {
        .name = QStringLiteral("snapshot-clear"),
        .help = Ctl::tr("Delete the snapshots of entity type TYPE (default: all)."),
        .arguments = QStringLiteral("[TYPE]"),
        .maxArguments = 1,
        .run = clearSnapshots,
    };
}

} // namespace EventedCtl
