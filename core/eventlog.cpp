#include "commitbarrier_p.h"
#include "eventstore_p.h"
#include "session_p.h"
#include "storequery_p.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Evented {

namespace {

struct LogText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventLog)
};

/*! Why \a event is not an externally tagged event, or empty. */
QString envelopeProblem(const QJsonValue &event)
{
    if (event.isString() && !event.toString().isEmpty())
        return {};
    if (event.isObject() && event.toObject().size() == 1 && !event.toObject().constBegin().key().isEmpty())
        return {};
    return LogText::tr("the event is not externally tagged ({\"Name\": {…}} or \"Name\")");
}

} // namespace

class EventLogPrivate
{
public:
    /*! The store's connection for a blocking read or write. */
    Result<Detail::Session *> session() const { return EventStorePrivate::sessionOf(store); }
    /*! The store's connection for a read: a replica's, when the store has one (see
        EventStorePrivate::readSession()). */
    Result<Detail::Session *> readSession() const
    {
        EventStorePrivate *store = EventStorePrivate::get(this->store);
        if (!store)
            return Error::notOpen();
        return store->readSession();
    }

    /*! The schemas a read upcasts with, taken once per page; null when it reads as stored. */
    std::shared_ptr<const Detail::SchemaMap> schemas() const
    {
        const EventStorePrivate *d = EventStorePrivate::get(store);
        return upcast && d ? d->schemas->current() : nullptr;
    }

    /*! Decodes \a row, upcast with \a schemas (see schemas()); with keepUndecodable, JSON that
        does not parse is kept as its text, and an event that cannot be upcast as stored. */
    Error decode(const Detail::StoredRow &row, RecordedEvent &event, const Detail::SchemaMap *schemas) const
    {
        Error error = Detail::decode(row, event, nullptr);
        if (error.isError() && keepUndecodable) {
            QJsonValue parsed;
            event.event = Json::parse(row.event, parsed) ? parsed : QJsonValue(QString::fromUtf8(row.event));
            event.eventName = Detail::eventNameOf(parsed);
            event.metadata = Json::parse(row.metadata, parsed) ? parsed : QJsonValue(QString::fromUtf8(row.metadata));
            return {};
        }
        if (error.isError() || !schemas)
            return error;
        error = Detail::upcast(*schemas, event);
        if (error.isError() && keepUndecodable)
            return Detail::decode(row, event, nullptr); // as stored
        return error;
    }

    /*! The values that end the parameters of a statement read up to the barrier of the commit
        order: on a distributed store, the barrier, settled within a second; none elsewhere. */
    static Result<QVariantList> barrierValues(Detail::Session &session)
    {
        if (!session.context().distributed)
            return QVariantList();
        Detail::CommitBarrier barrier(session.database(), session.context());
        const Result<QString> settled = barrier.current(std::chrono::seconds(1));
        if (!settled)
            return settled.error();
        return QVariantList{settled.value()};
    }

    Error scan(const EventFilter &filter, bool newestFirst, qint64 bound, int pageSize,
               const std::function<bool(const RecordedEvent &)> &visit) const;

    EventStore *store = nullptr;
    bool keepUndecodable = false;
    bool upcast = true;
};

EventLog::EventLog(EventStore *store)
    : d_ptr(std::make_unique<EventLogPrivate>())
{
    d_ptr->store = store;
}

EventLog::~EventLog() = default;
EventLog::EventLog(EventLog &&) noexcept = default;
EventLog &EventLog::operator=(EventLog &&) noexcept = default;

void EventLog::setKeepUndecodable(bool keep)
{
    Q_D(EventLog);
    d->keepUndecodable = keep;
}

void EventLog::setUpcast(bool upcast)
{
    Q_D(EventLog);
    d->upcast = upcast;
}

Result<StoreStats> EventLog::stats() const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    StoreStats stats;
    Error error = s.each(s.statements().typeStats, {}, [&stats](const QSqlQuery &query) {
        using namespace Detail::TypeStatsColumn;
        stats.types.append({query.value(TypeName).toString(), query.value(Events).toLongLong(),
                            query.value(Entities).toLongLong()});
        stats.events += stats.types.last().events;
    });
    if (!error.isError())
        error = s.each(s.statements().head, {}, [&stats](const QSqlQuery &query) { stats.head = query.value(0).toLongLong(); });
    if (!error.isError())
        error = s.each(s.statements().databaseSize, {},
                       [&stats](const QSqlQuery &query) { stats.databaseBytes = query.value(0).toLongLong(); });
    if (error.isError())
        return error;
    return stats;
}

Result<QList<MinuteCount>> EventLog::eventsPerMinute(const QDateTime &since) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QList<MinuteCount> counts;
    const Error error = s.each(s.statements().eventsPerMinute, {since.toUTC().toString(Qt::ISODateWithMs)},
                               [&counts](const QSqlQuery &query) {
                                   using namespace Detail::MinuteCountColumn;
                                   counts.append({QDateTime::fromSecsSinceEpoch(query.value(Minute).toLongLong() * 60, Qt::UTC),
                                                  query.value(TypeName).toString(), query.value(EventName).toString(),
                                                  query.value(Events).toLongLong()});
                               });
    if (error.isError())
        return error;
    return counts;
}

Result<QList<EntitySummary>> EventLog::entities(const QString &typeName) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    Detail::StoreQuery query(s.database(), s.dialect());
    query.setForwardOnly(true);
    if (!query.prepare(typeName.isEmpty() ? s.statements().entities : s.statements().entitiesOfType))
        return s.sqlError(query.lastError());
    if (!typeName.isEmpty())
        query.addBindValue(typeName);
    if (!query.exec())
        return s.sqlError(query.lastError());
    QList<EntitySummary> entities;
    namespace C = Detail::EntityColumn;
    while (query.next())
        entities.append({query.value(C::TypeName).toString(), QUuid::fromString(query.value(C::EntityId).toString()),
                         query.value(C::Version).toLongLong(), query.value(C::LastSeqNo).toLongLong(),
                         s.dialect().toUtc(query.value(C::LastChange))});
    return entities;
}

Error EventLog::read(const EventFilter &filter, const std::function<bool(const RecordedEvent &)> &visit,
                     int pageSize) const
{
    Q_D(const EventLog);
    return d->scan(filter, false, 0, pageSize, visit);
}

Result<QList<RecordedEvent>> EventLog::page(const EventFilter &filter, qint64 beforeSeqNo, int limit) const
{
    Q_D(const EventLog);
    QList<RecordedEvent> events;
    const Error error = d->scan(filter, true, beforeSeqNo, limit, [&events, limit](const RecordedEvent &event) {
        events.append(event);
        return events.size() < limit;
    });
    if (error.isError())
        return error;
    return events;
}

Error EventLogPrivate::scan(const EventFilter &filter, bool newestFirst, qint64 bound, int pageSize,
                            const std::function<bool(const RecordedEvent &)> &visit) const
{
    Result<Detail::Session *> session = readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const Detail::BoundSql statement = s.dialect().eventPageSql(s.context().options.schema, filter, newestFirst);
    Detail::StoreQuery query(s.database(), s.dialect());
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        return s.sqlError(query.lastError());

    // Pages by seq_no, so a long read holds no cursor open between pages.
    if (newestFirst && bound <= 0)
        bound = std::numeric_limits<qint64>::max();
    pageSize = std::max(pageSize, 1);
    for (;;) {
        query.addBindValue(bound);
        for (const QVariant &value : statement.values)
            query.addBindValue(value);
        query.addBindValue(pageSize);
        if (!query.exec())
            return s.sqlError(query.lastError());
        QList<Detail::StoredRow> rows;
        while (query.next())
            rows.append(Detail::storedRow(query, s.dialect()));
        query.finish();
        const std::shared_ptr<const Detail::SchemaMap> upcasting = schemas();
        for (const Detail::StoredRow &row : std::as_const(rows)) {
            RecordedEvent event;
            if (Error error = decode(row, event, upcasting.get()); error.isError())
                return error;
            if (!filter.matches(event))
                continue;
            if (!visit(event))
                return {};
        }
        if (rows.size() < pageSize)
            return {};
        bound = rows.last().seqNo;
    }
}

Result<CommitPosition> EventLog::settledPosition(QList<qint64> *beyond) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const Result<QVariantList> barrier = EventLogPrivate::barrierValues(s);
    if (!barrier)
        return barrier.error();
    CommitPosition position;
    Error error = s.each(s.statements().settledPosition, barrier.value(), [&position](const QSqlQuery &query) {
        position = {query.value(0).toString(), query.value(1).toLongLong()};
    });
    if (!error.isError() && beyond && s.dialect().hasFeature(Detail::Dialect::Feature::LateCommits))
        error = s.each(s.statements().beyondSettled, barrier.value(),
                       [beyond](const QSqlQuery &query) { beyond->append(query.value(0).toLongLong()); });
    if (error.isError())
        return error;
    return position;
}

Error EventLog::inSnapshot(const std::function<Error()> &reads) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QSqlQuery query(s.database());
    if (!query.exec(s.statements().beginSnapshot))
        return s.sqlError(query.lastError());
    const Error error = reads();
    const bool ended = error.isError() ? s.database().rollback() : s.database().commit();
    if (!ended && !error.isError())
        return s.sqlError(s.database().lastError());
    return error;
}

Result<QList<RecordedEvent>> EventLog::readCommitted(CommitPosition &position, int limit) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const Result<QVariantList> barrier = EventLogPrivate::barrierValues(s);
    if (!barrier)
        return barrier.error();
    Detail::StoreQuery query(s.database(), s.dialect());
    query.setForwardOnly(true);
    if (!query.prepare(s.statements().catchUp))
        return s.sqlError(query.lastError());
    query.addBindValue(position.transactionId);
    query.addBindValue(position.seqNo);
    query.addBindValue(std::max(limit, 1));
    for (const QVariant &value : barrier.value())
        query.addBindValue(value);
    if (!query.exec())
        return s.sqlError(query.lastError());
    QList<std::pair<Detail::StoredRow, QString>> rows;
    while (query.next())
        rows.append({Detail::storedRow(query, s.dialect()), query.value(Detail::EventColumn::TransactionId).toString()});
    query.finish();
    QList<RecordedEvent> events;
    events.reserve(rows.size());
    const std::shared_ptr<const Detail::SchemaMap> upcasting = d->schemas();
    for (const auto &[row, transactionId] : std::as_const(rows)) {
        RecordedEvent event;
        if (Error error = d->decode(row, event, upcasting.get()); error.isError())
            return error;
        events.append(event);
        position = {transactionId, row.seqNo};
    }
    return events;
}

Result<QList<EntitySummary>> EventLog::entityPage(const EntityQuery &request) const
{
    Q_D(const EventLog);
    static const QRegularExpression idText(QStringLiteral("^[0-9a-fA-F-]*$"));
    if (!idText.match(request.idPrefix).hasMatch())
        return QList<EntitySummary>(); // no id has such a prefix
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const Detail::BoundSql statement = s.dialect().entityPageSql(s.context().options.schema, request);
    Detail::StoreQuery query(s.database(), s.dialect());
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        return s.sqlError(query.lastError());
    for (const QVariant &value : statement.values)
        query.addBindValue(value);
    if (!query.exec())
        return s.sqlError(query.lastError());
    QList<EntitySummary> entities;
    namespace C = Detail::EntityColumn;
    while (query.next())
        entities.append({request.typeName, QUuid::fromString(query.value(C::EntityId).toString()),
                         query.value(C::Version).toLongLong(), query.value(C::LastSeqNo).toLongLong(),
                         s.dialect().toUtc(query.value(C::LastChange))});
    return entities;
}

Result<qint64> EventLog::import(const QList<RecordedEvent> &events)
{
    Q_D(EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QSqlDatabase &db = s.database();
    qint64 added = 0;
    // Destroyed after the transaction ends: a prepared statement cannot be freed in a failed one.
    Detail::StoreQuery query(db, s.dialect());
    const Error error = Detail::inWriteTransaction(db, s.dialect(), [&]() -> Error {
        if (!query.prepare(s.statements().importEvent))
            return s.sqlError(query.lastError());
        for (const RecordedEvent &event : events) {
            query.addBindValue(event.seqNo);
            query.addBindValue(event.entityId.toString(QUuid::WithoutBraces));
            query.addBindValue(event.version);
            query.addBindValue(event.typeName);
            query.addBindValue(QString::fromUtf8(Json::compact(event.event)));
            query.addBindValue(QString::fromUtf8(Json::compact(event.metadata)));
            query.addBindValue(event.recordedAt.toUTC().toString(Qt::ISODateWithMs));
            query.addBindValue(event.eventVersion);
            query.addBindValue(event.correlationId.isNull() ? QString() : event.correlationId.toString(QUuid::WithoutBraces));
            query.addBindValue(event.causationId.isNull() ? QString() : event.causationId.toString(QUuid::WithoutBraces));
            if (!query.exec())
                return s.sqlError(query.lastError());
            added += query.numRowsAffected() > 0 ? 1 : 0;
        }
        const QString &after = s.statements().afterImport;
        if (!after.isEmpty() && !query.exec(after))
            return s.sqlError(query.lastError());
        return {};
    });
    if (error.isError())
        return error;
    return added;
}

Result<QList<SnapshotStats>> EventLog::snapshotStats() const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QList<SnapshotStats> stats;
    const Error error = s.each(s.statements().snapshotStats, {}, [&stats](const QSqlQuery &query) {
        using namespace Detail::SnapshotStatsColumn;
        stats.append({query.value(TypeName).toString(), query.value(StateVersion).toInt(),
                      query.value(Snapshots).toLongLong(), query.value(Bytes).toLongLong()});
    });
    if (error.isError())
        return error;
    return stats;
}

Result<qint64> EventLog::clearSnapshots(const QString &typeName)
{
    Q_D(EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    Detail::StoreQuery query(s.database(), s.dialect());
    if (!query.prepare(typeName.isEmpty() ? s.statements().clearSnapshots : s.statements().clearSnapshotsOfType))
        return s.sqlError(query.lastError());
    if (!typeName.isEmpty())
        query.addBindValue(typeName);
    if (!query.exec())
        return s.sqlError(query.lastError());
    return qint64(query.numRowsAffected());
}

Result<qint64> EventLog::pruneCommands(const QDateTime &before)
{
    Q_D(EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    Detail::StoreQuery query(s.database(), s.dialect());
    if (!query.prepare(s.statements().pruneCommands))
        return s.sqlError(query.lastError());
    query.addBindValue(before.toUTC().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return s.sqlError(query.lastError());
    return qint64(query.numRowsAffected());
}

Error EventLog::readSnapshots(const std::function<bool(const StoredSnapshot &)> &visit) const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QSqlQuery query(s.database());
    query.setForwardOnly(true);
    if (!query.exec(s.statements().snapshots))
        return s.sqlError(query.lastError());
    while (query.next()) {
        namespace C = Detail::SnapshotColumn;
        StoredSnapshot snapshot{query.value(C::TypeName).toString(), QUuid::fromString(query.value(C::EntityId).toString()),
                                query.value(C::Version).toLongLong(), query.value(C::StateVersion).toInt(), {},
                                s.dialect().toUtc(query.value(C::TakenAt))};
        if (!Json::parse(query.value(C::State).toByteArray(), snapshot.state))
            snapshot.state = QString::fromUtf8(query.value(C::State).toByteArray()); // kept as its text: loads ignore it
        if (!visit(snapshot))
            break;
    }
    const QSqlError error = query.lastError();
    query.finish();
    return error.isValid() ? s.sqlError(error) : Error();
}

Result<qint64> EventLog::importSnapshots(const QList<StoredSnapshot> &snapshots)
{
    Q_D(EventLog);
    Result<Detail::Session *> session = d->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    qint64 stored = 0;
    // Destroyed after the transaction ends: a prepared statement cannot be freed in a failed one.
    Detail::StoreQuery query(s.database(), s.dialect());
    const Error error = Detail::inWriteTransaction(s.database(), s.dialect(), [&]() -> Error {
        if (!query.prepare(s.statements().importSnapshot))
            return s.sqlError(query.lastError());
        for (const StoredSnapshot &snapshot : snapshots) {
            query.addBindValue(snapshot.entityId.toString(QUuid::WithoutBraces));
            query.addBindValue(snapshot.typeName);
            query.addBindValue(snapshot.version);
            query.addBindValue(snapshot.stateVersion);
            query.addBindValue(QString::fromUtf8(Json::compact(snapshot.state)));
            query.addBindValue(snapshot.takenAt.toUTC().toString(Qt::ISODateWithMs));
            if (!query.exec())
                return s.sqlError(query.lastError());
            stored += query.numRowsAffected() > 0 ? 1 : 0;
        }
        return {};
    });
    if (error.isError())
        return error;
    return stored;
}

Result<QList<StoreProblem>> EventLog::verify() const
{
    Q_D(const EventLog);
    Result<Detail::Session *> session = d->readSession();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QList<StoreProblem> problems;
    QString entity;
    qint64 version = 0;
    QJsonValue json;
    const Error error = s.each(s.statements().eventsByEntity, {}, [&](const QSqlQuery &query) {
        const Detail::StoredRow row = Detail::storedRow(query, s.dialect());
        const QString entityId = query.value(Detail::EventColumn::EntityId).toString(); // as stored, to tell what is wrong with it
        const QString key = row.typeName + u' ' + entityId;
        const qint64 expected = key == entity ? version + 1 : 1;
        if (row.version != expected)
            problems.append({row.seqNo, LogText::tr("%1 %2 has version %3 where %4 was expected")
                                            .arg(row.typeName, entityId)
                                            .arg(row.version)
                                            .arg(expected)});
        entity = key;
        version = row.version;
        if (QUuid::fromString(entityId).isNull())
            problems.append({row.seqNo, LogText::tr("the entity id %1 is not a UUID").arg(entityId)});
        if (row.typeName.isEmpty())
            problems.append({row.seqNo, LogText::tr("the type name is empty")});
        if (!Json::parse(row.event, json))
            problems.append({row.seqNo, Detail::invalidStoredJson()});
        else if (const QString why = envelopeProblem(json); !why.isEmpty())
            problems.append({row.seqNo, why});
        if (!Json::parse(row.metadata, json))
            problems.append({row.seqNo, Detail::invalidStoredMetadata()});
    });
    if (error.isError())
        return error;
    std::sort(problems.begin(), problems.end(), [](const auto &a, const auto &b) { return a.seqNo < b.seqNo; });
    return problems;
}

QByteArray EventLog::toJsonLine(const RecordedEvent &event)
{
    // QJsonObject orders its keys, so the bytes depend on the event only.
    QJsonObject line{{QStringLiteral("seq_no"), event.seqNo},
                           {QStringLiteral("type_name"), event.typeName},
                           {QStringLiteral("entity_id"), event.entityId.toString(QUuid::WithoutBraces)},
                           {QStringLiteral("version"), event.version},
                           {QStringLiteral("event"), event.event},
                           {QStringLiteral("metadata"), event.metadata},
                           {QStringLiteral("recorded_at"), event.recordedAt.toUTC().toString(Qt::ISODateWithMs)}};
    // Keys of the library's own columns only where they have a value: the lines of events that
    // evented wrote stay as they were.
    if (event.eventVersion != 1)
        line.insert(QStringLiteral("event_version"), event.eventVersion);
    if (!event.correlationId.isNull())
        line.insert(QStringLiteral("correlation_id"), event.correlationId.toString(QUuid::WithoutBraces));
    if (!event.causationId.isNull())
        line.insert(QStringLiteral("causation_id"), event.causationId.toString(QUuid::WithoutBraces));
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

Result<RecordedEvent> EventLog::fromJsonLine(QByteArrayView line)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return Error::invalidArgument(LogText::tr("not JSON: %1").arg(parse.errorString()));
    if (!doc.isObject())
        return Error::invalidArgument(LogText::tr("not a JSON object"));
    const QJsonObject o = doc.object();
    auto bad = [](const char *field) {
        return Error::invalidArgument(LogText::tr("missing or invalid field %1").arg(QLatin1StringView(field)));
    };
    RecordedEvent event;
    event.seqNo = o.value(QLatin1StringView("seq_no")).toInteger(-1);
    if (event.seqNo <= 0)
        return bad("seq_no");
    event.typeName = o.value(QLatin1StringView("type_name")).toString();
    if (event.typeName.isEmpty())
        return bad("type_name");
    event.entityId = QUuid::fromString(o.value(QLatin1StringView("entity_id")).toString());
    if (event.entityId.isNull())
        return bad("entity_id");
    event.version = o.value(QLatin1StringView("version")).toInteger(-1);
    if (event.version <= 0)
        return bad("version");
    event.event = o.value(QLatin1StringView("event"));
    if (!envelopeProblem(event.event).isEmpty())
        return bad("event");
    event.eventName = Detail::eventNameOf(event.event);
    if (!o.contains(QLatin1StringView("metadata")))
        return bad("metadata");
    event.metadata = o.value(QLatin1StringView("metadata"));
    event.recordedAt = QDateTime::fromString(o.value(QLatin1StringView("recorded_at")).toString(), Qt::ISODateWithMs);
    if (!event.recordedAt.isValid())
        return bad("recorded_at");
    event.recordedAt = event.recordedAt.toUTC();
    const QJsonValue eventVersion = o.value(QLatin1StringView("event_version"));
    event.eventVersion = eventVersion.isUndefined() ? 1 : int(eventVersion.toInteger(0));
    if (event.eventVersion <= 0)
        return bad("event_version");
    const auto optionalId = [&o](const char *field, QUuid &id) {
        const QJsonValue value = o.value(QLatin1StringView(field));
        id = QUuid::fromString(value.toString());
        return value.isUndefined() || !id.isNull();
    };
    if (!optionalId("correlation_id", event.correlationId))
        return bad("correlation_id");
    if (!optionalId("causation_id", event.causationId))
        return bad("causation_id");
    return event;
}

} // namespace Evented
