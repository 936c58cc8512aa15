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

namespace Detail {

Error resetOn(Detail::Session &session, const std::shared_ptr<const Detail::StoreContext> &context,
              const QStringList &names, int leaseMs, const Projection::ResetHandler &clearView)
{
    QSqlDatabase &db = session.database();
    const Detail::Dialect &dialect = session.dialect();
    // It holds the leases while it resets: no instance can start from an old position meanwhile.
    const QString owner = QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());
    std::vector<std::unique_ptr<Detail::ProjectionLease>> leases;
    const auto releaseAll = [&] {
        for (const auto &lease : leases) {
            if (Error released = lease->release(db); released.isError())
                qCWarning(lcProjection) << "cannot give up a lease of projection" << names << "after its reset:" << released;
        }
    };
    for (const QString &name : names) {
        leases.push_back(std::make_unique<Detail::ProjectionLease>(context, name, owner, leaseMs));
        const Result<bool> taken = leases.back()->take(db);
        if (!taken || !taken.value()) {
            releaseAll();
            if (!taken)
                return taken.error();
            return Error::invalidArgument(Projection::tr("projection %1 is active in another instance; stop it first").arg(name));
        }
    }
    // Destroyed after the transaction: a prepared statement cannot be freed in a failed one.
    Detail::StoreQuery query(db, dialect);
    Detail::StoreQuery clear(db, dialect);
    Error error = Detail::inWriteTransaction(db, dialect, [&]() -> Error {
        for (qsizetype i = 0; i < names.size(); ++i) {
            const qint64 token = leases[i]->token();
            const Result<bool> held = leases[i]->renew(db);
            if (!held)
                return held.error();
            if (!held.value())
                return Error::leaseLost(names.at(i), token);
        }
        if (clearView) {
            const ListenerResult cleared = Detail::callListener([&] { return clearView(db); });
            if (cleared.isFailed())
                return Error(Error::Kind::ListenerFailed, Projection::tr("clearing the view of projection %1 failed: %2")
                                                              .arg(names.join(QStringLiteral(", ")), cleared.message()));
        }
        // From the start, with an empty digest and no checkpoints of it.
        if (!query.prepare(session.statements().save) || !clear.prepare(session.statements().clearCheckpoints))
            return session.sqlError(query.lastError().isValid() ? query.lastError() : clear.lastError());
        const QVariant null;
        for (const QString &name : names) {
            for (const QVariant &value : {QVariant(name), QVariant(0), QVariant(QStringLiteral("0")),
                                          QVariant(Detail::storedStatus(Status::Stopped)), null, null, null, null, null,
                                          QVariant(0), QVariant(0)})
                query.addBindValue(value);
            if (!query.exec())
                return session.sqlError(query.lastError());
            clear.addBindValue(name);
            if (!clear.exec())
                return session.sqlError(clear.lastError());
        }
        return {};
    });
    releaseAll();
    return error;
}

} // namespace Detail

ProjectionPrivate::~ProjectionPrivate() = default;

void ProjectionPrivate::publish(const ProjectionState &state, int partition)
{
    ProjectionState merged;
    {
        QMutexLocker lock(&mutex);
        if (partitionStates.size() <= partition)
            partitionStates.resize(partition + 1);
        partitionStates[partition] = state;
        merged = ProjectionPrivate::merged(settings.name, partitionStates);
        if (current == merged)
            return;
        current = merged;
    }
    Q_Q(Projection);
    QMetaObject::invokeMethod(q, [q, merged] { Q_EMIT q->stateChanged(merged, Projection::QPrivateSignal()); },
                              Qt::QueuedConnection);
}

ProjectionState ProjectionPrivate::merged(const QString &name, const QList<ProjectionState> &partitions)
{
    if (partitions.size() == 1)
        return partitions.first();
    // The most pressing status of any partition; the position of the one that is furthest behind
    // among those this object runs (all of them read the same commit order).
    ProjectionState merged = partitions.first();
    merged.name = name;
    for (Status status : {Status::Failed, Status::CatchingUp, Status::Waiting, Status::Live, Status::Standby}) {
        const auto found = std::find_if(partitions.cbegin(), partitions.cend(),
                                        [status](const ProjectionState &p) { return p.status == status; });
        if (found == partitions.cend())
            continue;
        const ProjectionState behind = *found;
        merged = behind;
        merged.name = name;
        break;
    }
    const auto place = [](const ProjectionState &p) { return std::pair(p.transactionId.toULongLong(), p.seqNo); };
    for (const ProjectionState &p : partitions) {
        merged.head = std::max(merged.head, p.head);
        merged.lag = std::max(merged.lag, p.lag);
        const bool runs = p.status != Status::Standby && p.status != Status::Stopped;
        if (runs && place(p) < place(merged)) {
            merged.seqNo = p.seqNo;
            merged.transactionId = p.transactionId;
        }
        if (merged.error.isEmpty() && !p.error.isEmpty()) {
            merged.error = p.error;
            merged.errorSeqNo = p.errorSeqNo;
        }
    }
    return merged;
}

bool ProjectionPrivate::oneTooMany(int partition, int fair) const
{
    QMutexLocker lock(&mutex);
    int above = 0; // partitions held above this one
    int count = 0;
    for (qsizetype k = 0; k < held.size(); ++k) {
        if (!held.at(k))
            continue;
        ++count;
        above += k > partition ? 1 : 0;
    }
    return count > fair && above < count - fair;
}

int ProjectionPrivate::heldPartitions() const
{
    QMutexLocker lock(&mutex);
    return int(held.count(true));
}

void ProjectionPrivate::setHeld(int partition, bool isHeld)
{
    QMutexLocker lock(&mutex);
    if (held.size() <= partition)
        held.resize(partition + 1);
    held[partition] = isHeld;
}

void ProjectionPrivate::report(const Error &error)
{
    Q_Q(Projection);
    qCWarning(lcProjection) << "projection" << settings.name << error;
    QMetaObject::invokeMethod(q, [q, error] { Q_EMIT q->errorOccurred(error, Projection::QPrivateSignal()); }, Qt::QueuedConnection);
}

void ProjectionPrivate::caughtUp(qint64 seqNo)
{
    {
        // With partitions: once none of them is catching up any more, at the merged position.
        QMutexLocker lock(&mutex);
        if (partitionStates.size() > 1) {
            if (current.status == Status::CatchingUp || current.status == Status::Failed)
                return;
            seqNo = current.seqNo;
        }
    }
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
    d->partitionStates = {d->current};
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
    const int partitions = d->settings.partitions;
    {
        // With partitions, none has caught up before it says so: caughtUp() waits for them all.
        ProjectionState starting = state;
        if (partitions > 1)
            starting.status = Status::CatchingUp;
        QMutexLocker lock(&d->mutex);
        d->partitionStates = QList<ProjectionState>(partitions, starting);
        d->held = QList<bool>(partitions, false);
    }
    for (int k = 0; k < partitions; ++k) {
        ProjectionSettings settings = d->settings;
        settings.projectionName = settings.name;
        settings.partition = k;
        settings.name = Detail::partitionName(settings.projectionName, k, partitions);
        ProjectionState initial = state;
        initial.name = settings.name;
        auto worker = std::make_unique<ProjectionWorker>(d, settings, context, initial);
        ProjectionWorker *raw = worker.get();
        // Commits of this process wake the worker at once; the signal is queued into its thread.
        connect(d->store.data(), &EventStore::eventsCommitted, raw, [raw] { raw->wake(); });
        auto thread = std::make_unique<ProjectionThread>(raw);
        thread->setObjectName(u"evented-projection-" + settings.name);
        raw->moveToThread(thread.get());
        thread->start();
        d->running.push_back({std::move(thread), std::move(worker)});
    }
}

void Projection::stop()
{
    Q_D(Projection);
    for (ProjectionPrivate::Running &running : d->running)
        running.thread->quit();
    for (ProjectionPrivate::Running &running : d->running)
        running.thread->wait();
    d->running.clear();
}

bool Projection::isRunning() const
{
    Q_D(const Projection);
    return std::any_of(d->running.cbegin(), d->running.cend(),
                       [](const ProjectionPrivate::Running &running) { return running.thread->isRunning(); });
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
    QStringList names;
    for (int k = 0; k < d->settings.partitions; ++k)
        names.append(Detail::partitionName(d->settings.name, k, d->settings.partitions));
    const Error error = Detail::resetOn(*session.value(), store->storeContext(), names, d->settings.leaseMs,
                                clearView ? d->resetHandler : Projection::ResetHandler());
    if (!error.isError()) {
        const QList<ProjectionState> before = partitionStates();
        for (int k = 0; k < before.size(); ++k) {
            ProjectionState state = before.at(k);
            state.seqNo = 0;
            state.transactionId = QStringLiteral("0");
            state.error.clear();
            state.errorSeqNo = -1;
            if (state.status == Status::Failed)
                state.status = Status::Stopped;
            d->publish(state, k);
        }
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

QList<ProjectionState> Projection::partitionStates() const
{
    Q_D(const Projection);
    QMutexLocker lock(&d->mutex);
    return d->partitionStates;
}

void Projection::addView(const QString &name, const QString &columns, const QStringList &key)
{
    Q_D(Projection);
    d->views.append({name, columns, key});
}

QString Projection::viewTable(const QString &name) const
{
    Q_D(const Projection);
    return d->store ? d->store->tableName(name + d->rebuildSuffix) : QString();
}

bool Projection::isRebuild() const
{
    Q_D(const Projection);
    return !d->rebuildSuffix.isEmpty();
}

void Projection::setPartitions(int partitions)
{
    Q_D(Projection);
    d->settings.partitions = std::max(1, partitions);
}

int Projection::partitions() const
{
    Q_D(const Projection);
    return d->settings.partitions;
}

namespace Detail {

int partitionOf(const QUuid &id, int partitions)
{
    if (partitions <= 1)
        return 0;
    quint32 hash = 2166136261u;
    for (const char byte : id.toRfc4122()) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return int(hash % quint32(partitions));
}

QString partitionName(const QString &name, int partition, int partitions)
{
    return partitions <= 1 ? name : name + u'#' + QString::number(partition) + u'/' + QString::number(partitions);
}

QStringList partitionNames(const QString &name, const QStringList &names)
{
    const QString prefix = name + u'#';
    for (const QString &stored : names) {
        if (!stored.startsWith(prefix))
            continue;
        bool ok = false;
        const int partitions = stored.section(u'/', -1).toInt(&ok);
        if (!ok || partitions < 2)
            continue;
        QStringList all;
        for (int k = 0; k < partitions; ++k)
            all.append(partitionName(name, k, partitions));
        return all;
    }
    return {name};
}

} // namespace Detail

} // namespace Evented
