#include "eventstore_p.h"
#include "session_p.h"

#include <evented/domain.h>

#include <algorithm>

namespace Evented {

StateFolder::~StateFolder() = default;

bool StateFolder::restore(const QJsonValue &, QString *why)
{
    if (why)
        *why = QCoreApplication::translate("Evented::Domain", "this entity type has no snapshots");
    return false;
}

QJsonValue StateFolder::snapshot() const
{
    return QJsonValue::Null;
}
DomainPlugin::~DomainPlugin() = default;

struct DomainData
{
    QList<EntityTypeInfo> entityTypes;
    QList<CommandInfo> commands;
    QList<ProjectionInfo> projections;
    QList<Domain::Setup> setups;
};

void Domain::detach()
{
    if (!d)
        d = std::make_shared<DomainData>();
    else if (d.use_count() > 1)
        d = std::make_shared<DomainData>(*d);
}

Domain &Domain::add(EntityTypeInfo info)
{
    detach();
    Q_ASSERT_X(!entityType(info.typeName), "Domain::addEntityType", "entity type added twice");
    d->entityTypes.append(std::move(info));
    return *this;
}

Domain &Domain::add(CommandInfo info)
{
    detach();
    Q_ASSERT_X(!command(info.typeName, info.name), "Domain::addCommand", "command added twice");
    d->commands.append(std::move(info));
    return *this;
}

Domain &Domain::addProjection(const QString &name, std::function<void(Projection &, EventStore &)> configure)
{
    detach();
    Q_ASSERT_X(!projection(name), "Domain::addProjection", "projection added twice");
    d->projections.append({name, std::move(configure)});
    return *this;
}

Domain &Domain::addSetup(Setup setup)
{
    detach();
    d->setups.append(std::move(setup));
    return *this;
}

Domain &Domain::addTable(const QString &name, const QString &columns, const TableDistribution &distribution)
{
    return addSetup([name, columns, distribution](EventStore &store) { return store.ensureTable(name, columns, distribution); });
}

Error Domain::merge(const Domain &other)
{
    if (!other.d)
        return {};
    for (const EntityTypeInfo &info : other.d->entityTypes) {
        if (entityType(info.typeName))
            return Error::invalidArgument(tr("the entity type %1 is defined twice").arg(info.typeName));
    }
    for (const ProjectionInfo &info : other.d->projections) {
        if (projection(info.name))
            return Error::invalidArgument(tr("the projection %1 is defined twice").arg(info.name));
    }
    for (const CommandInfo &info : other.d->commands) {
        if (command(info.typeName, info.name))
            return Error(Error::Kind::InvalidArgument,
                         tr("the command %1 of %2 is defined twice").arg(info.name, info.typeName));
    }
    detach();
    d->entityTypes += other.d->entityTypes;
    d->commands += other.d->commands;
    d->projections += other.d->projections;
    d->setups += other.d->setups;
    return {};
}

const QList<EntityTypeInfo> &Domain::entityTypes() const
{
    static const QList<EntityTypeInfo> none;
    return d ? d->entityTypes : none;
}

const EntityTypeInfo *Domain::entityType(const QString &typeName) const
{
    for (const EntityTypeInfo &info : entityTypes()) {
        if (info.typeName == typeName)
            return &info;
    }
    return nullptr;
}

QList<CommandInfo> Domain::commands(const QString &typeName) const
{
    QList<CommandInfo> out;
    if (d) {
        std::copy_if(d->commands.begin(), d->commands.end(), std::back_inserter(out),
                     [&typeName](const CommandInfo &info) { return info.typeName == typeName; });
    }
    return out;
}

const CommandInfo *Domain::command(const QString &typeName, const QString &name) const
{
    if (!d)
        return nullptr;
    for (const CommandInfo &info : d->commands) {
        if (info.typeName == typeName && info.name == name)
            return &info;
    }
    return nullptr;
}

const QList<ProjectionInfo> &Domain::projections() const
{
    static const QList<ProjectionInfo> none;
    return d ? d->projections : none;
}

const ProjectionInfo *Domain::projection(const QString &name) const
{
    for (const ProjectionInfo &info : projections()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

Result<QList<ProjectionState>> Domain::projectionStates(EventStore *store) const
{
    Result<QList<ProjectionState>> read = ProjectionState::read(store);
    if (!read)
        return read.error();
    QList<ProjectionState> states = read.value();
    qint64 head = states.isEmpty() ? 0 : states.first().head;
    if (states.isEmpty() && !projections().isEmpty()) {
        Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
        if (!session)
            return session.error();
        if (Error error = session.value()->each(session.value()->statements().head, {},
                                                [&head](const QSqlQuery &row) { head = row.value(0).toLongLong(); });
            error.isError())
            return error;
    }
    for (const ProjectionInfo &info : projections()) {
        const QString partition = info.name + u'#'; // a partitioned one ran as name#k/n
        if (std::any_of(states.cbegin(), states.cend(), [&](const ProjectionState &s) {
                return s.name == info.name || s.name.startsWith(partition);
            }))
            continue;
        ProjectionState declared;
        declared.name = info.name;
        declared.stored = false;
        declared.head = head;
        declared.lag = head;
        states.append(declared);
    }
    std::sort(states.begin(), states.end(), [](const ProjectionState &a, const ProjectionState &b) { return a.name < b.name; });
    return states;
}

bool Domain::isEmpty() const
{
    return !d || (d->entityTypes.isEmpty() && d->commands.isEmpty() && d->projections.isEmpty());
}

Error Domain::setUp(EventStore &store) const
{
    if (!d)
        return {};
    for (const Setup &setup : d->setups) {
        if (Error error = setup(store); error.isError())
            return error;
    }
    return {};
}

void Domain::registerSchemas(EventStore &store) const
{
    EventStorePrivate *d = EventStorePrivate::get(&store);
    for (const EntityTypeInfo &info : entityTypes())
        d->schemas->add(info.schema);
}

Result<Domain::Replayed> Domain::replay(EventStore &store, const QString &typeName, const QUuid &id, qint64 version,
                                        bool useSnapshot) const
{
    const EntityTypeInfo *info = entityType(typeName);
    if (!info)
        return noDomainCode(typeName);
    std::unique_ptr<StateFolder> folder = info->newFolder();
    Replayed replayed;
    // The store's own load: one query in version order, each event folded by the domain's code.
    Detail::FoldRequest request;
    request.schema = info->schema;
    request.visit = [&](QByteArrayView event, QString *why) {
        if (version >= 0 && replayed.version >= version)
            return true; // past the version asked for
        if (!folder->apply(event, why))
            return false;
        ++replayed.version;
        return true;
    };
    if (version < 0 && useSnapshot && info->stateVersion > 0) {
        request.stateVersion = info->stateVersion;
        request.restore = [&](const QJsonValue &state, qint64 at, QString *why) {
            if (!folder->restore(state, why)) // changes nothing when it fails
                return false;
            replayed.version = replayed.snapshotVersion = at;
            return true;
        };
    }
    const Error error = EventStorePrivate::get(&store)->fold(typeName, id, request);
    if (error.isError())
        return error;
    replayed.state = folder->state();
    return replayed;
}

Result<qint64> Domain::takeSnapshot(EventStore &store, const QString &typeName, const QUuid &id) const
{
    const EntityTypeInfo *info = entityType(typeName);
    if (!info)
        return noDomainCode(typeName);
    if (info->stateVersion == 0)
        return Error::invalidArgument(tr("the entity type %1 has no snapshots (it declares no stateVersion)").arg(typeName));
    // Folded here so that the folder holds the state to store, from what is committed.
    std::unique_ptr<StateFolder> folder = info->newFolder();
    qint64 version = 0;
    Detail::FoldRequest request;
    request.schema = info->schema;
    request.visit = [&](QByteArrayView event, QString *why) {
        if (!folder->apply(event, why))
            return false;
        ++version;
        return true;
    };
    request.stateVersion = info->stateVersion;
    request.restore = [&](const QJsonValue &state, qint64 at, QString *why) {
        if (!folder->restore(state, why))
            return false;
        version = at;
        return true;
    };
    EventStorePrivate *d = EventStorePrivate::get(&store);
    if (Error error = d->fold(typeName, id, request); error.isError())
        return error;
    if (version == 0)
        return Error::invalidArgument(tr("%1 %2 has no events").arg(typeName, id.toString(QUuid::WithoutBraces)));
    if (Error error = d->saveSnapshot(typeName, id, version, info->stateVersion, folder->snapshot()); error.isError())
        return error;
    return version;
}

DomainResult Domain::handle(EventStore &store, const QString &typeName, const QUuid &id, const QString &name,
                             const QJsonObject &parameters, qint64 expectedVersion, const CommandOptions &options) const
{
    if (const CommandInfo *info = command(typeName, name))
        return info->handle(store, id, parameters, expectedVersion, options);
    DomainResult out;
    out.outcome = Outcome::Failed;
    out.error = Error::invalidArgument(tr("the entity type %1 has no command %2").arg(typeName, name));
    return out;
}

Result<bool> Domain::repeatOf(EventStore &store, const CommandOptions &options, DomainResult &out)
{
    if (options.commandId.isNull())
        return false;
    Result<Detail::Session *> session = EventStorePrivate::get(&store)->session();
    if (!session)
        return session.error();
    Result<std::optional<QList<RecordedEvent>>> before = session.value()->commandEvents(options.commandId);
    if (!before)
        return before.error();
    if (!before.value())
        return false;
    out.outcome = Outcome::Applied;
    out.repeat = true;
    out.events = *before.value();
    return true;
}

Error Domain::noDomainCode(const QString &typeName)
{
    return Error::invalidArgument(tr("no domain code for the entity type %1").arg(typeName));
}

Error Domain::unknownParameter(const QString &command, const QString &name)
{
    return Error::invalidArgument(tr("the command %1 has no parameter %2").arg(command, name));
}

Error Domain::badParameters(const QString &command, const QString &why)
{
    return Error::invalidArgument(tr("bad parameters for %1: %2").arg(command, why));
}

} // namespace Evented
