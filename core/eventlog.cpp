#include "session_p.h"

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

/*! The columns Detail::storedRow() reads. */
QString eventColumns(const Detail::Dialect &dialect)
{
    return u"seq_no, type_name, entity_id, version, event, metadata, " + dialect.timeSql(QStringLiteral("recorded_at"));
}

/*! Why \a event is not an externally tagged event, or empty. */
QString envelopeProblem(const QJsonValue &event)
{
    if (event.isString() && !event.toString().isEmpty())
        return {};
    if (event.isObject() && event.toObject().size() == 1 && !event.toObject().constBegin().key().isEmpty())
        return {};
    return LogText::tr("the event is not externally tagged ({\"Name\": {…}} or \"Name\")");
}

/*! Decodes \a row; with \a keep, JSON that does not parse is kept as its text. */
Error decodeRow(const Detail::StoredRow &row, RecordedEvent &event, bool keep)
{
    Error error = Detail::decode(row, event);
    if (error.isError() && keep) {
        QJsonValue parsed;
        event.event = Detail::parseStoredJson(row.event, parsed) ? parsed : QJsonValue(QString::fromUtf8(row.event));
        event.eventName = Detail::eventNameOf(parsed);
        event.metadata = Detail::parseStoredJson(row.metadata, parsed) ? parsed : QJsonValue(QString::fromUtf8(row.metadata));
        return {};
    }
    return error;
}

} // namespace

EventLog::EventLog(EventStore *store)
    : m_store(store)
{
}

Result<StoreStats> EventLog::stats() const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    StoreStats stats;
    if (!query.exec(u"SELECT type_name, count(*), sum(CASE WHEN version = 1 THEN 1 ELSE 0 END) FROM " + dialect->table(schema, "event")
                    + u" GROUP BY type_name ORDER BY type_name"))
        return Detail::typedError(*dialect, query.lastError(), db);
    while (query.next()) {
        stats.types.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong()});
        stats.events += stats.types.last().events;
    }
    const std::pair<QString, qint64 *> scalars[] = {
        {u"SELECT COALESCE(max(seq_no), 0) FROM " + dialect->table(schema, "event"), &stats.head},
        {dialect->databaseSizeSql(), &stats.databaseBytes}};
    for (const auto &[sql, value] : scalars) {
        if (!query.exec(sql) || !query.next())
            return Detail::typedError(*dialect, query.lastError(), db);
        *value = query.value(0).toLongLong();
        Detail::drain(query);
    }
    return stats;
}

Result<QList<EntitySummary>> EventLog::entities(const QString &typeName) const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT type_name, entity_id, max(version), max(seq_no), " + dialect->timeSql(QStringLiteral("max(recorded_at)"))
                  + u" FROM "
                  + dialect->table(schema, "event") + (typeName.isEmpty() ? QString() : QStringLiteral(" WHERE type_name = ?"))
                  + u" GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC");
    if (!typeName.isEmpty())
        query.addBindValue(typeName);
    if (!query.exec())
        return Detail::typedError(*dialect, query.lastError(), db);
    QList<EntitySummary> entities;
    while (query.next())
        entities.append({query.value(0).toString(), QUuid::fromString(query.value(1).toString()),
                         query.value(2).toLongLong(), query.value(3).toLongLong(), dialect->toUtc(query.value(4))});
    return entities;
}

namespace {

/*! The conditions of \a filter other than the paging bound, as " AND …", with their values. */
std::pair<QString, QVariantList> conditions(const EventFilter &filter)
{
    QString sql;
    QVariantList values;
    if (!filter.typeName.isEmpty()) {
        sql += QStringLiteral(" AND type_name = ?");
        values.append(filter.typeName);
    }
    if (!filter.entityId.isNull()) {
        sql += QStringLiteral(" AND entity_id = ?");
        values.append(filter.entityId.toString(QUuid::WithoutBraces));
    }
    if (filter.fromSeqNo > 0) {
        sql += QStringLiteral(" AND seq_no >= ?");
        values.append(filter.fromSeqNo);
    }
    if (filter.toSeqNo > 0) {
        sql += QStringLiteral(" AND seq_no <= ?");
        values.append(filter.toSeqNo);
    }
    return {sql, values};
}

} // namespace

Error EventLog::read(const EventFilter &filter, const std::function<bool(const RecordedEvent &)> &visit,
                     int pageSize) const
{
    return scan(filter, false, 0, pageSize, visit);
}

Result<QList<RecordedEvent>> EventLog::page(const EventFilter &filter, qint64 beforeSeqNo, int limit) const
{
    QList<RecordedEvent> events;
    const Error error = scan(filter, true, beforeSeqNo, limit, [&events, limit](const RecordedEvent &event) {
        events.append(event);
        return events.size() < limit;
    });
    if (error.isError())
        return error;
    return events;
}

Error EventLog::scan(const EventFilter &filter, bool newestFirst, qint64 bound, int pageSize,
                     const std::function<bool(const RecordedEvent &)> &visit) const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    const auto [where, values] = conditions(filter);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT " + eventColumns(*dialect) + u" FROM " + dialect->table(schema, "event")
                       + (newestFirst ? u" WHERE seq_no < ?" : u" WHERE seq_no > ?") + where
                       + (newestFirst ? u" ORDER BY seq_no DESC LIMIT ?" : u" ORDER BY seq_no LIMIT ?")))
        return Detail::typedError(*dialect, query.lastError(), db);

    // Pages by seq_no, so a long read holds no cursor open between pages.
    if (newestFirst && bound <= 0)
        bound = std::numeric_limits<qint64>::max();
    pageSize = std::max(pageSize, 1);
    for (;;) {
        query.addBindValue(bound);
        for (const QVariant &value : values)
            query.addBindValue(value);
        query.addBindValue(pageSize);
        if (!query.exec())
            return Detail::typedError(*dialect, query.lastError(), db);
        QList<Detail::StoredRow> rows;
        while (query.next())
            rows.append(Detail::storedRow(query, *dialect));
        query.finish();
        for (const Detail::StoredRow &row : std::as_const(rows)) {
            RecordedEvent event;
            if (Error error = decodeRow(row, event, m_keepUndecodable); error.isError())
                return error;
            if (!filter.eventName.isEmpty() && event.eventName != filter.eventName)
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
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    CommitPosition position;
    if (!query.exec(dialect->settledPositionSql(schema)))
        return Detail::typedError(*dialect, query.lastError(), db);
    if (query.next())
        position = {query.value(0).toString(), query.value(1).toLongLong()};
    Detail::drain(query);
    const QString beyondSql = dialect->beyondSettledSql(schema);
    if (beyond && !beyondSql.isEmpty()) {
        if (!query.exec(beyondSql))
            return Detail::typedError(*dialect, query.lastError(), db);
        while (query.next())
            beyond->append(query.value(0).toLongLong());
    }
    return position;
}

Error EventLog::inSnapshot(const std::function<Error()> &reads) const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    if (!query.exec(dialect->beginSnapshotSql()))
        return Detail::typedError(*dialect, query.lastError(), db);
    const Error error = reads();
    if (!query.exec(error.isError() ? QStringLiteral("ROLLBACK") : QStringLiteral("COMMIT")) && !error.isError())
        return Detail::typedError(*dialect, query.lastError(), db);
    return error;
}

Result<QList<RecordedEvent>> EventLog::readCommitted(CommitPosition &position, int limit) const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(dialect->catchUpSql(schema)))
        return Detail::typedError(*dialect, query.lastError(), db);
    query.addBindValue(position.transactionId);
    query.addBindValue(position.seqNo);
    query.addBindValue(std::max(limit, 1));
    if (!query.exec())
        return Detail::typedError(*dialect, query.lastError(), db);
    QList<std::pair<Detail::StoredRow, QString>> rows;
    while (query.next())
        rows.append({Detail::storedRow(query, *dialect), query.value(7).toString()});
    query.finish();
    QList<RecordedEvent> events;
    events.reserve(rows.size());
    for (const auto &[row, transactionId] : std::as_const(rows)) {
        RecordedEvent event;
        if (Error error = decodeRow(row, event, m_keepUndecodable); error.isError())
            return error;
        events.append(event);
        position = {transactionId, row.seqNo};
    }
    return events;
}

Result<QList<EntitySummary>> EventLog::entityPage(const EntityQuery &request) const
{
    static const QRegularExpression idText(QStringLiteral("^[0-9a-fA-F-]*$"));
    if (!idText.match(request.idPrefix).hasMatch())
        return QList<EntitySummary>(); // no id has such a prefix
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    const bool descending = request.order == Qt::DescendingOrder;
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    const QString beyond = descending ? QStringLiteral(" < ") : QStringLiteral(" > ");
    QString where = QStringLiteral(" WHERE type_name = ?");
    QVariantList values{request.typeName};
    if (!request.idPrefix.isEmpty()) {
        where += u" AND " + dialect->textSql(QStringLiteral("entity_id")) + u" LIKE ?";
        values.append(QString(request.idPrefix.toLower() + u'%'));
    }
    // Keyset paging on the sort key (made unique with the id), so that pages stay exact.
    QString having;
    QString order;
    const EntitySummary *last = request.after ? &*request.after : nullptr;
    switch (request.sortBy) {
    case EntityQuery::SortBy::Id:
        // Over the (entity_id, type_name, version) index: each page costs the same.
        if (last) {
            where += u" AND entity_id" + beyond + u'?';
            values.append(last->id.toString(QUuid::WithoutBraces));
        }
        order = u"entity_id" + direction;
        break;
    case EntityQuery::SortBy::Version:
        if (last) {
            having = u" HAVING (max(version), entity_id)" + beyond + u"(?, ?)";
            values << last->version << last->id.toString(QUuid::WithoutBraces);
        }
        order = u"max(version)" + direction + u", entity_id" + direction;
        break;
    case EntityQuery::SortBy::LastChange:
        // seq_no is unique, so the last event's alone orders entities.
        if (last) {
            having = u" HAVING max(seq_no)" + beyond + u'?';
            values << last->lastSeqNo;
        }
        order = u"max(seq_no)" + direction;
        break;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Grouped by entity_id alone (the type is fixed), so that the index order ends the scan at the limit.
    query.prepare(u"SELECT entity_id, max(version), max(seq_no), " + dialect->timeSql(QStringLiteral("max(recorded_at)"))
                  + u" FROM " + dialect->table(schema, "event") + where + u" GROUP BY entity_id" + having + u" ORDER BY "
                  + order + u" LIMIT " + QString::number(std::max(request.limit, 1)));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return Detail::typedError(*dialect, query.lastError(), db);
    QList<EntitySummary> entities;
    while (query.next())
        entities.append({request.typeName, QUuid::fromString(query.value(0).toString()), query.value(1).toLongLong(),
                         query.value(2).toLongLong(), dialect->toUtc(query.value(3))});
    return entities;
}

Result<qint64> EventLog::import(const QList<RecordedEvent> &events)
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    qint64 added = 0;
    // Destroyed after the transaction ends: a prepared statement cannot be freed in a failed one.
    QSqlQuery query(db);
    const Error error = Detail::inWriteTransaction(db, *dialect, [&]() -> Error {
        if (!query.prepare(dialect->importSql(schema)))
            return Detail::typedError(*dialect, query.lastError(), db);
        for (const RecordedEvent &event : events) {
            query.addBindValue(event.seqNo);
            query.addBindValue(event.entityId.toString(QUuid::WithoutBraces));
            query.addBindValue(event.version);
            query.addBindValue(event.typeName);
            query.addBindValue(QString::fromUtf8(Json::compact(event.event)));
            query.addBindValue(QString::fromUtf8(Json::compact(event.metadata)));
            query.addBindValue(event.recordedAt.toUTC().toString(Qt::ISODateWithMs));
            if (!query.exec())
                return Detail::typedError(*dialect, query.lastError(), db);
            added += query.numRowsAffected() > 0 ? 1 : 0;
        }
        const QString after = dialect->afterImportSql(schema);
        if (!after.isEmpty() && !query.exec(after))
            return Detail::typedError(*dialect, query.lastError(), db);
        return {};
    });
    if (error.isError())
        return error;
    return added;
}

Result<QList<StoreProblem>> EventLog::verify() const
{
    Result<Detail::StoreAccess> access = Detail::blockingAccess(m_store);
    if (!access)
        return access.error();
    auto &[db, dialect, schema] = access.value();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT " + eventColumns(*dialect) + u" FROM " + dialect->table(schema, "event")
                    + u" ORDER BY type_name, entity_id, version, seq_no"))
        return Detail::typedError(*dialect, query.lastError(), db);
    QList<StoreProblem> problems;
    QString entity;
    qint64 version = 0;
    QJsonValue json;
    while (query.next()) {
        const Detail::StoredRow row = Detail::storedRow(query, *dialect);
        const QString entityId = QString::fromUtf8(row.entityId);
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
        if (!Detail::parseStoredJson(row.event, json))
            problems.append({row.seqNo, Detail::invalidStoredJson()});
        else if (const QString why = envelopeProblem(json); !why.isEmpty())
            problems.append({row.seqNo, why});
        if (!Detail::parseStoredJson(row.metadata, json))
            problems.append({row.seqNo, Detail::invalidStoredMetadata()});
    }
    if (query.lastError().isValid())
        return Detail::typedError(*dialect, query.lastError(), db);
    std::sort(problems.begin(), problems.end(), [](const auto &a, const auto &b) { return a.seqNo < b.seqNo; });
    return problems;
}

QByteArray EventLog::toJsonLine(const RecordedEvent &event)
{
    // QJsonObject orders its keys, so the bytes depend on the event only.
    const QJsonObject line{{QStringLiteral("seq_no"), event.seqNo},
                           {QStringLiteral("type_name"), event.typeName},
                           {QStringLiteral("entity_id"), event.entityId.toString(QUuid::WithoutBraces)},
                           {QStringLiteral("version"), event.version},
                           {QStringLiteral("event"), event.event},
                           {QStringLiteral("metadata"), event.metadata},
                           {QStringLiteral("recorded_at"), event.recordedAt.toUTC().toString(Qt::ISODateWithMs)}};
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

Result<RecordedEvent> EventLog::fromJsonLine(QByteArrayView line)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return Error(Error::Kind::InvalidArgument, LogText::tr("not JSON: %1").arg(parse.errorString()));
    if (!doc.isObject())
        return Error(Error::Kind::InvalidArgument, LogText::tr("not a JSON object"));
    const QJsonObject o = doc.object();
    auto bad = [](const char *field) {
        return Error(Error::Kind::InvalidArgument, LogText::tr("missing or invalid field %1").arg(QLatin1StringView(field)));
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
    return event;
}

} // namespace Evented
