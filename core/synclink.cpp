#include "synclink_p.h"

#include "eventstore_p.h"
#include "logging_p.h"
#include "session_p.h"
#include "syncrun_p.h"

#include <evented/storeurl.h>

#include <QCoreApplication>
#include <QFuture>
#include <QUrl>

namespace Evented {

namespace {

struct SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::SyncLink)
};

Error notAttached()
{
    return Error::invalidArgument(SyncText::tr("the sync link is not attached to a local store: link() or attach() it first"));
}

/*! The local store's connection, when it is one a link can live in. */
Result<Detail::Session *> linkableSession(EventStore *local)
{
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(local);
    if (!session)
        return session;
    if (session.value()->dialect().driverName() != u"QSQLITE")
        return Error::invalidArgument(SyncText::tr("a sync link needs an SQLite local store; this one is PostgreSQL"));
    return session;
}

} // namespace

SyncLink::SyncLink(QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<SyncLinkPrivate>(this))
{
    Q_D(SyncLink);
    connect(&d->autoSync, &QTimer::timeout, this, [this] {
        if (!isSyncing())
            (void)syncAsync();
    });
}

SyncLink::~SyncLink()
{
    Q_D(SyncLink);
    d->autoSync.stop();
    d->running.waitForFinished();
}

Result<Detail::Session *> SyncLinkPrivate::localSession() const
{
    if (!local)
        return notAttached();
    return EventStorePrivate::sessionOf(local);
}

Result<EventStore *> SyncLinkPrivate::upstreamStore()
{
    if (upstream && upstream->isOpen())
        return upstream.get();
    upstream = std::make_unique<EventStore>();
    Error error = upstream->open(link.upstreamUrl);
    if (!error.isError())
        error = domain.setUp(*upstream); // the listeners that decide with the commands (a uniqueness check, say)
    if (error.isError()) {
        upstream.reset();
        return error;
    }
    return upstream.get();
}

Error SyncLink::link(EventStore *local, const QString &upstreamUrl, const QStringList &types)
{
    const Result<Detail::Session *> session = linkableSession(local);
    if (!session)
        return session.error();
    const QUrl url(normalizeStoreUrl(upstreamUrl));
    if (url.scheme() != u"postgresql" && url.scheme() != u"postgres")
        return Error::invalidArgument(SyncText::tr("the upstream of a sync link must be a PostgreSQL store (postgresql://…): %1")
                                          .arg(url.toDisplayString(QUrl::RemovePassword)));
    Detail::SyncTables tables(*session.value());
    if (Error error = tables.ensure(); error.isError())
        return error;
    const Result<std::optional<Detail::SyncLinkRecord>> existing = tables.link();
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        const Detail::SyncLinkRecord &stored = *existing.value();
        QStringList wanted = types, have = stored.types;
        wanted.sort();
        have.sort();
        if (stored.upstreamUrl != upstreamUrl || wanted != have)
            return Error::invalidArgument(
                SyncText::tr("the store is linked already, to %1 (types: %2)")
                    .arg(QUrl(normalizeStoreUrl(stored.upstreamUrl)).toDisplayString(QUrl::RemovePassword),
                         stored.types.isEmpty() ? SyncText::tr("all") : stored.types.join(u", ")));
    } else if (Error error = tables.saveLink(upstreamUrl, types); error.isError()) {
        return error;
    }
    return attach(local);
}

Error SyncLink::attach(EventStore *local)
{
    Q_D(SyncLink);
    if (const Result<Detail::Session *> session = linkableSession(local); !session)
        return session.error();
    const Result<bool> linked = isLinked(local);
    if (!linked)
        return linked.error();
    if (!linked.value())
        return Detail::SyncTables::notLinked();
    Detail::SyncTables tables(*EventStorePrivate::sessionOf(local).value());
    const Result<std::optional<Detail::SyncLinkRecord>> record = tables.link();
    if (!record)
        return record.error();
    d->local = local;
    d->link = *record.value();
    d->upstream.reset();
    d->refresh();
    return {};
}

Result<bool> SyncLink::isLinked(EventStore *local)
{
    const Result<Detail::Session *> session = EventStorePrivate::sessionOf(local);
    if (!session)
        return session.error();
    if (session.value()->dialect().driverName() != u"QSQLITE")
        return false; // a link lives only in an SQLite store
    bool exists = false;
    const Error error = session.value()->each(
        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_link'"), {},
        [&exists](const QSqlQuery &query) { exists = query.value(0).toInt() > 0; });
    if (error.isError())
        return error;
    if (!exists)
        return false;
    const Result<std::optional<Detail::SyncLinkRecord>> record = Detail::SyncTables(*session.value()).link();
    if (!record)
        return record.error();
    return record->has_value();
}

QString SyncLink::upstreamUrl() const
{
    Q_D(const SyncLink);
    return d->link.upstreamUrl;
}

QStringList SyncLink::types() const
{
    Q_D(const SyncLink);
    return d->link.types;
}

void SyncLink::setDomain(const Domain &domain)
{
    Q_D(SyncLink);
    d->domain = domain;
}

DomainResult SyncLink::handle(const QString &typeName, const QUuid &id, const QString &command,
                              const QJsonObject &parameters, qint64 expectedVersion, const CommandOptions &options)
{
    Q_D(SyncLink);
    DomainResult failure;
    failure.outcome = Outcome::Failed;
    const Result<Detail::Session *> session = d->localSession();
    if (!session) {
        failure.error = session.error();
        return failure;
    }
    if (!d->link.types.isEmpty() && !d->link.types.contains(typeName)) {
        failure.error = Error::invalidArgument(SyncText::tr("the entity type %1 is not synced by this link (types: %2)")
                                                   .arg(typeName, d->link.types.join(u", ")));
        return failure;
    }
    Detail::SyncCommandRecord record;
    record.commandId = options.commandId.isNull() ? QUuid::createUuid() : options.commandId;
    record.typeName = typeName;
    record.entityId = id;
    record.command = command;
    record.parameters = parameters;
    Detail::SyncTables tables(*session.value());
    // Recorded before it is handled, completed after: a stop in between leaves a record that
    // the next sync completes from the store's own record of the command, or forgets.
    if (Error error = tables.recordDeciding(record); error.isError()) {
        failure.error = session.value()->dialect().isUniqueViolation(error.sqlState())
            ? Error::invalidArgument(SyncText::tr("command %1 was handled through the sync link before")
                                         .arg(record.commandId.toString(QUuid::WithoutBraces)))
            : error;
        return failure;
    }
    CommandOptions local = options;
    local.commandId = record.commandId;
    const DomainResult result = d->domain.handle(*d->local, typeName, id, command, parameters, expectedVersion, local);
    Error recorded;
    if (result.isApplied()) {
        QList<qint64> seqNos;
        for (const RecordedEvent &event : result.events)
            seqNos.append(event.seqNo);
        recorded = tables.recordPending(record, seqNos);
    } else {
        recorded = tables.forget(record.commandId);
    }
    if (recorded.isError())
        qCWarning(lcStore) << "sync link: the record of command" << record.commandId << "is completed by the next sync:"
                           << recorded;
    d->refresh();
    return result;
}

Result<Detail::Session *> SyncLinkPrivate::beginSync()
{
    const Result<Detail::Session *> session = localSession();
    if (!session)
        return session;
    Detail::SyncTables tables(*session.value());
    const Result<std::optional<Detail::SyncLinkRecord>> record = tables.link();
    if (!record)
        return record.error();
    if (!record->has_value())
        return Detail::SyncTables::notLinked();
    link = *record.value();
    // A sync that withdrew events and stopped before the projections were reset.
    resetProjections(tables);
    return session;
}

void SyncLinkPrivate::decided(const Detail::SyncCommandRecord &command, const DomainResult &result)
{
    Q_Q(SyncLink);
    Q_EMIT q->commandPushed(command.commandId, result.isApplied());
    if (result.isRejected()) {
        Detail::SyncCommandRecord rejected = command;
        rejected.rejectionName = result.rejectionName;
        rejected.rejection = result.rejection;
        Q_EMIT q->commandRejected(describe(rejected));
    }
    refresh();
}

Result<SyncReport> SyncLinkPrivate::endSync(const Result<SyncReport> &report, const QList<RecordedEvent> &appended)
{
    Q_Q(SyncLink);
    if (!report) {
        failed(report.error());
        return report;
    }
    const Result<Detail::Session *> session = localSession();
    if (!session)
        return session.error();
    Detail::SyncTables tables(*session.value());
    if (const Result<std::optional<Detail::SyncLinkRecord>> after = tables.link(); after && after->has_value())
        link = *after.value();
    resetProjections(tables);
    // What follows the local store's commits (projections, models) learns of them at once.
    if (!appended.isEmpty())
        EventStorePrivate::get(local)->committed(appended, false);
    setOnline(true);
    refresh();
    Q_EMIT q->synced(report.value());
    return report;
}

Result<SyncReport> SyncLink::sync()
{
    Q_D(SyncLink);
    const Result<Detail::Session *> session = d->beginSync();
    if (!session)
        return session.error();
    const auto decided = [d](const Detail::SyncCommandRecord &command, const DomainResult &result) {
        d->decided(command, result);
    };
    // The connection kept from an earlier sync may have broken since (the network went away
    // and came back): then one attempt more, on a new one. The first resumes where it broke off.
    const bool reused = d->upstream != nullptr;
    Result<SyncReport> report = Error::notOpen();
    QList<RecordedEvent> appended;
    for (int attempt = 0; attempt < (reused ? 2 : 1); ++attempt) {
        const Result<EventStore *> upstream = d->upstreamStore();
        if (!upstream) {
            report = upstream.error();
            break;
        }
        Detail::SyncRun run(*session.value(), *upstream.value(), d->domain, d->link, decided);
        report = run.run();
        if (report)
            appended = run.appended();
        if (report || report.error().kind() != Error::Kind::ConnectionLost)
            break;
        d->upstream.reset();
    }
    return d->endSync(report, appended);
}

QFuture<Result<SyncReport>> SyncLink::syncAsync()
{
    Q_D(SyncLink);
    const Result<Detail::Session *> session = d->beginSync();
    if (!session)
        return QtFuture::makeReadyFuture(Result<SyncReport>(session.error()));
    struct Outcome
    {
        Result<SyncReport> report;
        QList<RecordedEvent> appended;
    };
    // On the worker: its own connection to the local store, and one of its own to the upstream,
    // opened and closed there. The destructor waits for it, so that this object outlives it.
    QFuture<Outcome> work = d->local->runAsync<Outcome>([this, local = d->local.data(), link = d->link, domain = d->domain]() {
        const Result<Detail::Session *> session = EventStorePrivate::sessionOf(local);
        if (!session)
            return Outcome{session.error(), {}};
        EventStore upstream;
        Error error = upstream.open(link.upstreamUrl);
        if (!error.isError())
            error = domain.setUp(upstream);
        if (error.isError())
            return Outcome{error, {}};
        Detail::SyncRun run(*session.value(), upstream, domain, link,
                            [this](const Detail::SyncCommandRecord &command, const DomainResult &result) {
                                QMetaObject::invokeMethod(
                                    this, [this, command, result] { d_func()->decided(command, result); },
                                    Qt::QueuedConnection);
                            });
        Outcome outcome{run.run(), {}};
        if (outcome.report)
            outcome.appended = run.appended();
        return outcome;
    });
    d->running = work;
    return work.then(this, [this](const Outcome &outcome) { return d_func()->endSync(outcome.report, outcome.appended); });
}

bool SyncLink::isSyncing() const
{
    Q_D(const SyncLink);
    return d->running.isRunning();
}

void SyncLinkPrivate::resetProjections(Detail::SyncTables &tables)
{
    if (!link.resetProjections)
        return;
    for (const QPointer<Projection> &projection : std::as_const(projections)) {
        if (!projection)
            continue;
        if (Error error = projection->reset(true); error.isError()) {
            qCWarning(lcStore) << "sync link: projection" << projection->name() << "is reset by the next sync:" << error;
            return;
        }
    }
    if (Error error = tables.projectionsWereReset(); error.isError())
        qCWarning(lcStore) << "sync link:" << error;
    link.resetProjections = false;
}

void SyncLinkPrivate::failed(const Error &error)
{
    qCInfo(lcStore) << "sync link: sync failed:" << error;
    const bool lost = error.kind() == Error::Kind::ConnectionFailed || error.kind() == Error::Kind::ConnectionLost
        || error.kind() == Error::Kind::CommitUnknown;
    if (lost || (upstream && !upstream->isOpen()))
        upstream.reset(); // opened anew by the next attempt
    setOnline(false);
    if (const Result<Detail::Session *> session = localSession(); session)
        (void)Detail::SyncTables(*session.value()).saveError(error.message());
    refresh();
}

void SyncLink::setAutoSync(int intervalMs)
{
    Q_D(SyncLink);
    d->autoSync.stop();
    if (intervalMs <= 0)
        return;
    d->autoSync.start(intervalMs);
    if (!isSyncing())
        (void)syncAsync();
}

void SyncLink::addProjection(Projection *projection)
{
    Q_D(SyncLink);
    d->projections.append(projection);
}

Result<bool> SyncLink::dismissRejected(const QUuid &commandId)
{
    Q_D(SyncLink);
    const Result<Detail::Session *> session = d->localSession();
    if (!session)
        return session.error();
    const Result<bool> dismissed = Detail::SyncTables(*session.value()).dismissRejected(commandId);
    d->refresh();
    return dismissed;
}

bool SyncLink::isOnline() const
{
    Q_D(const SyncLink);
    return d->online;
}

int SyncLink::pendingCount() const
{
    Q_D(const SyncLink);
    return d->pendingCount;
}

QDateTime SyncLink::lastSync() const
{
    Q_D(const SyncLink);
    return d->lastSync;
}

QVariantList SyncLink::rejectedCommands() const
{
    Q_D(const SyncLink);
    return d->rejected;
}

QString SyncLink::lastError() const
{
    Q_D(const SyncLink);
    return d->lastError;
}

void SyncLinkPrivate::setOnline(bool now)
{
    Q_Q(SyncLink);
    if (online == now)
        return;
    online = now;
    Q_EMIT q->onlineChanged(online);
}

QVariantMap SyncLinkPrivate::describe(const Detail::SyncCommandRecord &command)
{
    return {{QStringLiteral("commandId"), command.commandId},
            {QStringLiteral("typeName"), command.typeName},
            {QStringLiteral("entityId"), command.entityId},
            {QStringLiteral("command"), command.command},
            {QStringLiteral("parameters"), command.parameters.toVariantMap()},
            {QStringLiteral("rejectionName"), command.rejectionName},
            {QStringLiteral("rejection"), command.rejection.toVariant()},
            {QStringLiteral("createdAt"), command.createdAt}};
}

void SyncLinkPrivate::refresh()
{
    Q_Q(SyncLink);
    const Result<Detail::Session *> session = localSession();
    if (!session)
        return;
    Detail::SyncTables tables(*session.value());
    const Result<int> pending = tables.count(QStringLiteral("pending"));
    const Result<QList<Detail::SyncCommandRecord>> rejectedNow = tables.commands(QStringLiteral("rejected"));
    const Result<std::optional<Detail::SyncLinkRecord>> record = tables.link();
    if (!pending || !rejectedNow || !record || !record->has_value()) {
        qCWarning(lcStore) << "sync link: cannot read its status:" << pending.error() << rejectedNow.error() << record.error();
        return;
    }
    if (pending.value() != pendingCount) {
        pendingCount = pending.value();
        Q_EMIT q->pendingCountChanged(pendingCount);
    }
    QVariantList described;
    for (const Detail::SyncCommandRecord &command : rejectedNow.value())
        described.append(describe(command));
    if (described != rejected) {
        rejected = described;
        Q_EMIT q->rejectedCommandsChanged();
    }
    const Detail::SyncLinkRecord &stored = *record.value();
    if (stored.lastSync != lastSync) {
        lastSync = stored.lastSync;
        Q_EMIT q->lastSyncChanged(lastSync);
    }
    if (stored.lastError != lastError) {
        lastError = stored.lastError;
        Q_EMIT q->lastErrorChanged(lastError);
    }
}

} // namespace Evented
