// The commands over the domain plugins: plugins, state, send, run; and the plugins as the
// other commands use them.

#include "command.h"

#include <evented/domain.h>
#include <evented/domainplugins.h>
#include <evented/eventlog.h>
#include <evented/json.h>
#include <evented/projection.h>

#include <QDir>
#include <QJsonDocument>

#include <optional>
#include <vector>

namespace EventedCtl {

QStringList &extraPluginPaths()
{
    static QStringList directories;
    return directories;
}

namespace {

/*! The directories searched for domain plugins, in order. */
QStringList pluginSearchPath()
{
    return DomainPlugins::searchPath(extraPluginPaths());
}

/*! The domain plugins, loaded on first use. */
const DomainPlugins &plugins()
{
    static const DomainPlugins loaded = [] {
        DomainPlugins found;
        found.load(pluginSearchPath());
        return found;
    }();
    return loaded;
}

} // namespace

const Domain &pluginDomain()
{
    return plugins().domain();
}

int checkEntityType(const Domain &domain, const QString &type)
{
    if (domain.entityType(type))
        return Ok;
    QStringList known;
    for (const EntityTypeInfo &info : domain.entityTypes())
        known.append(info.typeName);
    if (known.isEmpty())
        return fail(Ctl::tr("no domain plugin knows the entity type %1: none was found (see eventedctl plugins)").arg(type));
    return fail(Ctl::tr("no domain plugin knows the entity type %1 (known: %2)").arg(type, known.join(QStringLiteral(", "))));
}

int checkAnyEntityType(const Domain &domain)
{
    if (!domain.entityTypes().isEmpty())
        return Ok;
    return fail(Ctl::tr("no domain plugin with entity types was found (see eventedctl plugins)"));
}

void readCurrentShapes(EventStore &store)
{
    pluginDomain().registerSchemas(store);
}

namespace {

/*! The commands of \a domain with their parameters and defaults, as send takes them. */
void printCommands(const Domain &domain)
{
    QList<QStringList> rows;
    for (const EntityTypeInfo &type : domain.entityTypes()) {
        for (const CommandInfo &command : domain.commands(type.typeName)) {
            QJsonObject defaults;
            for (const CommandParameter &parameter : command.parameters)
                defaults.insert(parameter.name, parameter.defaultValue);
            rows.append({type.typeName, command.name, QString::fromUtf8(Json::compact(defaults))});
        }
    }
    if (rows.isEmpty())
        return;
    out() << '\n';
    printTable({Ctl::tr("type"), Ctl::tr("command"), Ctl::tr("parameters (defaults)")}, rows);
}

/*! The plugins command: each plugin file found, the commands of the loaded domains, the search path. */
int listPlugins(EventStore &, const QCommandLineParser &)
{
    const DomainPlugins &found = plugins();
    if (found.records().isEmpty()) {
        out() << Ctl::tr("no plugin files found") << '\n';
    } else {
        QList<QStringList> rows;
        for (const PluginRecord &record : found.records())
            rows.append({record.fileName, record.name, PluginRecord::statusText(record.status),
                         record.entityTypes.join(QStringLiteral(", ")), record.projections.join(QStringLiteral(", ")),
                         record.why});
        printTable({Ctl::tr("file"), Ctl::tr("name"), Ctl::tr("status"), Ctl::tr("entity types"),
                    Ctl::tr("projections"), Ctl::tr("why")},
                   rows);
    }
    printCommands(found.domain());
    out() << '\n' << Ctl::tr("searched: %1").arg(pluginSearchPath().join(QDir::listSeparator())) << Qt::endl;
    return Ok;
}

/*! Ok when entity type \a type has command \a name; otherwise fails, naming its commands. */
int checkCommand(const Domain &domain, const QString &type, const QString &name)
{
    if (domain.command(type, name))
        return Ok;
    QStringList known;
    for (const CommandInfo &info : domain.commands(type))
        known.append(info.name);
    return fail(Ctl::tr("the entity type %1 has no command %2 (known: %3)").arg(type, name, known.join(QStringLiteral(", "))));
}

/*! Reads option \a name, when set, as a version (0 or more) into \a version; false when it is not one. */
bool readVersion(const QCommandLineParser &p, const QString &name, qint64 *version)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    *version = p.value(name).toLongLong(&ok);
    return ok && *version >= 0;
}

/*!
    The state command: the state of one entity as JSON on one line, then the version reached,
    then, when it started from a snapshot, the snapshot's version.
*/
int showState(EventStore &store, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString &type = args.at(0);
    const QUuid id = QUuid::fromString(args.at(1));
    if (id.isNull())
        return usage(Ctl::tr("the entity id must be a UUID: %1").arg(args.at(1)));
    qint64 version = -1;
    if (!readVersion(p, QStringLiteral("version"), &version))
        return usage(Ctl::tr("--version needs a version of 0 or more"));
    const Domain &domain = plugins().domain();
    if (const int status = checkEntityType(domain, type); status != Ok)
        return status;
    // The state after a given version is always folded from the first event.
    const bool useSnapshot = version < 0 && !p.isSet(QStringLiteral("no-snapshot"));
    const auto replayed = domain.replay(store, type, id, version, useSnapshot);
    if (!replayed)
        return fail(replayed.error().message());
    out() << Json::compact(replayed->state) << '\n' << Ctl::tr("version %1").arg(replayed->version) << '\n';
    if (replayed->snapshotVersion > 0)
        out() << Ctl::tr("from snapshot at version %1").arg(replayed->snapshotVersion) << '\n';
    out().flush();
    return Ok;
}

/*! The JSON object of a command's parameters in \a text; none, with \a why, when it is not one. */
std::optional<QJsonObject> parseParameters(const QString &text, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        *why = Ctl::tr("the parameters are not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *why = Ctl::tr("the parameters must be a JSON object");
        return std::nullopt;
    }
    return document.object();
}

/*! How long send --wait-for waits for a projection unless told. */
constexpr int defaultWaitMs = 10'000;

/*!
    The send command: the new events as JSON lines; a rejection or an error on standard error.
    With a command id a repeat prints the first events again; with --wait-for it returns once
    the projection has handled them.
*/
int handleCommand(EventStore &store, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString &type = args.at(0);
    const QString &name = args.at(2);
    const QUuid id = QUuid::fromString(args.at(1));
    if (id.isNull())
        return usage(Ctl::tr("the entity id must be a UUID: %1").arg(args.at(1)));
    QJsonObject parameters;
    if (args.size() > 3) {
        QString why;
        const std::optional<QJsonObject> parsed = parseParameters(args.at(3), &why);
        if (!parsed)
            return usage(why);
        parameters = *parsed;
    }
    qint64 expectedVersion = -1;
    if (!readVersion(p, QStringLiteral("expect-version"), &expectedVersion))
        return usage(Ctl::tr("--expect-version needs a version of 0 or more"));
    CommandOptions options;
    for (const auto &[name, field] : {std::pair{QStringLiteral("command-id"), &options.commandId},
                                       std::pair{QStringLiteral("correlation-id"), &options.correlationId}}) {
        if (!p.isSet(name))
            continue;
        *field = QUuid::fromString(p.value(name));
        if (field->isNull())
            return usage(Ctl::tr("--%1 needs a UUID").arg(name));
    }
    const QString waitFor = p.value(QStringLiteral("wait-for"));
    int timeoutMs = defaultWaitMs;
    if (p.isSet(QStringLiteral("timeout"))) {
        if (waitFor.isEmpty())
            return usage(Ctl::tr("--timeout is how long --wait-for waits: give --wait-for NAME"));
        bool ok = false;
        timeoutMs = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || timeoutMs < 0)
            return usage(Ctl::tr("--timeout needs a number of milliseconds, 0 or more"));
    }

    const Domain &domain = plugins().domain();
    if (const int status = checkEntityType(domain, type); status != Ok)
        return status;
    if (const int status = checkCommand(domain, type, name); status != Ok)
        return status;
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    const DomainResult outcome = handleOnStore(domain, store, type, id, name, parameters, expectedVersion, options);
    switch (outcome.outcome) {
    case Outcome::Applied:
        // A repeat prints what the command appended the first time, so that a script that
        // sends again after a failure reads the same lines; only standard error tells.
        for (const RecordedEvent &event : outcome.events)
            out() << EventLog::toJsonLine(event) << '\n';
        out().flush();
        if (outcome.repeat)
            err() << Ctl::tr("command %1 was handled before: nothing was appended; its events are printed")
                         .arg(options.commandId.toString(QUuid::WithoutBraces))
                  << Qt::endl;
        if (!waitFor.isEmpty()) {
            if (const Error error = Projection::waitFor(&store, waitFor, outcome.events, timeoutMs); error.isError())
                return fail(error.message());
        }
        return Ok;
    case Outcome::Rejected:
        return fail(Ctl::tr("rejected: %1 %2").arg(outcome.rejectionName, QString::fromUtf8(Json::compact(outcome.rejection))));
    case Outcome::Failed:
        break;
    }
    return fail(outcome.error.message());
}

/*! One line for the state of \a projection: status, position, lag, the partitions it holds, the
    lease's token while it is active, how it is woken, and an error when there is one. */
QString stateLine(const Projection &projection, const ProjectionState &state)
{
    const QString status = ProjectionState::statusText(state.status);
    QString line = Ctl::tr("%1: %2, position %3, lag %4").arg(projection.name(), status).arg(state.seqNo).arg(state.lag);
    if (projection.partitions() > 1) {
        const QList<ProjectionState> partitions = projection.partitionStates();
        const auto held = std::count_if(partitions.cbegin(), partitions.cend(), [](const ProjectionState &p) {
            return p.status != ProjectionState::Status::Standby && p.status != ProjectionState::Status::Stopped;
        });
        line = Ctl::tr("%1, holds %2 of %3 partitions").arg(line).arg(held).arg(partitions.size());
    }
    if (state.leaseToken > 0)
        line = Ctl::tr("%1, lease %2").arg(line).arg(state.leaseToken);
    if (state.status != ProjectionState::Status::Stopped && state.status != ProjectionState::Status::Failed)
        line = Ctl::tr("%1, woken by %2").arg(line, ProjectionState::wakeupText(state.wakeup));
    if (state.readsFrom != ProjectionState::ReadsFrom::Primary && state.status != ProjectionState::Status::Stopped)
        line = Ctl::tr("%1, reads from %2")
                   .arg(line, ProjectionState::readsFromText(state.readsFrom)); // the lag changes too often to print
    return state.error.isEmpty() ? line : Ctl::tr("%1: %2").arg(line, state.error);
}

/*!
    Runs the projections \a names of \a domain on \a store until SIGTERM or SIGINT (exit 0), or
    until every one of them has failed (exit 1), printing their changes of state.
*/
int hostProjections(EventStore &store, const Domain &domain, const QStringList &names, int leaseMs, int partitions)
{
    const StopSignals stopSignals;
    if (!stopSignals.isValid())
        return fail(Ctl::tr("cannot watch for signals: %1").arg(qt_error_string()));
    std::vector<std::unique_ptr<Projection>> projections;
    const auto allFailed = [&projections] {
        return std::all_of(projections.begin(), projections.end(), [](const std::unique_ptr<Projection> &p) {
            return p->state().status == ProjectionState::Status::Failed;
        });
    };
    for (const QString &name : names) {
        auto projection = std::make_unique<Projection>(&store, name);
        domain.projection(name)->configure(*projection, store);
        if (leaseMs > 0)
            projection->setLeaseDuration(leaseMs);
        if (partitions > 0)
            projection->setPartitions(partitions);
        Projection *raw = projection.get();
        QObject::connect(raw, &Projection::stateChanged, raw,
                         [raw, allFailed, last = QString()](const ProjectionState &state) mutable {
                             const QString line = stateLine(*raw, state);
                             if (line != last)
                                 out() << line << Qt::endl;
                             last = line;
                             if (state.status == ProjectionState::Status::Failed && allFailed())
                                 QCoreApplication::exit(Failed);
                         });
        projections.push_back(std::move(projection));
    }
    out() << Ctl::tr("running projections: %1").arg(names.join(QStringLiteral(", "))) << Qt::endl;
    for (const std::unique_ptr<Projection> &projection : projections)
        projection->start();
    const int status = QCoreApplication::exec();
    for (const std::unique_ptr<Projection> &projection : projections) {
        projection->stop();
        out() << stateLine(*projection, projection->state()) << '\n';
    }
    out().flush();
    return status;
}

/*! The run command: the projections named with --projection, or all of the plugins' projections. */
int runProjections(EventStore &store, const QCommandLineParser &p)
{
    const Domain &domain = plugins().domain();
    QStringList names = p.values(QStringLiteral("projection"));
    for (const QString &name : std::as_const(names)) {
        if (!domain.projection(name))
            return usage(Ctl::tr("no domain plugin has a projection %1").arg(name));
    }
    if (names.isEmpty()) {
        for (const ProjectionInfo &info : domain.projections())
            names.append(info.name);
    }
    if (names.isEmpty())
        return fail(Ctl::tr("no projections to run: no domain plugin has one (see eventedctl plugins)"));
    names.removeDuplicates();
    int leaseMs = 0;
    if (p.isSet(QStringLiteral("lease"))) {
        bool ok = false;
        leaseMs = p.value(QStringLiteral("lease")).toInt(&ok);
        if (!ok || leaseMs < 300)
            return usage(Ctl::tr("--lease takes milliseconds, at least 300: %1").arg(p.value(QStringLiteral("lease"))));
    }
    int partitions = 0;
    if (p.isSet(QStringLiteral("partitions"))) {
        bool ok = false;
        partitions = p.value(QStringLiteral("partitions")).toInt(&ok);
        if (!ok || partitions < 1)
            return usage(Ctl::tr("--partitions takes a number, at least 1: %1").arg(p.value(QStringLiteral("partitions"))));
    }
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    readCurrentShapes(store); // for the projections' untyped handlers
    return hostProjections(store, domain, names, leaseMs, partitions);
}

/*! The rebuild command: projection NAME built anew beside itself with its plugin's code, compared, swapped in. */
int rebuildProjection(EventStore &store, const QCommandLineParser &p)
{
    const Domain &domain = pluginDomain();
    const QString name = p.positionalArguments().at(0);
    const ProjectionInfo *info = domain.projection(name);
    if (!info)
        return fail(Ctl::tr("no domain plugin has a projection %1 (see eventedctl plugins)").arg(name));
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    readCurrentShapes(store); // for an untyped handler
    RebuildOptions options;
    options.verifyOnly = p.isSet(QStringLiteral("verify-only"));
    options.swapWhenDifferent = p.isSet(QStringLiteral("swap-different"));
    Progress progress;
    options.progress = [&progress](qint64 seqNo, qint64 target) { progress.update(seqNo, target); };
    const Result<RebuildOutcome> outcome
        = Projection::rebuild(&store, name, [&](Projection &projection) { info->configure(projection, store); }, options);
    if (!outcome)
        return fail(outcome.error().message());
    out() << Ctl::tr("projection %1: %2 events, %3 keys compared at seq_no %4, %5 differ")
                 .arg(name)
                 .arg(outcome->events)
                 .arg(outcome->keys)
                 .arg(outcome->seqNo)
                 .arg(outcome->differing)
          << '\n';
    for (const QString &key : outcome->differingKeys)
        out() << Ctl::tr("differs: %1").arg(key) << '\n';
    if (outcome->swapped)
        out() << Ctl::tr("the new version is the view now (%1 ms)").arg(outcome->milliseconds) << Qt::endl;
    else
        out() << Ctl::tr("the view is as it was (%1 ms)").arg(outcome->milliseconds) << Qt::endl;
    return outcome->differing > 0 && !outcome->swapped ? Failed : Ok;
}

} // namespace

int setUpDomains(const Domain &domain, EventStore &store)
{
    if (const Error error = domain.setUp(store); error.isError())
        return fail(Ctl::tr("cannot set up the domains: %1").arg(error.message()));
    return Ok;
}

Command pluginsCommand()
{
    return {
        .name = QStringLiteral("plugins"),
        .help = Ctl::tr("The domain plugins found: status, entity types, projections, commands."),
        .store = StoreUse::None,
        .usesPlugins = true,
        .run = listPlugins,
    };
}

Command stateCommand()
{
    return {
        .name = QStringLiteral("state"),
        .help = Ctl::tr("The state of entity ID of type TYPE as JSON, its version, and the snapshot it started from."),
        .arguments = QStringLiteral("TYPE ID"),
        .minArguments = 2,
        .maxArguments = 2,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("version"), Ctl::tr("The state after version <N> (default: after all events)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("no-snapshot"),
                         Ctl::tr("Fold from the first event even where a snapshot is stored (as --version always does).")});
        },
        .usesPlugins = true,
        .run = showState,
    };
}

Command sendCommand()
{
    return {
        .name = QStringLiteral("send"),
        .help = Ctl::tr("Handle COMMAND with the JSON object JSON-PARAMETERS on entity ID of type TYPE; "
                        "print the new events."),
        .arguments = QStringLiteral("TYPE ID COMMAND [JSON-PARAMETERS]"),
        .minArguments = 3,
        .maxArguments = 4,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("expect-version"),
                         Ctl::tr("Handle it only if the entity is at version <N>, without retrying on a conflict."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("command-id"),
                         Ctl::tr("The command's id <UUID>: it is handled at most once. Sent again, it appends nothing, "
                                 "prints the events it appended the first time, says so on standard error and exits 0. "
                                 "A rejected command is not recorded and may be sent again."),
                         QStringLiteral("UUID")});
            p.addOption({QStringLiteral("correlation-id"),
                         Ctl::tr("The conversation <UUID> the events belong to (default: a new one)."),
                         QStringLiteral("UUID")});
            p.addOption({QStringLiteral("wait-for"),
                         Ctl::tr("After the command, wait until projection <NAME> (run by any process) has handled its "
                                 "events, so that its view shows them; exit 1 if it has not within --timeout."),
                         QStringLiteral("NAME")});
            p.addOption({QStringLiteral("timeout"),
                         Ctl::tr("How long --wait-for waits, in milliseconds (default: %1).").arg(defaultWaitMs),
                         QStringLiteral("MS")});
        },
        .store = StoreUse::Migrated,
        .usesPlugins = true,
        .run = handleCommand,
    };
}

Command rebuildCommand()
{
    return {
        .name = QStringLiteral("rebuild"),
        .help = Ctl::tr("Build projection NAME anew beside its view with its plugin's code while it keeps running, compare "
                        "the two key by key, and swap the new one in."),
        .arguments = QStringLiteral("NAME"),
        .minArguments = 1,
        .maxArguments = 1,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("verify-only"), Ctl::tr("Build and compare, but keep the view as it is.")});
            p.addOption({QStringLiteral("swap-different"),
                         Ctl::tr("Swap even when keys differ (the handler changed on purpose); without it, differing "
                                 "keys keep the view as it is (exit 1).")});
        },
        .usesPlugins = true,
        .run = rebuildProjection,
    };
}

Command runCommand()
{
    return {
        .name = QStringLiteral("run"),
        .help = Ctl::tr("Run the plugins' projections, printing their states, until SIGTERM or SIGINT."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("projection"), Ctl::tr("Run projection <NAME> (repeatable; default: all of them)."),
                         QStringLiteral("NAME")});
            p.addOption({QStringLiteral("partitions"),
                         Ctl::tr("Run each projection as <N> partitions, shared with the other instances run with the "
                                 "same number; each partition keeps a position of its own, NAME#k/N (default: as the "
                                 "plugin sets it, mostly 1)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("lease"),
                         Ctl::tr("The lease of the active instance, in milliseconds <MS> (default 10000): a standby takes "
                                 "over from an instance that died or hangs after that long."),
                         QStringLiteral("MS")});
        },
        .store = StoreUse::Migrated,
        .usesPlugins = true,
        .run = runProjections,
    };
}

} // namespace EventedCtl
