#include "eventstore_p.h"
#include "logging_p.h"
#include "migration_p.h"
#include "storetext_p.h"

#include <evented/storeurl.h>

#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>

namespace Evented {

using Detail::StoreText;

namespace {

/*! Adds a connection of \a driver under a new name; empty with \a error set when Qt lacks the driver. */
QString addConnection(const QString &driver, Error *error)
{
    // Qt SQL registers the cleanup of its driver table on first use behind a plain flag (Qt 6.4):
    // two threads that get there at once register it twice, and the process then never ends, the
    // cleanup registering itself again at every call. The first use is made once, here.
    static const bool sqlReady = [] {
        QSqlDatabase::drivers();
        return true;
    }();
    Q_UNUSED(sqlReady);
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("evented-store-%1").arg(counter.fetchAndAddRelaxed(1));
    if (!QSqlDatabase::addDatabase(driver, name).isValid()) {
        QSqlDatabase::removeDatabase(name);
        *error = Error(Error::Kind::ConnectionFailed, StoreText::tr("the Qt SQL driver %1 is not available").arg(driver));
        return {};
    }
    return name;
}

/*! Finds out whether the store's tables are distributed, and builds the statements for them. */
Error settleStatements(QSqlDatabase &db, Detail::StoreContext &context)
{
    const Result<bool> distributed = context.dialect->isDistributed(db, context.options.schema);
    if (!distributed)
        return distributed.error();
    context.distributed = distributed.value();
    context.statements = context.dialect->statements(context.options.schema, context.distributed);
    return {};
}

} // namespace

std::shared_ptr<const Detail::StoreContext> EventStorePrivate::storeContext() const
{
    QMutexLocker lock(&contextMutex);
    return context;
}

Result<Detail::Session *> EventStorePrivate::session()
{
    if (!storeSession)
        return Error::notOpen();
    Detail::Session *here = nullptr;
    if (QThread::currentThread() == ownerThread)
        here = storeSession.get();
    else if (worker && QThread::currentThread() == worker.get())
        here = workerSessionInWorker();
    else
        return Error::wrongThread();
    // Open, or opened again after it was lost: every caller gets a connection it can use.
    if (Error error = here->ensureOpen(); error.isError())
        return error;
    return here;
}

Result<Detail::Session *> EventStorePrivate::readSession()
{
    Result<Detail::Session *> primary = session();
    if (!primary || context->options.replicas.isEmpty())
        return primary;
    const bool inWorker = QThread::currentThread() != ownerThread;
    std::unique_ptr<Detail::ReplicaConnection> &replica = inWorker ? workerReplica : storeReplica;
    quint64 &replayed = inWorker ? workerReplicaCommits : storeReplicaCommits;
    if (!replica)
        replica = std::make_unique<Detail::ReplicaConnection>(context, inWorker ? "worker-replica" : "replica", false);
    Detail::Session *reader = replica->session();
    if (!reader)
        return primary;
    // Read-your-writes: what this store committed is on the replica before it is read there.
    if (const quint64 now = commits.load(); now != replayed) {
        const Result<bool> there = replica->waitForReplay(primary.value()->database(), options.replicaWaitMs);
        if (!there || !there.value()) {
            if (there)
                qCWarning(lcStore) << "the replica" << replica->address() << "did not replay this store's commits within"
                                   << options.replicaWaitMs << "ms: reading from the primary";
            return primary;
        }
        replayed = now;
    }
    return reader;
}

Error EventStorePrivate::openConnection(const QString &connectionName, const EventStore::Options &requested)
{
    Q_Q(EventStore);
    options = requested;
    if (options.readOnly)
        options.migrate = false; // a read-only store changes nothing, its schema neither
    Error error;
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    auto dialect = Detail::Dialect::forStore(db.driverName(), options, &error);
    if (dialect)
        error = dialect->checkIdentifier(options.schema, StoreText::tr("schema name"));
    if (!error.isError() && options.readOnly)
        error = dialect->makeReadOnly(db);
    db = QSqlDatabase();
    if (error.isError()) {
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    }
    static std::atomic<quint64> openings = 0;
    auto made = std::make_shared<Detail::StoreContext>();
    made->dialect = std::move(dialect);
    made->options = options;
    made->connectionName = connectionName;
    made->schemas = schemas;
    ownerThread = q->thread();
    storeSession = std::make_unique<Detail::Session>(connectionName, made,
                                                     [this](const QList<RecordedEvent> &events) { committed(events, false); });
    error = storeSession->ensureOpen();
    if (!error.isError()) {
        QSqlDatabase &db = storeSession->database();
        error = options.migrate ? Detail::migrate(db, *made->dialect, options.schema)
                                : Detail::checkSchema(db, *made->dialect, options.schema);
        if (!error.isError() && options.distribute && options.migrate)
            error = Detail::distribute(db, *made->dialect, options.schema);
        if (!error.isError())
            error = settleStatements(db, *made);
    }
    if (error.isError()) {
        storeSession.reset();
        return error;
    }
    openId = ++openings;
    if (options.migrate)
        ++commits; // a replica is read once it has replayed the migration too
    QMutexLocker lock(&contextMutex);
    context = std::move(made);
    return {};
}

Error EventStorePrivate::fold(const QString &typeName, const QUuid &id, const Detail::FoldRequest &request)
{
    Result<Detail::Session *> here = session();
    if (!here)
        return here.error();
    if (request.schema)
        schemas->add(request.schema);
    return here.value()->fold(typeName, id, request);
}

Error EventStorePrivate::saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion,
                                      const QJsonValue &state)
{
    Result<Detail::Session *> here = session();
    Error error = here ? here.value()->saveSnapshot(typeName, id, version, stateVersion, state) : here.error();
    if (error.isError())
        qCWarning(lcStore) << "cannot store the snapshot of" << typeName << id << "at version" << version << error;
    return error;
}

bool EventStorePrivate::postToWorker(std::function<void()> &work)
{
    QMutexLocker lock(&workerMutex);
    if (closing || openId.load() == 0)
        return false;
    startWorker();
    QMetaObject::invokeMethod(workerContext, std::move(work));
    return true;
}

void EventStorePrivate::startWorker()
{
    if (worker)
        return;
    worker = std::make_unique<QThread>();
    worker->setObjectName(QStringLiteral("evented-store-worker"));
    workerContext = new QObject;
    notifyTimer = new QTimer(workerContext);
    notifyTimer->setSingleShot(true);
    QObject::connect(notifyTimer, &QTimer::timeout, workerContext, [this] { notifyInWorker(); });
    workerContext->moveToThread(worker.get());
    worker->start();
}

void EventStorePrivate::stopWorker()
{
    if (!worker)
        return;
    QMetaObject::invokeMethod(
        workerContext,
        [this] {
            if (notifyTimer->isActive())
                notifyInWorker(); // the trailing wake-up of the last commits
            workerReplica.reset();
            workerSession.reset();
        },
        Qt::BlockingQueuedConnection);
    worker->quit();
    worker->wait();
    QMutexLocker lock(&workerMutex);
    delete workerContext;
    workerContext = nullptr;
    notifyTimer = nullptr;
    worker.reset();
    announcePending = false;
    sinceNotification.invalidate();
}

Detail::Session *EventStorePrivate::workerSessionInWorker()
{
    if (!workerSession) {
        const QSqlDatabase db = Detail::cloneConnection(*context, "worker");
        workerSession = std::make_unique<Detail::Session>(
            db.connectionName(), context, [this](const QList<RecordedEvent> &events) { committed(events, true); });
    }
    return workerSession.get();
}

void EventStorePrivate::committed(const QList<RecordedEvent> &events, bool inWorker)
{
    Q_Q(EventStore);
    ++commits;
    announce();
    if (inWorker)
        QMetaObject::invokeMethod(
            q, [q, events] { Q_EMIT q->eventsCommitted(events, EventStore::QPrivateSignal()); }, Qt::QueuedConnection);
    else
        Q_EMIT q->eventsCommitted(events, EventStore::QPrivateSignal());
}

void EventStorePrivate::announce()
{
    // A NOTIFY inside the append transaction would serialise concurrent commits, so the
    // worker sends it after the commit, at most one per interval.
    if (options.notifyIntervalMs < 0 || !context->dialect->hasFeature(Detail::Dialect::Feature::CommitNotifications)
        || announcePending.exchange(true))
        return;
    std::function<void()> wakeUp = [this] {
        if (notifyTimer->isActive())
            return;
        const qint64 wait = sinceNotification.isValid() ? options.notifyIntervalMs - sinceNotification.elapsed() : 0;
        if (wait > 0)
            notifyTimer->start(int(wait));
        else
            notifyInWorker();
    };
    if (!postToWorker(wakeUp))
        announcePending = false; // closing: the worker's last wake-up goes out as it stops
}

void EventStorePrivate::notifyInWorker()
{
    notifyTimer->stop();
    announcePending = false; // commits from here on need a wake-up of their own
    sinceNotification.start();
    workerSessionInWorker()->notify(options.schema);
}

EventStore::EventStore(QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<EventStorePrivate>(this))
{
    qRegisterMetaType<RecordedEvent>();
    qRegisterMetaType<QList<RecordedEvent>>();
}

EventStore::~EventStore()
{
    close();
}

int EventStore::currentSchemaVersion()
{
    return Detail::currentSchemaVersion;
}

Error EventStore::open(const QString &url)
{
    Q_D(EventStore);
    close();
    if (QThread::currentThread() != thread())
        return Error::wrongThread();
    const QUrl parsed(normalizeStoreUrl(url), QUrl::StrictMode);
    if (!parsed.isValid())
        return Error::invalidArgument(StoreText::tr("malformed store URL: %1").arg(parsed.errorString()));
    const auto dialect = Detail::Dialect::forScheme(parsed.scheme());
    if (!dialect)
        return Error::invalidArgument(
            StoreText::tr("unsupported store URL scheme \"%1\" (expected postgresql:// or sqlite:)").arg(parsed.scheme()));
    Error error;
    const QString name = addConnection(dialect->driverName(), &error);
    if (name.isEmpty())
        return error;
    Options options;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        error = dialect->fromUrl(parsed, db, options);
    }
    if (error.isError()) {
        QSqlDatabase::removeDatabase(name);
        return error;
    }
    return d->openConnection(name, options);
}

Error EventStore::open(const QSqlDatabase &database, const Options &options)
{
    Q_D(EventStore);
    close();
    if (QThread::currentThread() != thread())
        return Error::wrongThread();
    if (!database.isValid())
        return Error::invalidArgument(StoreText::tr("the connection is not valid"));
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("evented-copy-%1").arg(counter.fetchAndAddRelaxed(1));
    QSqlDatabase::cloneDatabase(database, name);
    return d->openConnection(name, options);
}

void EventStore::close()
{
    Q_D(EventStore);
    {
        QMutexLocker lock(&d->workerMutex);
        d->closing = true; // what is queued runs; nothing more is posted
    }
    d->stopWorker();
    d->commitListener.reset();
    d->storeReplica.reset();
    d->storeSession.reset();
    d->openId = 0;
    {
        QMutexLocker lock(&d->contextMutex);
        d->context.reset();
    }
    QMutexLocker lock(&d->workerMutex);
    d->closing = false; // closed: posts fail at once, until the next open()
}

bool EventStore::isOpen() const
{
    Q_D(const EventStore);
    return d->storeSession != nullptr;
}

EventStore::Options EventStore::options() const
{
    Q_D(const EventStore);
    return d->options;
}

Error EventStore::migrate()
{
    Q_D(EventStore);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    return Detail::migrate(session.value()->database(), session.value()->dialect(), d->options.schema);
}

Result<int> EventStore::schemaVersion()
{
    Q_D(EventStore);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    return session.value()->dialect().schemaVersion(session.value()->database(), d->options.schema);
}

bool EventStore::listenForCommits()
{
    Q_D(EventStore);
    if (!d->storeSession || !d->context->dialect->hasFeature(Detail::Dialect::Feature::CommitNotifications))
        return false;
    if (!d->commitListener) {
        d->commitListener = std::make_unique<Detail::CommitListener>(d->context, this, [this] {
            Q_EMIT commitsNotified(QPrivateSignal());
        });
    } else if (d->commitListener->usesOwnConnection() && d->storeSession->database().isOpen()) {
        return true; // listening already
    }
    // Through a transaction-mode pooler, on the direct connection when the URL names one.
    return d->commitListener->listen(d->storeSession->database());
}

QString EventStore::tableName(const QString &name) const
{
    Q_D(const EventStore);
    const auto context = d->storeContext();
    return context ? context->dialect->qualified(context->options.schema, name) : QString();
}

Error EventStore::ensureTable(const QString &name, const QString &columns)
{
    return ensureTable(name, columns, {});
}

bool EventStore::isDistributed() const
{
    Q_D(const EventStore);
    const auto context = d->storeContext();
    return context && context->distributed;
}

Error EventStore::ensureTable(const QString &name, const QString &columns, const TableDistribution &distribution)
{
    Q_D(EventStore);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    const Detail::Dialect &dialect = session.value()->dialect();
    if (Error error = dialect.checkIdentifier(name, tr("table name")); error.isError())
        return error;
    QSqlDatabase &db = session.value()->database();
    QSqlQuery query(db);
    const QString create = dialect.createTableSql(d->options.schema, name, columns);
    bool created = query.exec(create);
    // Two processes that create the same table at once: the loser's catalog insert fails on a
    // unique key, and the table is there (which the statement checks first).
    if (!created && dialect.isUniqueViolation(query.lastError().nativeErrorCode()))
        created = query.exec(create);
    if (!created)
        return Detail::typedError(dialect, query.lastError(), db);
    if (!session.value()->context().distributed)
        return {};
    return dialect.distributeTable(db, d->options.schema, name, distribution);
}

QSqlDatabase EventStore::database() const
{
    Q_D(const EventStore);
    return d->storeSession ? d->storeSession->database() : QSqlDatabase();
}

void EventStore::post(std::function<void()> work)
{
    Q_D(EventStore);
    // Any thread may post (a projection handler that reacts to an event, say).
    if (!d->postToWorker(work))
        work(); // fails at once: the store is not open
}

Error EventStore::fold(const QString &typeName, const QUuid &id, const Detail::FoldRequest &request)
{
    Q_D(EventStore);
    return d->fold(typeName, id, request);
}

Error EventStore::saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion,
                               const QJsonValue &state)
{
    Q_D(EventStore);
    return d->saveSnapshot(typeName, id, version, stateVersion, state);
}

Error EventStore::uncommittedSnapshot()
{
    return Error::invalidArgument(StoreText::tr("a snapshot is taken of a state this store loaded or wrote, and this one was not"));
}

void EventStore::registerSchema(const std::shared_ptr<const EventSchema> &schema)
{
    Q_D(EventStore);
    d->schemas->add(schema);
}

Detail::CommandOutcome EventStore::runCommand(Detail::ErasedCommand &command, int maxAttempts, const CommandOptions &options)
{
    Q_D(EventStore);
    const auto failed = [](const Error &error) { return Detail::CommandOutcome{Outcome::Failed, {}, error, false}; };
    Result<Detail::Session *> session = d->session();
    if (!session)
        return failed(session.error());
    Detail::Session &s = *session.value();
    // Every event of the command carries its correlation and, as its causation, the command's id.
    const Detail::Session::AppendContext context{
        command.typeName, command.entityId, options.commandId,
        options.correlationId.isNull() ? QUuid::createUuid() : options.correlationId,
        options.commandId.isNull() ? QUuid::createUuid() : options.commandId};
    // A command handled before under its id is a repeat, whatever it would decide now.
    const auto repeated = [&]() -> std::optional<Detail::CommandOutcome> {
        if (options.commandId.isNull())
            return std::nullopt;
        Result<std::optional<QList<RecordedEvent>>> before = s.commandEvents(options.commandId);
        if (!before)
            return failed(before.error());
        if (!before.value())
            return std::nullopt;
        if (Error error = command.reload(); error.isError())
            return failed(error);
        return Detail::CommandOutcome{Outcome::Applied, *before.value(), {}, true};
    };
    for (int attempt = 1;; ++attempt) {
        Detail::Decided decided;
        Error failure;
        if (!command.decide(decided, failure)) {
            if (failure.isError())
                return failed(failure);
            if (auto repeat = repeated())
                return *repeat;
            return {Outcome::Rejected, {}, {}, false};
        }
        if (decided.appends.isEmpty()) {
            if (auto repeat = repeated())
                return *repeat;
            return {Outcome::Applied, {}, {}, false};
        }
        Result<Detail::Session::Appended> appended = s.append(decided.appends, context);
        if (appended) {
            if (appended->repeat) {
                if (Error error = command.reload(); error.isError())
                    return failed(error);
            } else {
                command.commit();
            }
            return {Outcome::Applied, std::move(appended->events), {}, appended->repeat};
        }
        if (appended.error().kind() != Error::Kind::VersionConflict || attempt >= maxAttempts)
            return failed(appended.error());
        // A short pause of random length first: writers that collided on one entity would
        // otherwise reload at the same moment and collide again.
        QThread::usleep(QRandomGenerator::global()->bounded(500u << std::min(attempt, 6)));
        if (Error error = command.reload(); error.isError())
            return failed(error);
    }
}

quint64 EventStore::openId() const
{
    Q_D(const EventStore);
    return d->openId.load(std::memory_order_relaxed);
}

void EventStore::setErasedListener(std::type_index type, std::shared_ptr<const void> listener)
{
    Q_D(EventStore);
    QMutexLocker lock(&d->listenersMutex);
    if (listener)
        d->listeners[type] = std::move(listener);
    else
        d->listeners.erase(type);
}

std::shared_ptr<const void> EventStore::erasedListener(std::type_index type) const
{
    Q_D(const EventStore);
    QMutexLocker lock(&d->listenersMutex);
    const auto it = d->listeners.find(type);
    return it == d->listeners.end() ? nullptr : it->second;
}

} // namespace Evented
