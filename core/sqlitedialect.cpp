#include "dialect_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlQuery>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>

namespace Evented::Detail {

namespace {

struct SqliteText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::SQLite)
};

// The same tables and columns as on PostgreSQL, in SQLite's types: JSON as text, times as
// ISO 8601 text in UTC. SQLite serialises writers, so seq_no order is commit order and the
// transaction id is not needed to read in commit order; the column exists for a uniform format.
const QString nowUtc = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
/*! Milliseconds since 1970, for the leases. */
const QString nowMs = QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");

/*! Conditions on \a column for the values of \a pattern under JSON path \a path that are not
    in arrays: each leaf's type (and a number's or string's value), each array's and empty object's
    type. The paths are bound; a key that a path cannot quote is left out. */
void jsonLeaves(const QString &column, const QJsonObject &pattern, const QString &path, QStringList &conditions,
                QVariantList &values)
{
    for (auto it = pattern.begin(); it != pattern.end(); ++it) {
        if (it.key().contains(u'"') || it.key().contains(u'\\'))
            continue;
        const QString at = path + QStringLiteral(".\"") + it.key() + u'"';
        const QJsonValue value = it.value();
        if (value.isObject() && !value.toObject().isEmpty()) {
            jsonLeaves(column, value.toObject(), at, conditions, values);
            continue;
        }
        if (value.isDouble() || value.isString()) {
            conditions.append(u"json_extract(" + column + u", ?) = ?");
            values.append(at);
            values.append(value.isString() ? QVariant(value.toString()) : QVariant(value.toDouble()));
            continue;
        }
        const char *type = value.isObject() ? "object" : value.isArray() ? "array" : value.isNull() ? "null"
                                                                                 : value.toBool() ? "true" : "false";
        conditions.append(u"json_type(" + column + u", ?) = ?");
        values.append(at);
        values.append(QString::fromLatin1(type));
    }
}

class SqliteDialect final : public Dialect
{
public:
    bool hasFeature(Feature feature) const override
    {
        switch (feature) {
        case Feature::SerialWriters:
        case Feature::NamedStatements:
            return true;
        case Feature::Listen:
        case Feature::CommitNotifications:
        case Feature::NativeStatements: // in process: QSqlQuery is as direct as it gets
        case Feature::PagePrefetch:     // reads are cheap in-process
        case Feature::LateCommits:      // writers serialise: seq_no order is commit order
            return false;
        }
        return false;
    }

    QString driverName() const override { return QStringLiteral("QSQLITE"); }

    Error fromUrl(const QUrl &url, QSqlDatabase &db, StoreOptions &options) const override
    {
        options.schema = QStringLiteral("main");
        for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            bool ok = true;
            if (key == u"migrate")
                options.migrate = parseBool(value, &ok);
            else if (key == u"read_only")
                options.readOnly = parseBool(value, &ok);
            else
                return Error::invalidArgument(StoreText::tr("unknown option %1 for an SQLite store").arg(key));
            if (!ok)
                return badOption(key, value);
        }
        QStringList connectOptions;
        const QString path = url.path(QUrl::FullyDecoded);
        if (path.isEmpty())
            return Error::invalidArgument(StoreText::tr("the store URL names no database file: %1").arg(url.toDisplayString()));
        if (path == u":memory:") {
            // One private in-memory database, shared by the store's own connections. The memdb
            // VFS gives them SQLite's ordinary file locks, which wait on the busy timeout; a
            // shared cache would lock tables instead, and those fail at once (SQLITE_LOCKED).
            db.setDatabaseName(QStringLiteral("file:/evented-%1?vfs=memdb")
                                   .arg(QUuid::createUuid().toString(QUuid::Id128)));
            connectOptions << QStringLiteral("QSQLITE_OPEN_URI");
        } else {
            // Opening without migration never makes a store, so it never makes the file either.
            if ((!options.migrate || options.readOnly) && !QFileInfo::exists(path))
                return Error(Error::Kind::NoStore, StoreText::tr("no such database file: %1").arg(path));
            db.setDatabaseName(path);
        }
        db.setConnectOptions(connectOptions.join(u';'));
        return {};
    }

    Error makeReadOnly(QSqlDatabase &db) const override
    {
        QStringList connectOptions = db.connectOptions().split(u';', Qt::SkipEmptyParts);
        if (!connectOptions.contains(QStringLiteral("QSQLITE_OPEN_READONLY")))
            connectOptions << QStringLiteral("QSQLITE_OPEN_READONLY");
        db.setConnectOptions(connectOptions.join(u';'));
        return {};
    }

    QString backgroundConnectOptions(const QString &options) const override { return options; }

    Error configure(QSqlDatabase &db) const override
    {
        // WAL lets readers run beside the one writer; NORMAL sync is durable across application
        // crashes in WAL mode; the busy timeout makes writers of several processes queue.
        QSqlQuery query(db);
        for (const char *pragma : {"PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = NORMAL"}) {
            // Switching a new file to WAL needs it to itself and does not wait on the busy
            // timeout: two processes opening it at once retry for as long as that timeout.
            bool done = query.exec(QLatin1StringView(pragma));
            for (int attempt = 0; !done && isTransient(query.lastError().nativeErrorCode()) && attempt < 100; ++attempt) {
                QThread::msleep(50);
                done = query.exec(QLatin1StringView(pragma));
            }
            if (!done)
                return Error(Error::Kind::ConnectionFailed,
                             SqliteText::tr("cannot use %1: %2")
                                 .arg(db.databaseName(), query.lastError().databaseText().trimmed()),
                             query.lastError().nativeErrorCode());
            drain(query);
        }
        return {};
    }

    Error beginWrite(QSqlDatabase &db) const override
    {
        // Takes the write lock at once, so that writers queue on the busy timeout instead of
        // failing when a read lock is to be upgraded.
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return typedError(*this, query.lastError(), db);
        return {};
    }

    int maxIdentifierBytes() const override { return 0; }
    // The store's tables are in the main database of the connection; the schema is always "main".
    QString qualified(const QString &, const QString &name) const override
    {
        return u"main." + escapeIdentifier(name);
    }
    QString storeTable(const QString &, const char *name) const override
    {
        return u"main." + QLatin1StringView(name);
    }

    Statements statements(const QString &schema, bool) const override
    {
        const QString event = storeTable(schema, "event");
        const QString projection = storeTable(schema, "projection");
        const QString head = u"(SELECT COALESCE(max(seq_no), 0) FROM " + event + u')';
        Statements s;
        // The driver binds ? in order.
        const QString snapshot = storeTable(schema, "snapshot");
        s.load = u"SELECT seq_no, version, event, event_version FROM " + event
            + u" WHERE entity_id = ? AND type_name = ? ORDER BY version";
        // As on PostgreSQL: only a snapshot whose version is a stored event counts.
        s.loadFromSnapshot = u"WITH p(id, type, state_version) AS (SELECT ?, ?, ?), s AS (SELECT s.version, s.state FROM "
            + snapshot + u" s, p WHERE s.entity_id = p.id AND s.type_name = p.type AND s.schema_version = p.state_version "
              u"AND EXISTS (SELECT 1 FROM " + event
            + u" e WHERE e.entity_id = p.id AND e.type_name = p.type AND e.version = s.version)) "
              u"SELECT 0 AS seq_no, version, state, NULL FROM s UNION ALL "
              u"SELECT e.seq_no, e.version, e.event, e.event_version FROM " + event
            + u" e, p WHERE e.entity_id = p.id AND e.type_name = p.type AND e.version > COALESCE((SELECT version FROM s), 0) "
              u"ORDER BY 2";
        s.saveSnapshot = u"INSERT INTO " + snapshot + u" (entity_id, type_name, version, schema_version, state, taken_at) "
            + u"VALUES (?, ?, ?, ?, ?, " + nowUtc
            + u") ON CONFLICT (entity_id, type_name) DO UPDATE SET version = excluded.version, "
              u"schema_version = excluded.schema_version, state = excluded.state, taken_at = excluded.taken_at "
              u"WHERE snapshot.version < excluded.version OR snapshot.schema_version <> excluded.schema_version "
              u"OR NOT EXISTS (SELECT 1 FROM " + event
            + u" e WHERE e.entity_id = snapshot.entity_id AND e.type_name = snapshot.type_name AND e.version = snapshot.version)";

        const QString returning = QStringLiteral(" RETURNING seq_no, version, recorded_at");
        const QString fromArray = u"WITH p(id, type, expected, events, correlation, causation) AS (SELECT ?, ?, ?, ?, ?, ?) INSERT INTO " + event
            + u" (entity_id, version, type_name, event, metadata, event_version, correlation_id, causation_id) "
              u"SELECT p.id, p.expected + x.key + 1, p.type, x.value -> '$[0]', x.value -> '$[1]', x.value ->> '$[2]', "
              u"p.correlation, p.causation FROM p, json_each(p.events) AS x";
        s.appendOne = u"INSERT INTO " + event
            + u" (entity_id, type_name, version, event, metadata, event_version, correlation_id, causation_id) "
              u"VALUES (?, ?, ? + 1, ?, ?, ?, ?, ?)" + returning;
        s.appendStored = fromArray + u" ORDER BY x.key" + returning;
        s.appendChecked = fromArray + u" WHERE (SELECT COALESCE(max(e.version), 0) FROM " + event
            + u" e WHERE e.entity_id = p.id AND e.type_name = p.type) = p.expected ORDER BY x.key" + returning;
        s.version = u"SELECT COALESCE(max(version), 0) FROM " + event + u" WHERE entity_id = ? AND type_name = ?";
        // Appends always run in a transaction (BEGIN IMMEDIATE), which records the command after them.
        const QString command = storeTable(schema, "command");
        s.recordCommand = u"INSERT INTO " + command + u" (command_id, type_name, entity_id, seq_nos) VALUES (?, ?, ?, ?)";
        s.commandEvents = u"SELECT " + eventSelectList({}) + u" FROM " + event + u" WHERE seq_no IN (SELECT j.value FROM "
            + command + u" c, json_each(c.seq_nos) AS j WHERE c.command_id = ?) ORDER BY seq_no";
        s.pruneCommands = u"DELETE FROM " + command + u" WHERE handled_at < ?";
        // A WAL reader sees one snapshot from its first read to its end.
        s.beginSnapshot = QStringLiteral("BEGIN");

        s.catchUp = u"WITH p(tx, seq) AS (SELECT ?, ?) SELECT " + eventSelectList(QStringLiteral("e")) + u", '0', " + head
            + u" FROM " + event + u" e, p WHERE e.seq_no > p.seq ORDER BY e.seq_no LIMIT ?";
        s.position = u"SELECT seq_no, COALESCE(transaction_id, '0'), digest, digest_events FROM " + projection
            + u" WHERE name = ? AND seq_no IS NOT NULL";
        const QString checkpoint = storeTable(schema, "projection_checkpoint");
        s.saveCheckpoint = u"INSERT INTO " + checkpoint
            + u" (name, transaction_id, seq_no, digest, events) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        s.checkpoints = u"SELECT transaction_id, seq_no, digest, events FROM " + checkpoint + u" WHERE name = ? ORDER BY seq_no";
        s.clearCheckpoints = u"DELETE FROM " + checkpoint + u" WHERE name = ?";
        s.digestPage = u"WITH p(tx, seq, totx, toseq, n) AS (SELECT ?, ?, ?, ?, ?) SELECT e.seq_no, e.entity_id, e.version, '0' FROM "
            + event + u" e, p WHERE e.seq_no > p.seq AND e.seq_no <= p.toseq ORDER BY e.seq_no LIMIT (SELECT n FROM p)";
        s.transactionOf = u"SELECT '0' FROM " + event + u" WHERE seq_no = ?";
        s.save = u"INSERT INTO " + projection
            + u" (name, seq_no, transaction_id, status, error, error_seq_no, waiting_on_pid, waiting_since, owner, updated_at, "
              u"digest, digest_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + nowUtc
            + u", ?, ?) ON CONFLICT (name) DO UPDATE SET seq_no = excluded.seq_no, transaction_id = excluded.transaction_id, "
              u"digest = excluded.digest, digest_events = excluded.digest_events, "
              u"status = excluded.status, error = excluded.error, error_seq_no = excluded.error_seq_no, "
              u"waiting_on_pid = excluded.waiting_on_pid, waiting_since = excluded.waiting_since, "
              u"owner = excluded.owner, updated_at = excluded.updated_at";
        // Nothing is ever held back: a writer's seq_no is taken while it holds the write lock.
        s.idle = u"WITH p(tx, seq) AS (SELECT ?, ?) SELECT " + head + u", 0, EXISTS (SELECT 1 FROM " + event
            + u" e WHERE e.seq_no > p.seq), 0, NULL FROM p";
        const QString lease = storeTable(schema, "projection_lease");
        s.states = u"SELECT p.name, p.seq_no, p.transaction_id, p.status, p.error, p.error_seq_no, p.waiting_on_pid, "
                   u"p.waiting_since, p.owner, p.updated_at, " + head + u", COALESCE(l.token, 0), COALESCE(l.expires_at > "
            + nowMs + u", 0) FROM " + projection + u" p LEFT JOIN " + lease + u" l ON l.name = p.name ORDER BY p.name";

        const QString parked = storeTable(schema, "projection_parked");
        s.park = u"INSERT INTO " + parked
            + u" (name, seq_no, transaction_id, entity_id, type_name, event, error, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, " + nowUtc
            + u") ON CONFLICT (name, seq_no) DO UPDATE SET error = excluded.error, parked_at = excluded.parked_at";
        s.parked = u"WITH p(name) AS (SELECT ?) SELECT k.name, k.seq_no, k.transaction_id, k.entity_id, k.type_name, k.event, "
                   u"k.error, k.parked_at, k.reruns FROM " + parked
            + u" k, p WHERE p.name IS NULL OR k.name = p.name ORDER BY k.name, k.seq_no";
        s.unpark = u"DELETE FROM " + parked + u" WHERE name = ? AND seq_no = ?";
        s.parkedFailedAgain = u"UPDATE " + parked + u" SET error = ?, reruns = reruns + 1 WHERE name = ? AND seq_no = ?";
        s.eventAt = u"SELECT " + eventSelectList({}) + u" FROM " + event + u" WHERE entity_id = ? AND seq_no = ?";

        // The lease of a projection's single active instance, in milliseconds of SQLite's clock.
        s.ensureLease = u"INSERT INTO " + lease + u" (name, owner, token, expires_at) VALUES (?, '', 0, 0) "
                                                  u"ON CONFLICT (name) DO NOTHING";
        s.takeLease = u"UPDATE " + lease + u" SET owner = ?, token = token + 1, expires_at = " + nowMs + u" + ?, taken_at = "
            + nowUtc + u" WHERE name = ? AND expires_at < " + nowMs + u" RETURNING token";
        s.renewLease = u"UPDATE " + lease + u" SET expires_at = " + nowMs + u" + ? WHERE name = ? AND token = ? RETURNING token";
        s.releaseLease = u"UPDATE " + lease + u" SET expires_at = 0 WHERE name = ? AND token = ?";
        s.seizeLease = u"UPDATE " + lease + u" SET owner = ?, token = token + 1, expires_at = " + nowMs + u" + ?, taken_at = "
            + nowUtc + u" WHERE name = ? RETURNING token";
        s.dropPosition = u"DELETE FROM " + projection + u" WHERE name = ?";
        s.renameCheckpoints = u"UPDATE " + checkpoint + u" SET name = ? WHERE name = ?";
        const QString member = storeTable(schema, "projection_member");
        s.renewMember = u"WITH p(ms, name, member) AS (SELECT ?, ?, ?) INSERT INTO " + member
            + u" (name, member, expires_at) SELECT name, member, " + nowMs
            + u" + ms FROM p WHERE true ON CONFLICT (name, member) DO UPDATE SET expires_at = excluded.expires_at";
        s.members = u"SELECT count(*) FROM " + member + u" WHERE name = ? AND expires_at > " + nowMs;
        s.leaveMember = u"DELETE FROM " + member + u" WHERE name = ? AND member = ?";

        // Every committed event is settled.
        s.settledPosition = u"SELECT '0', max(seq_no) FROM " + event + u" HAVING max(seq_no) IS NOT NULL";

        s.importEvent = u"INSERT INTO " + event
            + u" (seq_no, entity_id, version, type_name, event, metadata, recorded_at, event_version, correlation_id, causation_id) "
              u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, '')) "
              u"ON CONFLICT DO NOTHING";

        s.typeStats = u"SELECT type_name, count(*), sum(CASE WHEN version = 1 THEN 1 ELSE 0 END) FROM " + event
            + u" GROUP BY type_name ORDER BY type_name";
        // recorded_at is ISO 8601 text in UTC: it compares as it sorts.
        s.eventsPerMinute = u"SELECT CAST(strftime('%s', recorded_at) AS INTEGER) / 60 AS minute, type_name, "
                            u"CASE json_type(event) WHEN 'object' THEN (SELECT min(key) FROM json_each(event)) "
                            u"ELSE json_extract(event, '$') END AS event_name, count(*) FROM " + event
            + u" WHERE recorded_at >= ? GROUP BY minute, type_name, event_name ORDER BY minute, type_name, event_name";
        s.head = u"SELECT " + head;
        s.databaseSize = QStringLiteral("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        const QString entities = u"SELECT entity_id, max(version), max(seq_no), max(recorded_at), type_name FROM " + event;
        s.entities = entities + u" GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
        s.entitiesOfType = entities + u" WHERE type_name = ? GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
        s.eventsByEntity = u"SELECT " + eventSelectList({}) + u" FROM " + event + u" ORDER BY type_name, entity_id, version, seq_no";

        s.rewriteEvent = u"UPDATE " + event + u" SET event = ?, event_version = ? WHERE seq_no = ?";
        s.historyPage = u"WITH p(type, id, version, n) AS (SELECT ?, ?, ?, ?) "
                        u"SELECT e.seq_no, e.entity_id, e.version, e.event, e.event_version, s.state, s.schema_version FROM "
            + event + u" e JOIN p ON e.type_name = p.type LEFT JOIN " + snapshot
            + u" s ON s.entity_id = e.entity_id AND s.type_name = e.type_name AND s.version = e.version "
              u"WHERE (e.entity_id, e.type_name, e.version) > (p.id, p.type, p.version) "
              u"ORDER BY e.entity_id, e.type_name, e.version LIMIT (SELECT n FROM p)";
        s.orphanSnapshots = u"SELECT s.entity_id, s.version FROM " + snapshot + u" s WHERE s.type_name = ? AND NOT EXISTS "
            + u"(SELECT 1 FROM " + event
            + u" e WHERE e.entity_id = s.entity_id AND e.type_name = s.type_name AND e.version = s.version) ORDER BY s.entity_id";
        s.snapshotStats = u"SELECT type_name, schema_version, count(*), sum(length(CAST(state AS BLOB))) FROM " + snapshot
            + u" GROUP BY type_name, schema_version ORDER BY type_name, schema_version";
        s.snapshots = u"SELECT type_name, entity_id, version, schema_version, state, taken_at FROM " + snapshot
            + u" ORDER BY type_name, entity_id";
        s.importSnapshot = u"INSERT INTO " + snapshot + u" (entity_id, type_name, version, schema_version, state, taken_at) "
            + u"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity_id, type_name) DO UPDATE SET version = excluded.version, "
              u"schema_version = excluded.schema_version, state = excluded.state, taken_at = excluded.taken_at "
              u"WHERE snapshot.version < excluded.version";
        s.clearSnapshotsOfType = u"DELETE FROM " + snapshot + u" WHERE type_name = ?";
        s.clearSnapshots = u"DELETE FROM " + snapshot;
        return s;
    }

    QString createTableSql(const QString &schema, const QString &name, const QString &columns) const override
    {
        return u"CREATE TABLE IF NOT EXISTS " + qualified(schema, name) + u" (" + columns + u')';
    }

    QString scriptFolder() const override { return QStringLiteral("sqlite"); }
    // The embedded backend began at version 2: its tables.sql makes those tables at once.
    int baselineVersion() const override { return 2; }
    // BEGIN IMMEDIATE took the write lock already: concurrent migrations queue behind it.
    Error prepareMigration(QSqlDatabase &, const QString &) const override { return {}; }

    Result<int> schemaVersion(QSqlDatabase &db, const QString &) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'evented_migrations'"))
            || !query.next())
            return typedError(*this, query.lastError(), db);
        const bool exists = query.value(0).toInt() > 0;
        drain(query);
        if (!exists)
            return 0;
        if (!query.exec(QStringLiteral("SELECT COALESCE(max(version), 0) FROM main.evented_migrations")) || !query.next())
            return typedError(*this, query.lastError(), db);
        const int version = query.value(0).toInt();
        drain(query);
        return version;
    }

    Result<QStringList> eventColumns(QSqlDatabase &db, const QString &) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT name FROM pragma_table_info('event')")))
            return typedError(*this, query.lastError(), db);
        QStringList columns;
        while (query.next())
            columns.append(query.value(0).toString());
        return columns;
    }

    bool isTransient(const QString &sqlState) const override
    {
        // SQLITE_BUSY and SQLITE_LOCKED with their extended codes
        const int code = sqlState.toInt();
        return (code & 0xff) == 5 || (code & 0xff) == 6;
    }

    bool isUniqueViolation(const QString &sqlState) const override
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        return sqlState == QLatin1StringView("2067") || sqlState == QLatin1StringView("1555");
    }

    bool isConnectionLost(const QSqlError &, const QSqlDatabase &db) const override { return !db.isOpen(); }

    QString timeSql(const QString &expression) const override { return expression; }

    QDateTime toUtc(const QVariant &value) const override
    {
        if (value.isNull())
            return {};
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
    }

    QString textSql(const QString &column) const override { return column; }
    QString jsonContainsSql(const QString &column, const QJsonObject &pattern, QVariantList &values) const override
    {
        // SQLite has no containment: the pattern's values reached through objects only are
        // compared (json_extract), what is in arrays is left to the caller.
        QStringList conditions;
        jsonLeaves(column, pattern, QStringLiteral("$"), conditions, values);
        return conditions.join(QStringLiteral(" AND "));
    }
    QString distinctSql(const QString &a, const QString &b) const override { return a + u" IS NOT " + b; }

};

} // namespace

std::shared_ptr<const Dialect> sqliteDialect()
{
    return std::make_shared<SqliteDialect>();
}

} // namespace Evented::Detail
