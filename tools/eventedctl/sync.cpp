// The commands of offline-first sync: link, sync, sync-status; and how send handles a command
// on a linked store.

#include "command.h"

#include <evented/domain.h>
#include <evented/json.h>
#include <evented/synclink.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace EventedCtl {

namespace {

/*! Attaches \a link to the link stored in \a store; Ok, or fails saying why. */
int attachLink(SyncLink &link, EventStore &store)
{
    if (const Error error = link.attach(&store); error.isError())
        return fail(error.message());
    return Ok;
}

QString jsonText(const QVariant &value)
{
    return QString::fromUtf8(Json::compact(QJsonValue::fromVariant(value)));
}

/*! One line of a rejected command, as sync and sync-status print it. */
QStringList rejectedRow(const QVariantMap &command)
{
    return {command.value(QStringLiteral("commandId")).toUuid().toString(QUuid::WithoutBraces),
            command.value(QStringLiteral("typeName")).toString(),
            command.value(QStringLiteral("entityId")).toUuid().toString(QUuid::WithoutBraces),
            command.value(QStringLiteral("command")).toString() + u' ' + jsonText(command.value(QStringLiteral("parameters"))),
            command.value(QStringLiteral("rejectionName")).toString() + u' '
                + jsonText(command.value(QStringLiteral("rejection")))};
}

void printRejected(const QVariantList &commands)
{
    QList<QStringList> rows;
    for (const QVariant &command : commands)
        rows.append(rejectedRow(command.toMap()));
    printTable({Ctl::tr("command id"), Ctl::tr("type"), Ctl::tr("entity"), Ctl::tr("command"), Ctl::tr("rejected with")}, rows);
}

int linkStore(EventStore &store, const QCommandLineParser &p)
{
    const QStringList types = p.value(QStringLiteral("types")).split(u',', Qt::SkipEmptyParts);
    SyncLink link;
    if (const Error error = link.link(&store, p.positionalArguments().at(0), types); error.isError())
        return fail(error.message());
    out() << Ctl::tr("linked; types: %1").arg(types.isEmpty() ? Ctl::tr("all") : types.join(QStringLiteral(", "))) << Qt::endl;
    return Ok;
}

int syncStore(EventStore &store, const QCommandLineParser &)
{
    SyncLink link;
    if (const int status = attachLink(link, store); status != Ok)
        return status;
    link.setDomain(pluginDomain());
    QVariantList rejected;
    QObject::connect(&link, &SyncLink::commandRejected, &link,
                     [&rejected](const QVariantMap &command) { rejected.append(command); });
    const Result<SyncReport> report = link.sync();
    if (!report)
        return fail(Ctl::tr("sync failed, nothing is lost; sync again: %1").arg(report.error().message()));
    out() << Ctl::tr("accepted %1, rejected %2 commands; pulled %3 events, withdrew %4 provisional events")
                 .arg(report->accepted)
                 .arg(report->rejected)
                 .arg(report->pulled)
                 .arg(report->withdrawn)
          << Qt::endl;
    if (!rejected.isEmpty())
        printRejected(rejected);
    return Ok;
}

int syncStatus(EventStore &store, const QCommandLineParser &)
{
    SyncLink link;
    if (const int status = attachLink(link, store); status != Ok)
        return status;
    out() << Ctl::tr("pending commands: %1").arg(link.pendingCount()) << Qt::endl;
    out() << Ctl::tr("last sync: %1").arg(link.lastSync().isValid() ? time(link.lastSync()) : Ctl::tr("never")) << Qt::endl;
    if (!link.lastError().isEmpty())
        out() << Ctl::tr("last error: %1").arg(link.lastError()) << Qt::endl;
    out() << Ctl::tr("rejected commands: %1").arg(link.rejectedCommands().size()) << Qt::endl;
    if (!link.rejectedCommands().isEmpty())
        printRejected(link.rejectedCommands());
    return Ok;
}

} // namespace

DomainResult handleOnStore(const Domain &domain, EventStore &store, const QString &type, const QUuid &id, const QString &name,
                           const QJsonObject &parameters, qint64 expectedVersion, const CommandOptions &options)
{
    const Result<bool> linked = SyncLink::isLinked(&store);
    if (!linked || !linked.value())
        return domain.handle(store, type, id, name, parameters, expectedVersion, options);
    SyncLink link;
    if (const Error error = link.attach(&store); error.isError()) {
        DomainResult failed;
        failed.outcome = Outcome::Failed;
        failed.error = error;
        return failed;
    }
    link.setDomain(domain);
    return link.handle(type, id, name, parameters, expectedVersion, options);
}

Command linkCommand()
{
    return {
        .name = QStringLiteral("link"),
        .help = Ctl::tr("Link this SQLite store to the PostgreSQL store UPSTREAM-URL for offline-first sync: commands "
                        "sent here are recorded and decided again upstream by sync."),
        .arguments = QStringLiteral("UPSTREAM-URL"),
        .minArguments = 1,
        .maxArguments = 1,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("types"),
                         Ctl::tr("Follow only the entity types <A,B> (comma-separated; default: all)."),
                         QStringLiteral("A,B")});
        },
        .store = StoreUse::Migrated,
        .run = linkStore,
    };
}

Command syncCommand()
{
    return {
        .name = QStringLiteral("sync"),
        .help = Ctl::tr("Push the commands handled on this linked store to its upstream, which decides them again, "
                        "then follow the upstream's events; print the commands it rejected."),
        .usesPlugins = true,
        .run = syncStore,
    };
}

Command syncStatusCommand()
{
    return {
        .name = QStringLiteral("sync-status"),
        .help = Ctl::tr("Show the sync of this linked store: pending commands, the last sync, and the commands the "
                        "upstream rejected, with their reasons."),
        .store = StoreUse::ReadOnly,
        .run = syncStatus,
    };
}

} // namespace EventedCtl
