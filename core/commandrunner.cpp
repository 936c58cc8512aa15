// Commands by name on the store's worker, their outcomes as signals, and a model's optimistic row.

#include <evented/commandrunner.h>

#include <evented/projectionmodel.h>

#include <QFuture>
#include <QJsonObject>
#include <QPointer>

namespace Evented {

class CommandRunnerPrivate
{
public:
    QPointer<EventStore> store;
    Domain domain;
    int running = 0;
};

namespace {

/*! \a event as a map of RecordedEvent's properties, for QML. */
QVariantMap toMap(const RecordedEvent &event)
{
    return {
        {QStringLiteral("seqNo"), event.seqNo},
        {QStringLiteral("typeName"), event.typeName},
        {QStringLiteral("entityId"), event.entityId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("version"), event.version},
        {QStringLiteral("eventName"), event.eventName},
        {QStringLiteral("event"), event.event.toVariant()},
        {QStringLiteral("eventVersion"), event.eventVersion},
        {QStringLiteral("metadata"), event.metadata.toVariant()},
        {QStringLiteral("recordedAt"), event.recordedAt},
        {QStringLiteral("correlationId"), event.correlationId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("causationId"), event.causationId.toString(QUuid::WithoutBraces)},
    };
}

} // namespace

CommandRunner::CommandRunner(QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<CommandRunnerPrivate>())
{
}

CommandRunner::CommandRunner(EventStore *store, const Domain &domain, QObject *parent)
    : CommandRunner(parent)
{
    d_ptr->store = store;
    d_ptr->domain = domain;
}

CommandRunner::~CommandRunner() = default;

EventStore *CommandRunner::store() const
{
    return d_ptr->store;
}

void CommandRunner::setStore(EventStore *store)
{
    Q_D(CommandRunner);
    if (d->store == store)
        return;
    d->store = store;
    Q_EMIT storeChanged();
}

const Domain &CommandRunner::domain() const
{
    return d_ptr->domain;
}

void CommandRunner::setDomain(const Domain &domain)
{
    d_ptr->domain = domain;
}

int CommandRunner::running() const
{
    return d_ptr->running;
}

QUuid CommandRunner::send(const QString &typeName, const QUuid &id, const QString &name, const QVariantMap &parameters,
                          ProjectionModel *model, const QVariantMap &expected)
{
    Q_D(CommandRunner);
    CommandOptions options;
    options.commandId = QUuid::createUuid();
    const QUuid commandId = options.commandId;
    QPointer<ProjectionModel> shown = model;
    const int token = model && !expected.isEmpty() ? model->expect(expected) : 0;
    if (!d->store) {
        if (shown)
            shown->drop(token);
        Q_EMIT failed(commandId, Error::notOpen().message());
        return commandId;
    }
    ++d->running;
    Q_EMIT runningChanged();
    EventStore *store = d->store;
    store->runAsync<DomainResult>([store, domain = d->domain, typeName, id, name, options,
                                   parameters = QJsonObject::fromVariantMap(parameters)] {
             DomainResult result = domain.handle(*store, typeName, id, name, parameters, -1, options);
             // Whether a commit whose connection broke went through, the same command id tells:
             // sent again, a stored command is a repeat and returns its events.
             if (result.isFailed() && result.error.kind() == Error::Kind::CommitUnknown)
                 result = domain.handle(*store, typeName, id, name, parameters, -1, options);
             return result;
         })
        .then(this, [this, d, commandId, shown, token](const DomainResult &result) {
            // Queued even when the worker was done before then() was attached (which would call
            // this at once): the outcome never comes before send() has returned its id.
            QMetaObject::invokeMethod(this, [this, d, commandId, shown, token, result] {
                --d->running;
                Q_EMIT runningChanged();
                if (result.isApplied()) {
                    if (shown)
                        shown->settle(token, result.events);
                    QVariantList events;
                    for (const RecordedEvent &event : result.events)
                        events.append(toMap(event));
                    Q_EMIT applied(commandId, events);
                    return;
                }
                if (shown)
                    shown->drop(token);
                if (result.isRejected())
                    Q_EMIT rejected(commandId, result.rejectionName, result.rejection.toObject().toVariantMap());
                else if (result.isConflict())
                    Q_EMIT conflict(commandId, result.error.message());
                else
                    Q_EMIT failed(commandId, result.error.message());
            }, Qt::QueuedConnection);
        });
    return commandId;
}

} // namespace Evented
