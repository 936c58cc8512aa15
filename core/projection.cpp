#include "eventstore_p.h"
#include "logging_p.h"
#include "projection_p.h"
#include "projectionlease_p.h"
#include "projectionworker_p.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <QSqlError>

namespace Evented {

using Status = ProjectionState::Status;

namespace {

/*! Sets the position of projection \a name back to the beginning, clearing the view with \a clearView. */
Error resetOn(Detail::Session &session, std::shared_ptr<const Detail::StoreContext> context, const QString &name,
              int leaseMs, const Projection::ResetHandler &clearView)
{
    QSqlDatabase &db = session.database();
    const Detail::Dialect &dialect = session.dialect();
    // It holds the lease while it resets: no instance can start from the old position meanwhile.
    Detail::ProjectionLease lease(std::move(context), name,
                                  QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid()),
                                  leaseMs);
    const Result<bool> taken = lease.take(db);
    if (!taken)
        return taken.error();
    if (!taken.value())
        return Error::invalidArgument(Projection::tr("projection %1 is active in another instance; stop it first").arg(name));
    // Destroyed after the transaction: a prepared statement cannot be freed in a failed one.
    Detail::StoreQuery query(db, dialect);
    Detail::StoreQuery clear(db, dialect);
    Error error = Detail::inWriteTransaction(db, dialect, [&]() -> Error {
        const qint64 token = lease.token();
        const Result<bool> held = lease.renew(db);
        if (!held)
            return held.error();
        if (!held.value())
            return Error::leaseLost(name, token);
        if (clearView) {
            const ListenerResult cleared = Detail::callListener([&] { return clearView(db); });
            if (cleared.isFailed())
                return Error(Error::Kind::ListenerFailed,
                             Projection::tr("clearing the view of projection %1 failed: %2").arg(name, cleared.message()));
        }
        // From the start, with an empty digest and no checkpoints of it.
        if (!query.prepare(session.statements().save))
            return session.sqlError(query.lastError());
        const QVariant null;
        for (const QVariant &value : {QVariant(name), QVariant(0), QVariant(QStringLiteral("0")),
                                      QVariant(Detail::storedStatus(Status::Stopped)), null, null, null, null, null,
                                      QVariant(0), QVariant(0)})
            query.addBindValue(value);
        if (!query.exec())
            return session.sqlError(query.lastError());
        if (!clear.prepare(session.statements().clearCheckpoints))
            return session.sqlError(clear.lastError());
        clear.addBindValue(name);
        if (!clear.exec())
            return session.sqlError(clear.lastError());
        return {};
    });
    if (Error released = lease.release(db); released.isError())
        qCWarning(lcProjection) << "cannot give up the lease of projection" << name << "after its reset:" << released;
    return error;
}

} // namespace

ProjectionPrivate::~ProjectionPrivate() = default;

void ProjectionPrivate::publish(const ProjectionState &state)
{
    {
        QMutexLocker lock(&mutex);
        if (current == state)
            return;
        current = state;
    }
    Q_Q(Projection);
    QMetaObject::invokeMethod(q, [q, state] { Q_EMIT q->stateChanged(state, Projection::QPrivateSignal()); }, Qt::QueuedConnection);
}

void ProjectionPrivate::report(const Error &error)
{
    Q_Q(Projection);
    qCWarning(lcProjection) << "projection" << settings.name << error;
    QMetaObject::invokeMethod(q, [q, error] { Q_EMIT q->errorOccurred(error, Projection::QPrivateSignal()); }, Qt::QueuedConnection);
}

void ProjectionPrivate::caughtUp(qint64 seqNo)
{
    Q_Q(Projection);
    QMetaObject::invokeMethod(q, [q, seqNo] { Q_EMIT q->caughtUp(seqNo, Projection::QPrivateSignal()); }, Qt::QueuedConnection);
}

void ProjectionPrivate::parked(qint64 seqNo, const Error &error)
{
    Q_Q(Projection);
    qCWarning(lcProjection) << "projection" << settings.name << "parked event" << seqNo << error;
    QMetaObject::invokeMethod(q, [q, seqNo, error] { Q_EMIT q->eventParked(seqNo, error, Projection::QPrivateSignal()); },
                              Qt::QueuedConnection);
}

Projection::Projection(EventStore *store, const QString &name, QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<ProjectionPrivate>(this))
{
    Q_D(Projection);
    qRegisterMetaType<ProjectionState>();
    qRegisterMetaType<Error>();
    d->store = store;
    d->settings.name = name;
    d->current.name = name;
}

Projection::~Projection()
{
    stop();
}

QString Projection::name() const
{
    Q_D(const Projection);
    return d->settings.name;
}

Error Projection::handlerError(const RecordedEvent &event, const ListenerResult &result)
{
    return result.isOk() ? Error() : Error::handlerFailed(event.seqNo, result.message());
}

void Projection::setHandler(Handler handler, const EventFilter &filter)
{
    setErasedHandler({[handler = std::move(handler)](const RecordedEvent &event, const Json::TaggedText &, QSqlDatabase &db) {
                          return handlerError(event, handler(event, db));
                      },
                      false},
                     filter);
}

void Projection::setErasedHandler(ErasedHandler handler, const EventFilter &filter,
                                  const std::shared_ptr<const EventSchema> &schema)
{
    Q_D(Projection);
    d->settings.handler = std::move(handler);
    d->settings.filter = filter;
    if (schema && d->store)
        EventStorePrivate::get(d->store.data())->schemas->add(schema);
}

void Projection::setResetHandler(ResetHandler handler)
{
    Q_D(Projection);
    d->resetHandler = std::move(handler);
}

void Projection::setBatchSize(int events)
{
    Q_D(Projection);
    d->settings.batchSize = std::max(1, events);
}

int Projection::batchSize() const
{
    Q_D(const Projection);
    return d->settings.batchSize;
}

void Projection::setPollInterval(int milliseconds)
{
    Q_D(Projection);
    d->settings.pollInterval = std::max(1, milliseconds);
}

int Projection::pollInterval() const
{
    Q_D(const Projection);
    return d->settings.pollInterval;
}

void Projection::setLeaseDuration(int milliseconds)
{
    Q_D(Projection);
    d->settings.leaseMs = std::max(300, milliseconds);
}

int Projection::leaseDuration() const
{
    Q_D(const Projection);
    return d->settings.leaseMs;
}

void Projection::setErrorStrategy(ErrorStrategy strategy, int maxRetries)
{
    Q_D(Projection);
    d->settings.strategy = strategy;
    d->settings.maxRetries = std::max(0, maxRetries);
}

Projection::ErrorStrategy Projection::errorStrategy() const
{
    Q_D(const Projection);
    return d->settings.strategy;
}

int Projection::maxRetries() const
{
    Q_D(const Projection);
    return d->settings.maxRetries;
}

void Projection::start()
{
    Q_D(Projection);
    if (isRunning())
        return;
    stop(); // joins a worker that ended by itself (Failed)
    ProjectionState state = this->state();
    const EventStorePrivate *store = EventStorePrivate::get(d->store.data());
    std::shared_ptr<const Detail::StoreContext> context = store ? store->storeContext() : nullptr;
    Error error;
    if (!context)
        error = Error::notOpen();
    else if (!d->settings.handler.handle)
        error = Error::invalidArgument(tr("projection %1 has no handler").arg(d->settings.name));
    else if (d->settings.name.isEmpty())
        error = Error::invalidArgument(tr("a projection needs a name"));
    if (error.isError()) {
        state.status = Status::Failed;
        state.error = error.message();
        d->publish(state);
        d->report(error);
        return;
    }
    state.status = Status::Stopped;
    state.error.clear();
    state.errorSeqNo = -1;
    d->worker = std::make_unique<ProjectionWorker>(d, d->settings, std::move(context), state);
    ProjectionWorker *worker = d->worker.get();
    // Commits of this process wake the worker at once; the signal is queued into its thread.
    connect(d->store.data(), &EventStore::eventsCommitted, worker, [worker] { worker->wake(); });
    d->thread = std::make_unique<ProjectionThread>(worker);
    d->thread->setObjectName(u"evented-projection-" + d->settings.name);
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
    EventStorePrivate *store = EventStorePrivate::get(d->store.data());
    if (!store)
        return Error::notOpen();
    Result<Detail::Session *> session = store->session();
    if (!session)
        return session.error();
    const bool wasRunning = isRunning();
    stop();
    const Error error = resetOn(*session.value(), store->storeContext(), d->settings.name, d->settings.leaseMs,
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
