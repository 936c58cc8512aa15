#include "synctables_p.h"

#include "connection_p.h"
#include "session_p.h"

#include <evented/json.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Evented::Detail {

namespace {

struct SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::SyncLink)
};

const QString nowUtc = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
// The decided commands whose sync has not completed yet.
const QString decided = QStringLiteral("status IN ('accepted', 'rejected') AND synced_at IS NULL");
// The local seq_nos of their provisional events.
const QString provisional = u"SELECT j.value FROM main.sync_command s, json_each(s.local_seq_nos) AS j WHERE s." + decided;

QString seqNoArray(const QList<qint64> &seqNos)
{
    QJsonArray array;
    for (qint64 seqNo : seqNos)
        array.append(seqNo);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QDateTime utc(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

} // namespace

SyncTables::SyncTables(Session &session)
    : m_session(session)
{
}

Error SyncTables::notLinked()
{
    return Error::invalidArgument(SyncText::tr("the store is not linked to an upstream: link it first"));
}

Error SyncTables::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_session.database());
    if (!query.prepare(sql))
        return m_session.sqlError(query.lastError());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return m_session.sqlError(query.lastError());
    return {};
}

Error SyncTables::ensure()
{
    for (const QString &sql : QStringList{
             u"CREATE TABLE IF NOT EXISTS main.sync_link (id INTEGER PRIMARY KEY CHECK (id = 1), upstream_url TEXT NOT NULL, "
          u"types TEXT NOT NULL, transaction_id TEXT NOT NULL DEFAULT '0', seq_no INTEGER NOT NULL DEFAULT 0, "
          u"last_sync TEXT, last_error TEXT, reset_projections INTEGER NOT NULL DEFAULT 0, linked_at TEXT NOT NULL DEFAULT ("
              + nowUtc + u"))",
          u"CREATE TABLE IF NOT EXISTS main.sync_command (command_id TEXT PRIMARY KEY, position INTEGER NOT NULL, "
          u"type_name TEXT NOT NULL, entity_id TEXT NOT NULL, command TEXT NOT NULL, parameters TEXT NOT NULL, "
          u"status TEXT NOT NULL CHECK (status IN ('deciding', 'pending', 'accepted', 'rejected')), "
          u"rejection_name TEXT, rejection TEXT, local_seq_nos TEXT, server_seq_nos TEXT, "
          u"created_at TEXT NOT NULL DEFAULT (" + nowUtc + u"), synced_at TEXT)",
          QStringLiteral("CREATE INDEX IF NOT EXISTS main.sync_command_status_idx ON sync_command (status, position)")}) {
        if (Error error = exec(sql, {}); error.isError())
            return error;
    }
    return {};
}

Result<std::optional<SyncLinkRecord>> SyncTables::link()
{
    std::optional<SyncLinkRecord> record;
    const Error error = m_session.each(
        QStringLiteral("SELECT upstream_url, types, transaction_id, seq_no, last_sync, last_error, reset_projections "
                       "FROM main.sync_link WHERE id = 1"),
        {}, [&record](const QSqlQuery &query) {
            SyncLinkRecord link;
            link.upstreamUrl = query.value(0).toString();
            for (const QJsonValue &type : QJsonDocument::fromJson(query.value(1).toByteArray()).array())
                link.types.append(type.toString());
            link.pulled = {query.value(2).toString(), query.value(3).toLongLong()};
            link.lastSync = utc(query.value(4));
            link.lastError = query.value(5).toString();
            link.resetProjections = query.value(6).toInt() != 0;
            record = link;
        });
    if (error.isError())
        return error;
    return record;
}

Error SyncTables::saveLink(const QString &upstreamUrl, const QStringList &types)
{
    return exec(QStringLiteral("INSERT INTO main.sync_link (id, upstream_url, types) VALUES (1, ?, ?)"),
                {upstreamUrl,
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(types)).toJson(QJsonDocument::Compact))});
}

Error SyncTables::recordDeciding(const SyncCommandRecord &command)
{
    return exec(QStringLiteral("INSERT INTO main.sync_command (command_id, position, type_name, entity_id, command, parameters, "
                               "status) VALUES (?, (SELECT COALESCE(max(position), 0) + 1 FROM main.sync_command), ?, ?, ?, ?, "
                               "'deciding')"),
                {idText(command.commandId), command.typeName, idText(command.entityId), command.command,
                 QString::fromUtf8(Json::compact(command.parameters))});
}

Error SyncTables::recordPending(const SyncCommandRecord &command, const QList<qint64> &localSeqNos)
{
    // An upsert: the record may have been forgotten as stale meanwhile.
    return exec(QStringLiteral("INSERT INTO main.sync_command (command_id, position, type_name, entity_id, command, parameters, "
                               "status, local_seq_nos) VALUES (?, (SELECT COALESCE(max(position), 0) + 1 FROM "
                               "main.sync_command), ?, ?, ?, ?, 'pending', ?) ON CONFLICT (command_id) DO UPDATE SET "
                               "status = 'pending', local_seq_nos = excluded.local_seq_nos WHERE status = 'deciding'"),
                {idText(command.commandId), command.typeName, idText(command.entityId), command.command,
                 QString::fromUtf8(Json::compact(command.parameters)), seqNoArray(localSeqNos)});
}

Error SyncTables::forget(const QUuid &commandId)
{
    return exec(QStringLiteral("DELETE FROM main.sync_command WHERE command_id = ? AND status = 'deciding'"),
                {idText(commandId)});
}

Error SyncTables::recoverDeciding(int staleSeconds)
{
    if (Error error = exec(QStringLiteral("UPDATE main.sync_command SET status = 'pending', local_seq_nos = (SELECT c.seq_nos "
                                          "FROM main.command c WHERE c.command_id = sync_command.command_id) WHERE status = "
                                          "'deciding' AND EXISTS (SELECT 1 FROM main.command c WHERE c.command_id = "
                                          "sync_command.command_id)"),
                           {});
        error.isError())
        return error;
    return exec(QStringLiteral("DELETE FROM main.sync_command WHERE status = 'deciding' AND created_at < "
                               "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)"),
                {QStringLiteral("-%1 seconds").arg(staleSeconds)});
}

Result<QList<SyncCommandRecord>> SyncTables::commands(const QString &status)
{
    QList<SyncCommandRecord> commands;
    const Error error = m_session.each(
        QStringLiteral("SELECT command_id, type_name, entity_id, command, parameters, rejection_name, rejection, created_at "
                       "FROM main.sync_command WHERE status = ? ORDER BY position"),
        {status}, [&commands](const QSqlQuery &query) {
            SyncCommandRecord command;
            command.commandId = QUuid::fromString(query.value(0).toString());
            command.typeName = query.value(1).toString();
            command.entityId = QUuid::fromString(query.value(2).toString());
            command.command = query.value(3).toString();
            command.parameters = QJsonDocument::fromJson(query.value(4).toByteArray()).object();
            command.rejectionName = query.value(5).toString();
            if (!query.value(6).isNull())
                Json::parse(query.value(6).toByteArray(), command.rejection);
            command.createdAt = utc(query.value(7));
            commands.append(command);
        });
    if (error.isError())
        return error;
    return commands;
}

Result<int> SyncTables::count(const QString &status)
{
    int n = 0;
    const Error error = m_session.each(QStringLiteral("SELECT count(*) FROM main.sync_command WHERE status = ?"), {status},
                                       [&n](const QSqlQuery &query) { n = query.value(0).toInt(); });
    if (error.isError())
        return error;
    return n;
}

Error SyncTables::markAccepted(const QUuid &commandId, const QList<qint64> &serverSeqNos)
{
    return exec(QStringLiteral("UPDATE main.sync_command SET status = 'accepted', server_seq_nos = ? WHERE command_id = ?"),
                {seqNoArray(serverSeqNos), idText(commandId)});
}

Error SyncTables::markRejected(const QUuid &commandId, const QString &name, const QJsonValue &rejection)
{
    return exec(QStringLiteral("UPDATE main.sync_command SET status = 'rejected', rejection_name = ?, rejection = ? "
                               "WHERE command_id = ?"),
                {name, QString::fromUtf8(Json::compact(rejection)), idText(commandId)});
}

Result<bool> SyncTables::dismissRejected(const QUuid &commandId)
{
    QSqlQuery query(m_session.database());
    if (!query.prepare(QStringLiteral("DELETE FROM main.sync_command WHERE command_id = ? AND status = 'rejected' AND "
                                      "synced_at IS NOT NULL")))
        return m_session.sqlError(query.lastError());
    query.addBindValue(idText(commandId));
    if (!query.exec())
        return m_session.sqlError(query.lastError());
    return query.numRowsAffected() > 0;
}

Error SyncTables::saveError(const QString &message)
{
    return exec(QStringLiteral("UPDATE main.sync_link SET last_error = ? WHERE id = 1"), {message});
}

Error SyncTables::projectionsWereReset()
{
    return exec(QStringLiteral("UPDATE main.sync_link SET reset_projections = 0 WHERE id = 1"), {});
}

Result<bool> SyncTables::hasUnpushed()
{
    bool unpushed = false;
    const Error error = m_session.each(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM main.sync_command s WHERE s.status = 'pending' OR (s.status = "
                       "'deciding' AND EXISTS (SELECT 1 FROM main.command c WHERE c.command_id = s.command_id)))"),
        {}, [&unpushed](const QSqlQuery &query) { unpushed = query.value(0).toInt() != 0; });
    if (error.isError())
        return error;
    return unpushed;
}

Result<qint64> SyncTables::withdrawDecided()
{
    // A snapshot of a provisional state would outlive its events: the entity's go with them.
    if (Error error = exec(u"DELETE FROM main.snapshot WHERE (entity_id, type_name) IN (SELECT e.entity_id, e.type_name FROM "
                               u"main.event e WHERE e.seq_no IN (" + provisional + u"))",
                           {});
        error.isError())
        return error;
    if (Error error = exec(u"DELETE FROM main.command WHERE command_id IN (SELECT command_id FROM main.sync_command WHERE "
                               + decided + u')',
                           {});
        error.isError())
        return error;
    QSqlQuery query(m_session.database());
    if (!query.exec(u"DELETE FROM main.event WHERE seq_no IN (" + provisional + u')'))
        return m_session.sqlError(query.lastError());
    return qint64(query.numRowsAffected());
}

Error SyncTables::appendPulled(QList<RecordedEvent> &events)
{
    QSqlQuery query(m_session.database());
    if (!query.prepare(QStringLiteral("INSERT INTO main.event (entity_id, version, type_name, event, metadata, recorded_at, "
                                      "event_version, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                      "NULLIF(?, ''), NULLIF(?, ''))")))
        return m_session.sqlError(query.lastError());
    for (RecordedEvent &event : events) {
        query.addBindValue(idText(event.entityId));
        query.addBindValue(event.version);
        query.addBindValue(event.typeName);
        query.addBindValue(QString::fromUtf8(Json::compact(event.event)));
        query.addBindValue(QString::fromUtf8(Json::compact(event.metadata)));
        query.addBindValue(event.recordedAt.toUTC().toString(Qt::ISODateWithMs));
        query.addBindValue(event.eventVersion);
        query.addBindValue(event.correlationId.isNull() ? QString() : idText(event.correlationId));
        query.addBindValue(event.causationId.isNull() ? QString() : idText(event.causationId));
        if (!query.exec()) {
            if (m_session.dialect().isUniqueViolation(query.lastError().nativeErrorCode()))
                return Error(Error::Kind::Database,
                             SyncText::tr("the local store has %1 %2 at version %3 already, written other than through the "
                                          "sync link: the upstream's event cannot take its place")
                                 .arg(event.typeName, idText(event.entityId))
                                 .arg(event.version),
                             query.lastError().nativeErrorCode());
            return m_session.sqlError(query.lastError());
        }
        event.seqNo = query.lastInsertId().toLongLong();
    }
    return {};
}

Error SyncTables::completeSync(const CommitPosition &pulled, bool resetProjections)
{
    if (Error error = exec(u"UPDATE main.sync_link SET transaction_id = ?, seq_no = ?, last_sync = " + nowUtc
                               + u", last_error = NULL, reset_projections = max(reset_projections, ?) WHERE id = 1",
                           {pulled.transactionId, pulled.seqNo, resetProjections ? 1 : 0});
        error.isError())
        return error;
    return exec(u"UPDATE main.sync_command SET synced_at = " + nowUtc + u" WHERE " + decided, {});
}

} // namespace Evented::Detail
