#include "dialect_p.h"
#include "session_p.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <future>
#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcProjection, "evented.projection")

namespace Evented {

namespace {

struct ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Projection)
};

using Status = ProjectionState::Status;

constexpr int firstBackoffMs = 100;
constexpr int maxBackoffMs = 30'000;
constexpr int maxReconnectMs = 5'000;
constexpr int firstWaitingPollMs = 10;

/*! The status as stored in the projection table. */
QString statusName(Status status)
{
    switch (status) {
    case Status::Stopped:
        return QStringLiteral("stopped");
    case Status::Standby:
        return QStringLiteral("standby");
    case Status::CatchingUp:
        return QStringLiteral("catching_up");
    case Status::Live:
        return QStringLiteral("live");
    case Status::Waiting:
        return QStringLiteral("waiting");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Status statusFromName(const QString &name)
{
    for (Status status : {Status::Standby, Status::CatchingUp, Status::Live, Status::Waiting, Status::Failed}) {
        if (statusName(status) == name)
            return status;
    }
    return Status::Stopped;
}

int backoff(int attempt, int first, int limit)
{
    return int(std::min<qint64>(qint64(first) << std::min(attempt, 20), limit));
}

/*! What a worker needs, copied at start so that later setter calls cannot race with it. */
struct Settings
{
    QString name;
    QString schema;
    QString sourceConnection;
    std::shared_ptr<const Detail::Dialect> dialect;
    std::function<Error(const RecordedEvent &, QSqlDatabase &)> handler;
    ProjectionFilter filter;
    int batchSize = 500;
    int pollInterval = 1000;
    Projection::ErrorStrategy strategy = Projection::ErrorStrategy::Stop;
    int maxRetries = 5;
    QString owner;
};

/*! One row of a catch-up page, decoded only when it passes the filter. */
struct Row
{
    Detail::StoredRow stored;
    QString transactionId;
};

/*! A page of the catch-up: the rows after a position, and the head when they were read. */
struct Page
{
    QList<Row> rows;
    qint64 head = 0;
};

/*! Runs the prepared catch-up \a query for the rows after (\a transactionId, \a seqNo); its error, if any. */
QSqlError readCatchUpPage(QSqlQuery &query, const Detail::Dialect &dialect, const QString &transactionId, qint64 seqNo,
                          int limit, Page &page)
{
    query.addBindValue(transactionId);
    query.addBindValue(seqNo);
    query.addBindValue(limit);
    if (!query.exec())
        return query.lastError();
    page.rows.reserve(limit);
    while (query.next()) {
        page.rows.append({Detail::storedRow(query, dialect), query.value(7).toString()});
        page.head = query.value(8).toLongLong();
    }
    const QSqlError error = query.lastError();
    query.finish();
    return error;
}

/*! Runs the native catch-up \a statement, as readCatchUpPage() does the driver's. */
Error readCatchUpPage(Detail::NativeStatement &statement, const Detail::Dialect &dialect, const QString &transactionId,
                      qint64 seqNo, int limit, Page &page)
{
    page.rows.reserve(limit);
    QByteArray typeBytes; // rows in a run of one type share one string
    QString typeName;
    return statement.visit({transactionId.toLatin1(), QByteArray::number(seqNo), QByteArray::number(limit)},
                           [&](const QByteArrayView *columns, int) {
                               if (columns[1] != typeBytes) {
                                   typeBytes = columns[1].toByteArray();
                                   typeName = QString::fromUtf8(typeBytes);
                               }
                               const QVariant recordedAt = columns[6].isNull() ? QVariant() : QVariant(columns[6].toLongLong());
                               page.rows.append({{columns[0].toLongLong(), typeName, columns[2].toByteArray(),
                                                  columns[3].toLongLong(), columns[4].toByteArray(),
                                                  columns[5].toByteArray(), dialect.toUtc(recordedAt)},
                                                 QString::fromLatin1(columns[7])});
                               page.head = columns[8].toLongLong();
                           });
}

/*!
    Reads the next page of a catch-up on a connection and a thread of its own while the worker
    applies the current page, so that reading and applying run side by side. A page read ahead
    is used only when it starts exactly where the worker's committed position is and has the
    size it asks for; anything else (a failed batch, a smaller batch after a failure, a lost
    connection) falls back to the worker's own read, which reports errors as usual.
*/
class PagePrefetcher
{
public:
    PagePrefetcher(const Settings &settings, const QString &connectOptions)
        : m_settings(settings)
        , m_connectOptions(connectOptions)
    {
        m_thread.setObjectName(QStringLiteral("evented-prefetch"));
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }

    ~PagePrefetcher()
    {
        discard();
        // The connection belongs to the thread: it is closed there.
        QMetaObject::invokeMethod(&m_context, [this] { closeConnection(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    /*! Starts reading the page after (\a transactionId, \a seqNo). */
    void request(const QString &transactionId, qint64 seqNo, int limit)
    {
        discard();
        auto promise = std::make_shared<std::promise<std::optional<Page>>>();
        m_pending = Pending{transactionId, seqNo, limit, promise->get_future()};
        QMetaObject::invokeMethod(&m_context, [this, promise, transactionId, seqNo, limit] {
            promise->set_value(read(transactionId, seqNo, limit));
        });
    }

    /*! The page read ahead for exactly this position and size, or none. */
    std::optional<Page> take(const QString &transactionId, qint64 seqNo, int limit)
    {
        if (!m_pending)
            return std::nullopt;
        Pending pending = std::move(*m_pending);
        m_pending.reset();
        std::optional<Page> page = pending.page.get();
        if (pending.transactionId != transactionId || pending.seqNo != seqNo || pending.limit != limit)
            return std::nullopt;
        return page;
    }

private:
    struct Pending
    {
        QString transactionId;
        qint64 seqNo;
        int limit;
        std::future<std::optional<Page>> page;
    };

    void discard()
    {
        if (m_pending) {
            m_pending->page.wait();
            m_pending.reset();
        }
    }

    std::optional<Page> read(const QString &transactionId, qint64 seqNo, int limit)
    {
        if (!m_db.isOpen()) {
            static QAtomicInteger<quint64> counter;
            m_connectionName = QStringLiteral("evented-prefetch-%1").arg(counter.fetchAndAddRelaxed(1));
            m_db = QSqlDatabase::cloneDatabase(m_settings.sourceConnection, m_connectionName);
            m_db.setConnectOptions(m_connectOptions);
            m_native.reset();
            m_query.reset();
            if (Detail::openConnection(m_db, *m_settings.dialect).isError()) {
                closeConnection();
                return std::nullopt;
            }
        }
        const QString sql = m_settings.dialect->catchUpSql(m_settings.schema);
        if (!m_native && !m_query) // the client library's own reads where the backend has them
            m_native = m_settings.dialect->nativeStatement(m_db, sql);
        if (!m_native && !m_query) {
            m_query.emplace(m_db);
            m_query->setForwardOnly(true);
            if (!m_query->prepare(sql)) {
                m_query.reset();
                return std::nullopt;
            }
        }
        Page page;
        const bool failed = m_native
            ? readCatchUpPage(*m_native, *m_settings.dialect, transactionId, seqNo, limit, page).isError()
            : readCatchUpPage(*m_query, *m_settings.dialect, transactionId, seqNo, limit, page).isValid();
        if (failed) {
            closeConnection(); // a fresh connection for the next page
            return std::nullopt;
        }
        return page;
    }

    void closeConnection()
    {
        m_native.reset();
        m_query.reset();
        if (m_db.isValid()) {
            m_db.close();
            m_db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
        }
    }

    Settings m_settings;
    QString m_connectOptions;
    QThread m_thread;
    QObject m_context;            // lives in m_thread
    QSqlDatabase m_db;            // used only in m_thread
    QString m_connectionName;
    std::unique_ptr<Detail::NativeStatement> m_native; // or, where the backend has none:
    std::optional<QSqlQuery> m_query;
    std::optional<Pending> m_pending; // the worker's side
};

/*! Runs \a handler, turning exceptions into failures. */
Error callHandler(const Settings &settings, const RecordedEvent &event, QSqlDatabase &db)
{
    try {
        return settings.handler(event, db);
    } catch (const std::exception &e) {
        return Error::handlerFailed(event.seqNo, QString::fromUtf8(e.what()));
    } catch (...) {
        return Error::handlerFailed(event.seqNo, Detail::unknownException());
    }
}

/*! Sets the position of \a name back to the beginning, clearing the view with \a clearView. */
Error resetOn(QSqlDatabase &db, const Detail::Dialect &dialect, const QString &schema, const QString &name,
              const Projection::ResetHandler &clearView)
{
    auto sqlError = [&](const QSqlError &e) { return Detail::typedError(dialect, e, db); };
    const auto lock = dialect.lockProjection(db, schema, name);
    if (!lock)
        return lock.error();
    if (!lock.value())
        return Error(Error::Kind::InvalidArgument,
                     ProjectionText::tr("projection %1 is active in another instance; stop it first").arg(name));
    // Destroyed after the transaction: a prepared statement cannot be freed in a failed one.
    QSqlQuery query(db);
    return Detail::inWriteTransaction(db, dialect, [&]() -> Error {
        if (clearView) {
            const ListenerResult cleared = Detail::callGuarded([&] { return clearView(db); });
            if (!cleared.isOk())
                return Error(Error::Kind::ListenerFailed,
                             ProjectionText::tr("clearing the view of projection %1 failed: %2").arg(name, cleared.message()));
        }
        if (!query.prepare(dialect.saveSql(schema)))
            return sqlError(query.lastError());
        const QVariant null;
        for (const QVariant &value : {QVariant(name), QVariant(0), QVariant(QStringLiteral("0")),
                                      QVariant(statusName(Status::Stopped)), null, null, null, null, null})
            query.addBindValue(value);
        if (!query.exec())
            return sqlError(query.lastError());
        return {};
    });
}

} // namespace

/*!
    The worker: created in the owner's thread, moved to the projection's thread, and from then
    on used only there. All database work of a running projection happens here.
*/
class ProjectionWorker final : public QObject
{
public:
    ProjectionWorker(ProjectionPrivate *d, Settings settings, const ProjectionState &initial);

    void wake();
    void finish();

private:
    void pass();
    bool ensureConnected();
    bool acquire();
    Error readPage(int limit, QList<Row> &rows, qint64 &head);
    Error applyPage(const QList<Row> &rows, bool full, qsizetype &failedAt);
    Error checkIdle(bool &held, bool &ready);
    Error save();
    void failed(const Error &error);
    void connectionLost(const Error &error);
    void retryAfter(int milliseconds);
    Error sqlError(const QSqlError &error);
    QSqlQuery *prepared(std::optional<QSqlQuery> &slot, const QString &sql, Error &error);
    void resetStatements();
    void publish();

    ProjectionPrivate *d;
    Settings m_settings;
    ProjectionState m_state;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<Detail::InstanceLock> m_lock; // held while this is the active instance
    bool m_passQueued = false;
    bool m_handledSinceCaughtUp = true;
    int m_limitOverride = 0;   // after a failed batch: commit the events before the failing one
    int m_attempts = 0;        // failures in a row
    int m_reconnects = 0;
    int m_waitingPoll = firstWaitingPollMs;
    QDeadlineTimer m_notBefore;
    QTimer *m_timer;
    std::optional<QSqlQuery> m_catchUp;
    std::unique_ptr<PagePrefetcher> m_prefetch; // while catching up on a backend where it pays
    std::optional<QSqlQuery> m_save;
    std::optional<QSqlQuery> m_idle;
};

class ProjectionThread final : public QThread
{
public:
    explicit ProjectionThread(ProjectionWorker *worker)
        : m_worker(worker)
    {
    }

protected:
    void run() override
    {
        m_worker->wake();
        exec();
        m_worker->finish();
    }

private:
    ProjectionWorker *m_worker;
};

class ProjectionPrivate
{
public:
    explicit ProjectionPrivate(Projection *q)
        : q_ptr(q)
    {
    }

    /*! Stores \a state and emits stateChanged() in the owner's thread; any thread. */
    void publish(const ProjectionState &state)
    {
        {
            QMutexLocker lock(&mutex);
            if (current == state)
                return;
            current = state;
        }
        Q_Q(Projection);
        QMetaObject::invokeMethod(q, [q, state] { Q_EMIT q->stateChanged(state); }, Qt::QueuedConnection);
    }

    void report(const Error &error)
    {
        Q_Q(Projection);
        qCWarning(lcProjection) << "projection" << name << error;
        QMetaObject::invokeMethod(q, [q, error] { Q_EMIT q->errorOccurred(error); }, Qt::QueuedConnection);
    }

    void caughtUp(qint64 seqNo)
    {
        Q_Q(Projection);
        QMetaObject::invokeMethod(q, [q, seqNo] { Q_EMIT q->caughtUp(seqNo); }, Qt::QueuedConnection);
    }

    Projection *q_ptr;
    Q_DECLARE_PUBLIC(Projection)

    QPointer<EventStore> store;
    QString name;
    std::function<Error(const RecordedEvent &, QSqlDatabase &)> handler;
    ProjectionFilter filter;
    Projection::ResetHandler resetHandler;
    int batchSize = 500;
    int pollInterval = 1000;
    Projection::ErrorStrategy strategy = Projection::ErrorStrategy::Stop;
    int maxRetries = 5;

    std::unique_ptr<ProjectionThread> thread;
    std::unique_ptr<ProjectionWorker> worker;

    mutable QMutex mutex;
    ProjectionState current;
};

ProjectionWorker::ProjectionWorker(ProjectionPrivate *d, Settings settings, const ProjectionState &initial)
    : d(d)
    , m_settings(std::move(settings))
    , m_state(initial)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { wake(); });
}

void ProjectionWorker::wake()
{
    if (m_passQueued)
        return;
    m_passQueued = true;
    QMetaObject::invokeMethod(this, [this] { pass(); }, Qt::QueuedConnection);
}

void ProjectionWorker::retryAfter(int milliseconds)
{
    m_notBefore.setRemainingTime(milliseconds);
    m_timer->start(milliseconds);
}

void ProjectionWorker::pass()
{
    m_passQueued = false;
    if (!m_notBefore.hasExpired()) {
        m_timer->start(int(std::max<qint64>(m_notBefore.remainingTime(), 1)));
        return;
    }
    m_timer->stop();
    if (!ensureConnected() || (!m_lock && !acquire()))
        return;

    const int limit = m_limitOverride > 0 ? m_limitOverride : m_settings.batchSize;
    QList<Row> rows;
    qint64 head = m_state.head;
    if (Error error = readPage(limit, rows, head); error.isError())
        return failed(error);
    m_state.head = head;
    const bool full = rows.size() == limit;
    if (full && m_settings.dialect->prefetchesPages()) {
        // Catching up: the next page is read while this one is applied.
        if (!m_prefetch)
            m_prefetch = std::make_unique<PagePrefetcher>(m_settings, m_db.connectOptions());
        m_prefetch->request(rows.last().transactionId, rows.last().stored.seqNo, limit);
    } else {
        m_prefetch.reset(); // caught up: its connection is not kept
    }
    if (!rows.isEmpty()) {
        qsizetype failedAt = -1;
        if (Error error = applyPage(rows, full, failedAt); error.isError()) {
            if (failedAt > 0 && m_db.isOpen()) {
                m_limitOverride = int(failedAt); // the events before the failing one commit on their own
                wake();
                return;
            }
            return failed(error);
        }
        m_limitOverride = 0;
        m_attempts = 0;
        m_handledSinceCaughtUp = true;
    }
    if (full) {
        publish();
        wake();
        return;
    }

    // Caught up to the barrier: is anything committed held back behind an open transaction?
    // Or has the barrier moved on since the page was read?
    bool held = false;
    bool ready = false;
    if (Error error = checkIdle(held, ready); error.isError())
        return failed(error);
    m_attempts = 0;
    m_state.error.clear();
    m_state.errorSeqNo = -1;
    publish();
    if (ready) {
        wake();
        return;
    }
    if (held) {
        m_timer->start(m_waitingPoll);
        m_waitingPoll = std::min(m_waitingPoll * 2, std::max(m_settings.pollInterval, firstWaitingPollMs));
        return;
    }
    m_waitingPoll = firstWaitingPollMs;
    if (m_handledSinceCaughtUp) {
        m_handledSinceCaughtUp = false;
        d->caughtUp(m_state.seqNo);
    }
    m_timer->start(m_settings.pollInterval);
}

bool ProjectionWorker::ensureConnected()
{
    if (m_db.isOpen())
        return true;
    if (!m_db.isValid()) {
        static QAtomicInteger<quint64> counter;
        m_connectionName = QStringLiteral("evented-projection-%1").arg(counter.fetchAndAddRelaxed(1));
        m_db = QSqlDatabase::cloneDatabase(m_settings.sourceConnection, m_connectionName);
        m_db.setConnectOptions(m_settings.dialect->backgroundConnectOptions(m_db.connectOptions()));
        if (QSqlDriver *driver = m_db.driver()) {
            connect(driver, &QSqlDriver::notification, this,
                    [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                        if (payload.toString() == m_settings.schema)
                            wake();
                    });
        }
    }
    if (m_lock) { // closed by the driver, which saw the connection die while idle
        connectionLost(Detail::connectionLost(m_db.lastError().text()));
        return false;
    }
    resetStatements();
    if (Error error = Detail::openConnection(m_db, *m_settings.dialect); error.isError()) {
        d->report(error);
        retryAfter(backoff(m_reconnects++, firstBackoffMs, maxReconnectMs));
        return false;
    }
    m_reconnects = 0;
    const QString channel = m_settings.dialect->notificationChannel();
    if (!channel.isEmpty()) {
        QSqlDriver *driver = m_db.driver();
        if (driver->subscribedToNotifications().contains(channel))
            driver->unsubscribeFromNotification(channel);
        if (!driver->subscribeToNotification(channel))
            qCWarning(lcProjection) << "cannot subscribe to commit notifications; polling only";
    }
    return true;
}

bool ProjectionWorker::acquire()
{
    auto lock = m_settings.dialect->lockProjection(m_db, m_settings.schema, m_settings.name);
    if (!lock) {
        failed(lock.error());
        return false;
    }
    if (!lock.value()) {
        m_state.status = Status::Standby;
        publish();
        m_timer->start(m_settings.pollInterval);
        return false;
    }
    // The position is only known once read under the lock: until it is stored again, this
    // instance is not active and nothing else of it may write.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(m_settings.dialect->positionSql(m_settings.schema))) {
        failed(sqlError(query.lastError()));
        return false;
    }
    query.addBindValue(m_settings.name);
    if (!query.exec()) {
        failed(sqlError(query.lastError()));
        return false;
    }
    ProjectionState state = m_state;
    if (query.next()) {
        state.seqNo = query.value(0).toLongLong();
        state.transactionId = query.value(1).toString();
    } else {
        state.seqNo = 0;
        state.transactionId = QStringLiteral("0");
    }
    Detail::drain(query);
    state.status = Status::CatchingUp;
    state.owner = m_settings.owner;
    state.error.clear();
    state.errorSeqNo = -1;
    state.waitingOnPid = 0;
    state.waitingSince = {};
    const ProjectionState before = std::exchange(m_state, state);
    if (Error error = save(); error.isError()) {
        m_state = before;
        failed(error);
        return false;
    }
    m_lock = std::move(lock).value();
    m_handledSinceCaughtUp = true;
    publish();
    return true;
}

Error ProjectionWorker::readPage(int limit, QList<Row> &rows, qint64 &head)
{
    if (m_prefetch) {
        if (std::optional<Page> ahead = m_prefetch->take(m_state.transactionId, m_state.seqNo, limit)) {
            rows = std::move(ahead->rows);
            head = ahead->head;
            return {};
        }
    }
    Error error;
    QSqlQuery *statement = prepared(m_catchUp, m_settings.dialect->catchUpSql(m_settings.schema), error);
    if (!statement)
        return error;
    Page page;
    if (const QSqlError failure = readCatchUpPage(*statement, *m_settings.dialect, m_state.transactionId, m_state.seqNo,
                                                  limit, page);
        failure.isValid())
        return sqlError(failure);
    rows = std::move(page.rows);
    head = page.head;
    return {};
}

Error ProjectionWorker::applyPage(const QList<Row> &rows, bool full, qsizetype &failedAt)
{
    if (Error error = Detail::beginWrite(m_db, *m_settings.dialect); error.isError())
        return error;
    Error error;
    const ProjectionFilter &filter = m_settings.filter;
    for (qsizetype i = 0; i < rows.size() && !error.isError(); ++i) {
        const Detail::StoredRow &row = rows.at(i).stored;
        if (!filter.typeNames.isEmpty() && !filter.typeNames.contains(row.typeName))
            continue;
        RecordedEvent event;
        error = Detail::decode(row, event);
        if (!error.isError()) {
            if (!filter.matches(event))
                continue;
            error = callHandler(m_settings, event, m_db);
        }
        if (error.isError())
            failedAt = i;
    }

    const ProjectionState before = m_state;
    if (!error.isError()) {
        m_state.seqNo = rows.last().stored.seqNo;
        m_state.transactionId = rows.last().transactionId;
        m_state.status = full ? Status::CatchingUp : Status::Live;
        m_state.error.clear();
        m_state.errorSeqNo = -1;
        m_state.waitingOnPid = 0;
        m_state.waitingSince = {};
        error = save();
    }
    if (!error.isError() && !m_db.commit())
        error = sqlError(m_db.lastError());
    if (error.isError()) {
        m_state = before;
        if (m_db.isOpen() && !m_db.rollback() && !m_db.isOpen())
            error = sqlError(m_db.lastError());
    }
    return error;
}

Error ProjectionWorker::checkIdle(bool &held, bool &ready)
{
    Error error;
    QSqlQuery *statement = prepared(m_idle, m_settings.dialect->idleSql(m_settings.schema), error);
    if (!statement)
        return error;
    QSqlQuery &query = *statement;
    query.addBindValue(m_state.transactionId);
    query.addBindValue(m_state.seqNo);
    if (!query.exec() || !query.next())
        return sqlError(query.lastError());
    m_state.head = query.value(0).toLongLong();
    held = query.value(1).toBool();
    ready = query.value(2).toBool();
    const int pid = held ? query.value(3).toInt() : 0;
    const QDateTime since = held ? m_settings.dialect->toUtc(query.value(4)) : QDateTime();
    Detail::drain(query);
    if (ready) {
        m_state.status = Status::CatchingUp;
        return {};
    }

    const Status status = held ? Status::Waiting : Status::Live;
    const bool changed = status != m_state.status || pid != m_state.waitingOnPid;
    m_state.status = status;
    m_state.waitingOnPid = pid;
    if (changed) {
        m_state.waitingSince = since;
        return save();
    }
    return {};
}

Error ProjectionWorker::save()
{
    Error error;
    QSqlQuery *statement = prepared(m_save, m_settings.dialect->saveSql(m_settings.schema), error);
    if (!statement)
        return error;
    QSqlQuery &query = *statement;
    const QVariant nullText{QMetaType::fromType<QString>()};
    query.addBindValue(m_settings.name);
    query.addBindValue(m_state.seqNo);
    query.addBindValue(m_state.transactionId);
    query.addBindValue(statusName(m_state.status));
    query.addBindValue(m_state.error.isEmpty() ? nullText : QVariant(m_state.error));
    query.addBindValue(m_state.errorSeqNo < 0 ? nullText : QVariant(m_state.errorSeqNo));
    query.addBindValue(m_state.waitingOnPid == 0 ? nullText : QVariant(m_state.waitingOnPid));
    query.addBindValue(m_state.waitingSince.isValid() ? QVariant(m_state.waitingSince.toString(Qt::ISODateWithMs))
                                                      : nullText);
    query.addBindValue(m_state.owner);
    if (!query.exec())
        return sqlError(query.lastError());
    query.finish();
    m_state.updatedAt = QDateTime::currentDateTimeUtc();
    return {};
}

void ProjectionWorker::failed(const Error &error)
{
    if (!m_db.isOpen() || error.kind() == Error::Kind::ConnectionLost)
        return connectionLost(error);
    d->report(error);
    ++m_attempts;
    m_state.error = error.message();
    m_state.errorSeqNo = error.seqNo();
    // A poison event follows the strategy; the database being busy for a moment never stops it.
    const bool transient = error.kind() == Error::Kind::Database && m_settings.dialect->isTransient(error.sqlState());
    if (transient
        || (m_settings.strategy == Projection::ErrorStrategy::Retry && m_attempts <= m_settings.maxRetries)) {
        publish();
        retryAfter(backoff(m_attempts - 1, firstBackoffMs, maxBackoffMs));
        return;
    }
    // Stop: the lock is released when the thread ends, and other instances take over.
    m_state.status = Status::Failed;
    if (m_lock) {
        if (Error saved = save(); saved.isError())
            qCWarning(lcProjection) << "cannot store the failure of projection" << m_settings.name << saved;
    }
    publish();
    QThread::currentThread()->quit();
}

void ProjectionWorker::connectionLost(const Error &error)
{
    d->report(error.kind() == Error::Kind::ConnectionLost ? error
                                                          : Detail::connectionLost(error.message(), error.sqlState()));
    resetStatements();
    m_lock.reset(); // the lock went with the connection; another instance may take over
    m_db.close();
    m_state.status = Status::CatchingUp;
    publish();
    retryAfter(backoff(m_reconnects++, firstBackoffMs, maxReconnectMs));
}

Error ProjectionWorker::sqlError(const QSqlError &error)
{
    return Detail::typedError(*m_settings.dialect, error, m_db);
}

QSqlQuery *ProjectionWorker::prepared(std::optional<QSqlQuery> &slot, const QString &sql, Error &error)
{
    QSqlError failure;
    QSqlQuery *query = Detail::prepareOnce(slot, m_db, sql, &failure);
    if (!query)
        error = sqlError(failure);
    return query;
}

void ProjectionWorker::resetStatements()
{
    m_catchUp.reset();
    m_save.reset();
    m_idle.reset();
}

void ProjectionWorker::publish()
{
    m_state.lag = m_state.status == Status::Live ? 0 : std::max<qint64>(0, m_state.head - m_state.seqNo);
    d->publish(m_state);
}

void ProjectionWorker::finish()
{
    m_timer->stop();
    if (m_lock && m_db.isOpen() && m_state.status != Status::Failed) {
        m_state.status = Status::Stopped;
        m_state.waitingOnPid = 0;
        m_state.waitingSince = {};
        if (Error error = save(); error.isError())
            qCWarning(lcProjection) << "cannot store that projection" << m_settings.name << "stopped:" << error;
    }
    if (m_state.status != Status::Failed)
        m_state.status = Status::Stopped;
    publish();
    m_prefetch.reset();
    resetStatements();
    m_lock.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool ProjectionFilter::matches(const RecordedEvent &event) const
{
    return (typeNames.isEmpty() || typeNames.contains(event.typeName))
        && (eventNames.isEmpty() || eventNames.contains(event.eventName));
}

Result<QList<ProjectionState>> ProjectionState::read(EventStore *store)
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    // Not forward-only: all rows are fetched before the lock checks run on the same connection.
    if (!query.exec(dialect->statesSql(schema)))
        return Detail::typedError(*dialect, query.lastError(), db);
    QList<ProjectionState> states;
    while (query.next()) {
        ProjectionState state;
        state.name = query.value(0).toString();
        state.seqNo = query.value(1).toLongLong();
        state.transactionId = query.value(2).toString();
        state.status = statusFromName(query.value(3).toString());
        state.error = query.value(4).toString();
        state.errorSeqNo = query.value(5).isNull() ? -1 : query.value(5).toLongLong();
        state.waitingOnPid = query.value(6).toInt();
        state.waitingSince = dialect->toUtc(query.value(7));
        state.owner = query.value(8).toString();
        state.updatedAt = dialect->toUtc(query.value(9));
        // A stored status outlives a process killed without stopping: only a held lock means running.
        const Result<bool> active = dialect->isProjectionActive(db, schema, state.name);
        if (!active)
            return active.error();
        if (!active.value() && state.status != Status::Failed) {
            state.status = Status::Stopped;
            state.waitingOnPid = 0;
            state.waitingSince = {};
        }
        state.head = query.value(10).toLongLong();
        state.lag = state.status == Status::Live ? 0 : std::max<qint64>(0, state.head - state.seqNo);
        states.append(state);
    }
    return states;
}

Projection::Projection(EventStore *store, const QString &name, QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<ProjectionPrivate>(this))
{
    Q_D(Projection);
    qRegisterMetaType<ProjectionState>();
    qRegisterMetaType<Error>();
    d->store = store;
    d->name = name;
    d->current.name = name;
}

Projection::~Projection()
{
    stop();
}

QString Projection::name() const
{
    Q_D(const Projection);
    return d->name;
}

Error Projection::handlerError(const RecordedEvent &event, const ListenerResult &result)
{
    return result.isOk() ? Error() : Error::handlerFailed(event.seqNo, result.message());
}

void Projection::setHandler(Handler handler, const ProjectionFilter &filter)
{
    setErasedHandler(
        [handler = std::move(handler)](const RecordedEvent &event, QSqlDatabase &db) {
            return handlerError(event, handler(event, db));
        },
        filter);
}

void Projection::setErasedHandler(ErasedHandler handler, const ProjectionFilter &filter)
{
    Q_D(Projection);
    d->handler = std::move(handler);
    d->filter = filter;
}

void Projection::setResetHandler(ResetHandler handler)
{
    Q_D(Projection);
    d->resetHandler = std::move(handler);
}

void Projection::setBatchSize(int events)
{
    Q_D(Projection);
    d->batchSize = std::max(1, events);
}

int Projection::batchSize() const
{
    Q_D(const Projection);
    return d->batchSize;
}

void Projection::setPollInterval(int milliseconds)
{
    Q_D(Projection);
    d->pollInterval = std::max(1, milliseconds);
}

int Projection::pollInterval() const
{
    Q_D(const Projection);
    return d->pollInterval;
}

void Projection::setErrorStrategy(ErrorStrategy strategy, int maxRetries)
{
    Q_D(Projection);
    d->strategy = strategy;
    d->maxRetries = std::max(0, maxRetries);
}

Projection::ErrorStrategy Projection::errorStrategy() const
{
    Q_D(const Projection);
    return d->strategy;
}

int Projection::maxRetries() const
{
    Q_D(const Projection);
    return d->maxRetries;
}

void Projection::start()
{
    Q_D(Projection);
    if (isRunning())
        return;
    stop(); // joins a worker that ended by itself (Failed)
    ProjectionState state = this->state();
    Error error;
    if (!d->store || !d->store->isOpen())
        error = Error(Error::Kind::InvalidArgument, tr("the store is not open"));
    else if (!d->handler)
        error = Error(Error::Kind::InvalidArgument, tr("projection %1 has no handler").arg(d->name));
    else if (d->name.isEmpty())
        error = Error(Error::Kind::InvalidArgument, tr("a projection needs a name"));
    Settings settings;
    if (!error.isError()) {
        const QSqlDatabase db = d->store->database();
        settings.dialect = Detail::Dialect::forDriver(db.driverName(), &error);
        settings.sourceConnection = db.connectionName();
    }
    if (error.isError()) {
        state.status = Status::Failed;
        state.error = error.message();
        d->publish(state);
        d->report(error);
        return;
    }
    settings.name = d->name;
    settings.schema = d->store->options().schema;
    settings.handler = d->handler;
    settings.filter = d->filter;
    settings.batchSize = d->batchSize;
    settings.pollInterval = d->pollInterval;
    settings.strategy = d->strategy;
    settings.maxRetries = d->maxRetries;
    settings.owner = QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());

    state.status = Status::Stopped;
    state.error.clear();
    state.errorSeqNo = -1;
    d->worker = std::make_unique<ProjectionWorker>(d, std::move(settings), state);
    ProjectionWorker *worker = d->worker.get();
    // Commits of this process wake the worker at once; the signal is queued into its thread.
    connect(d->store.data(), &EventStore::eventsCommitted, worker, [worker] { worker->wake(); });
    d->thread = std::make_unique<ProjectionThread>(worker);
    d->thread->setObjectName(u"evented-projection-" + d->name);
    worker->moveToThread(d->thread.get());
    d->thread->start();
}

void Projection::stop()
{
    Q_D(Projection);
    if (!d->thread)
        return;
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    d->worker.reset();
}

bool Projection::isRunning() const
{
    Q_D(const Projection);
    return d->thread && d->thread->isRunning();
}

Error Projection::reset(bool clearView)
{
    Q_D(Projection);
    Result<Detail::StoreAccess> access = Detail::blockingAccess(d->store);
    if (!access)
        return access.error();
    const bool wasRunning = isRunning();
    stop();
    const Error error = resetOn(access->db, *access->dialect, access->schema, d->name,
                                clearView ? d->resetHandler : Projection::ResetHandler());
    if (!error.isError()) {
        ProjectionState state = this->state();
        state.seqNo = 0;
        state.transactionId = QStringLiteral("0");
        state.error.clear();
        state.errorSeqNo = -1;
        if (state.status == Status::Failed)
            state.status = Status::Stopped;
        d->publish(state);
    }
    if (wasRunning)
        start();
    return error;
}

ProjectionState Projection::state() const
{
    Q_D(const Projection);
    QMutexLocker lock(&d->mutex);
    return d->current;
}

} // namespace Evented
