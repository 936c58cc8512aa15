#include "eventstore_p.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>

namespace Evented {

namespace {
struct StoreText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventStore)
};

Error invalid(const QString &message)
{
    return Error(Error::Kind::InvalidArgument, message);
}

} // namespace

QString EventStorePrivate::newConnectionName(const char *role) const
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("evented-%1-%2").arg(QLatin1StringView(role)).arg(counter.fetchAndAddRelaxed(1));
}

QString EventStorePrivate::addConnection(const QString &driver, Error *error) const
{
    // Qt SQL registers the cleanup of its driver table on first use behind a plain flag (Qt 6.4):
    // two threads that get there at once register it twice, and the process then never ends, the
    // cleanup registering itself again at every call. The first use is made once, here.
    static const bool sqlReady = [] {
        QSqlDatabase::drivers();
        return true;
    }();
    Q_UNUSED(sqlReady);
    const QString name = newConnectionName("store");
    if (!QSqlDatabase::addDatabase(driver, name).isValid()) {
        QSqlDatabase::removeDatabase(name);
        *error = Error(Error::Kind::ConnectionFailed, StoreText::tr("the Qt SQL driver %1 is not available").arg(driver));
        return {};
    }
    return name;
}

Error EventStorePrivate::openConnection(const QString &connectionName)
{
    Error error;
    if (options.schema.isEmpty() || options.schema.toUtf8().size() > 63)
        error = invalid(StoreText::tr("the schema name must have 1 to 63 bytes"));
    else
        dialect = Detail::Dialect::forDriver(QSqlDatabase::database(connectionName, false).driverName(), &error);
    if (error.isError()) {
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    }
    ownerThread = QThread::currentThread();
    static std::atomic<quint64> openings = 0;
    openId = ++openings;
    session = std::make_unique<Detail::Session>(connectionName, dialect, options,
                                                [this](const QList<RecordedEvent> &events) { committed(events, false); });
    error = session->ensureOpen();
    if (!error.isError()) {
        if (options.migrate) {
            error = dialect->migrate(session->database(), options.schema);
        } else {
            const Result<int> version = dialect->schemaVersion(session->database(), options.schema);
            if (!version)
                error = version.error();
            else if (version.value() == 0)
                error = Error(Error::Kind::NoStore,
                              StoreText::tr("schema %1 holds no event store; open it with migration on to create one")
                                  .arg(options.schema));
            else if (version.value() != EventStore::currentSchemaVersion())
                error = Error(Error::Kind::Schema,
                              StoreText::tr("schema %1 has version %2, this library needs %3; open it with migration on")
                                  .arg(options.schema)
                                  .arg(version.value())
                                  .arg(EventStore::currentSchemaVersion()));
        }
    }
    if (error.isError())
        session.reset();
    return error;
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
            workerSession.reset();
        },
        Qt::BlockingQueuedConnection);
    worker->quit();
    worker->wait();
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
        const QString name = newConnectionName("worker");
        QSqlDatabase::cloneDatabase(session->database().connectionName(), name);
        workerSession = std::make_unique<Detail::Session>(
            name, dialect, options, [this](const QList<RecordedEvent> &events) { committed(events, true); });
    }
    return workerSession.get();
}

void EventStorePrivate::committed(const QList<RecordedEvent> &events, bool inWorker)
{
    Q_Q(EventStore);
    announce();
    if (inWorker)
        QMetaObject::invokeMethod(q, [q, events] { Q_EMIT q->eventsCommitted(events); }, Qt::QueuedConnection);
    else
        Q_EMIT q->eventsCommitted(events);
}

void EventStorePrivate::announce()
{
    // A NOTIFY inside the append transaction would serialise concurrent commits, so the
    // worker sends it after the commit, at most one per interval.
    if (options.notifyIntervalMs < 0 || dialect->notifySql().isEmpty() || announcePending.exchange(true))
        return;
    startWorker();
    QMetaObject::invokeMethod(workerContext, [this] {
        if (notifyTimer->isActive())
            return;
        const qint64 wait = sinceNotification.isValid() ? options.notifyIntervalMs - sinceNotification.elapsed() : 0;
        if (wait > 0)
            notifyTimer->start(int(wait));
        else
            notifyInWorker();
    });
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
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return invalid(StoreText::tr("malformed store URL: %1").arg(parsed.errorString()));
    const auto dialect = Detail::Dialect::forScheme(parsed.scheme());
    if (!dialect)
        return invalid(StoreText::tr("unsupported store URL scheme \"%1\" (expected postgresql:// or sqlite:)")
                           .arg(parsed.scheme()));
    Error error;
    const QString name = d->addConnection(dialect->driverName(), &error);
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
    d->options = options;
    return d->openConnection(name);
}

Error EventStore::open(const QSqlDatabase &database, const Options &options)
{
    Q_D(EventStore);
    close();
    if (!database.isValid())
        return invalid(StoreText::tr("the connection is not valid"));
    const QString name = d->newConnectionName("store");
    QSqlDatabase::cloneDatabase(database, name);
    d->options = options;
    return d->openConnection(name);
}

void EventStore::close()
{
    Q_D(EventStore);
    d->stopWorker();
    d->session.reset();
    d->listeningDriver = nullptr;
}

bool EventStore::isOpen() const
{
    Q_D(const EventStore);
    return d->session != nullptr;
}

EventStore::Options EventStore::options() const
{
    Q_D(const EventStore);
    return d->options;
}

Error EventStore::migrate()
{
    Q_D(EventStore);
    Error error;
    Detail::Session *session = blockingSession(&error);
    if (!session)
        return error;
    return d->dialect->migrate(session->database(), d->options.schema);
}

Result<int> EventStore::schemaVersion()
{
    Q_D(EventStore);
    Error error;
    Detail::Session *session = blockingSession(&error);
    if (!session)
        return error;
    return d->dialect->schemaVersion(session->database(), d->options.schema);
}

bool EventStore::listenForCommits()
{
    Q_D(EventStore);
    const QString channel = d->dialect ? d->dialect->notificationChannel() : QString();
    if (channel.isEmpty() || !d->session || !isOpen())
        return false;
    QSqlDriver *driver = d->session->database().driver();
    if (d->listeningDriver == driver)
        return true;
    d->listeningDriver = driver;
    connect(driver, &QSqlDriver::notification, this,
            [this, d](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (payload.toString() == d->options.schema)
                    Q_EMIT commitsNotified();
            });
    return driver->subscribedToNotifications().contains(channel) || driver->subscribeToNotification(channel);
}

QString EventStore::tableName(const QString &name) const
{
    Q_D(const EventStore);
    if (!d->dialect)
        return {};
    // A quoted identifier, as both backends read it: any name, quotes doubled.
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return d->dialect->table(d->options.schema, "") + u'"' + quoted + u'"';
}

Error EventStore::ensureTable(const QString &name, const QString &columns)
{
    Q_D(EventStore);
    Error error;
    Detail::Session *session = blockingSession(&error);
    if (!session)
        return error;
    QSqlDatabase db = session->database();
    QSqlQuery query(db);
    if (!query.exec(d->dialect->createTableSql(d->options.schema, name, columns)))
        return Detail::typedError(*d->dialect, query.lastError(), db);
    return {};
}

QSqlDatabase EventStore::database() const
{
    Q_D(const EventStore);
    return d->session ? d->session->database() : QSqlDatabase();
}

Detail::Session *EventStore::blockingSession(Error *error)
{
    Q_D(EventStore);
    if (!d->session) {
        *error = Error(Error::Kind::InvalidArgument, StoreText::tr("the store is not open"));
        return nullptr;
    }
    if (QThread::currentThread() != d->ownerThread) {
        *error = Error(Error::Kind::WrongThread,
                       StoreText::tr("blocking store calls must come from the thread that opened the store; "
                                "use the asynchronous calls from other threads"));
        return nullptr;
    }
    return d->session.get();
}

void EventStore::post(std::function<void(Detail::Session *)> work)
{
    Q_D(EventStore);
    if (!d->session) {
        work(nullptr);
        return;
    }
    d->startWorker();
    QMetaObject::invokeMethod(d->workerContext,
                              [d, work = std::move(work)] { work(d->workerSessionInWorker()); });
}

Error EventStore::foldEntity(Detail::Session *session, const QString &typeName, const QUuid &id,
                             const Detail::EventVisitor &visit)
{
    if (!session)
        return Error(Error::Kind::InvalidArgument, StoreText::tr("the store is not open"));
    return session->fold(typeName, id, visit);
}

Result<QList<RecordedEvent>> EventStore::append(Detail::Session *session, const QString &typeName, const QUuid &id,
                                                qint64 expectedVersion, bool versionStored,
                                                const QList<Detail::PendingEvent> &events,
                                                const Detail::ErasedListener &listener)
{
    if (!session)
        return Error(Error::Kind::InvalidArgument, StoreText::tr("the store is not open"));
    return session->append(typeName, id, expectedVersion, versionStored, events, listener);
}

quint64 EventStore::openId() const
{
    Q_D(const EventStore);
    return d->openId;
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
