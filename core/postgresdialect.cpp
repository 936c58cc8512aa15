#include "dialect_p.h"
#include "libpqstatement_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrlQuery>


#include <algorithm>

namespace Evented::Detail {

namespace {

/*! A string literal for SQL text, for the statements that cannot be prepared (DDL) or that run in
    a transaction that may abort (a prepared statement cannot be freed there). */
QString literal(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u"E'" + escaped.replace(u'\\', QStringLiteral("\\\\")) + u'\'';
}

class PostgresDialect final : public Dialect
{
public:
    explicit PostgresDialect(StoreOptions::Pooler pooler)
        : m_pooler(pooler)
    {
    }

    bool hasFeature(Feature feature) const override
    {
        switch (feature) {
        case Feature::NamedStatements:
        case Feature::Listen:
            // Through a transaction-mode pooler the next transaction may run in another session:
            // a statement prepared in this one, or a LISTEN, would not be there.
            return m_pooler != StoreOptions::Pooler::Transaction;
        case Feature::NativeStatements:
#ifdef EVENTED_HAVE_LIBPQ
            return true;
#else
            return false; // built without libpq: everything goes through QPSQL
#endif
        case Feature::CommitNotifications:
        case Feature::PagePrefetch:
        case Feature::LateCommits:
            return true;
        case Feature::SerialWriters:
            return false;
        }
        return false;
    }

    QString driverName() const override { return QStringLiteral("QPSQL"); }

    Error fromUrl(const QUrl &url, QSqlDatabase &db, StoreOptions &options) const override
    {
        // Options of the store are taken out; any other goes to libpq as a connect option.
        QStringList connectOptions;
        QString hosts;
        QStringList ports;
        for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            bool ok = true;
            if (key == u"schema")
                options.schema = value;
            else if (key == u"migrate")
                options.migrate = parseBool(value, &ok);
            else if (key == u"notify_interval_ms")
                options.notifyIntervalMs = value.toInt(&ok);
            else if (key == u"read_only")
                options.readOnly = parseBool(value, &ok);
            else if (key == u"pooler")
                ok = parsePooler(value, options.pooler);
            else if (key == u"direct")
                ok = parseHostPort(value, options.direct);
            else if (key == u"replica")
                ok = parseReplicas(value, options.replicas);
            else if (key == u"replica_wait_ms")
                options.replicaWaitMs = value.toInt(&ok), ok = ok && options.replicaWaitMs >= 0;
            else if (key == u"distribute")
                options.distribute = parseBool(value, &ok);
            else if (key == u"host") // libpq's host list (normalizeStoreUrl() writes it)
                ok = !(hosts = value).isEmpty() && !value.contains(u';');
            else if (key == u"port")
                ok = parsePorts(value, ports);
            else if (value.contains(u';'))
                ok = false;
            else
                connectOptions << key + u'=' + value;
            if (!ok)
                return badOption(key, value);
        }
        QString database = url.path(QUrl::FullyDecoded);
        if (database.startsWith(u'/'))
            database.remove(0, 1);
        if (database.isEmpty() || database.contains(u'/'))
            return Error::invalidArgument(StoreText::tr("the store URL names no database: %1").arg(url.toDisplayString()));
        db.setHostName(!hosts.isEmpty() ? hosts : url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        db.setPort(url.port(5432));
        if (!ports.isEmpty()) {
            const qsizetype hostCount = db.hostName().count(u',') + 1;
            if (ports.size() != 1 && ports.size() != hostCount)
                return Error::invalidArgument(StoreText::tr("the store URL names %1 hosts but %2 ports").arg(hostCount).arg(ports.size()));
            if (ports.size() == 1) {
                db.setPort(ports.first().toInt());
            } else {
                db.setPort(-1); // the driver names no port: libpq takes the list
                connectOptions << u"port=" + ports.join(u',');
            }
        }
        db.setDatabaseName(database);
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setConnectOptions(connectOptions.join(u';'));
        return {};
    }

    Error makeReadOnly(QSqlDatabase &db) const override
    {
        // The read-only setting goes in the startup packet, which PgBouncer refuses (or, told to
        // ignore it, drops); and a SET would stay on a server session that other clients share.
        if (m_pooler == StoreOptions::Pooler::Transaction)
            return Error::invalidArgument(
                StoreText::tr("read_only cannot be enforced through a transaction-mode pooler: connect as a role "
                              "whose transactions are read-only (ALTER ROLE … SET default_transaction_read_only = on)"));
        const QString readOnly = QStringLiteral("options='-c default_transaction_read_only=on'");
        QStringList connectOptions = db.connectOptions().split(u';', Qt::SkipEmptyParts);
        if (connectOptions.contains(readOnly))
            return {}; // a copy of a read-only store's connection
        const auto setsOptions = [](const QString &option) { return option.trimmed().startsWith(u"options="); };
        if (std::any_of(connectOptions.begin(), connectOptions.end(), setsOptions))
            return Error::invalidArgument(StoreText::tr("read_only cannot be combined with the libpq option options"));
        connectOptions << readOnly;
        db.setConnectOptions(connectOptions.join(u';'));
        return {};
    }

    QString backgroundConnectOptions(const QString &options) const override
    {
        // TCP keepalives and a user timeout, unless the URL set them: a server that vanished
        // without closing the connection is noticed within about half a minute. And a name that
        // shows in pg_stat_activity.
        QStringList list = options.split(u';', Qt::SkipEmptyParts);
        const std::pair<const char *, const char *> defaults[] = {{"keepalives", "1"},
                                                                   {"keepalives_idle", "10"},
                                                                   {"keepalives_interval", "5"},
                                                                   {"keepalives_count", "3"},
                                                                   {"tcp_user_timeout", "30000"},
                                                                   // named in pg_stat_activity, unless the URL names it
                                                                   {"fallback_application_name", "evented-projection"}};
        for (const auto &[key, value] : defaults) {
            const QString name = QLatin1StringView(key);
            const bool set = std::any_of(list.cbegin(), list.cend(), [&](const QString &option) {
                return option.section(u'=', 0, 0).trimmed() == name;
            });
            if (!set)
                list << name + u'=' + QLatin1StringView(value);
        }
        return list.join(u';');
    }

    Error configure(QSqlDatabase &) const override { return {}; }

    int maxIdentifierBytes() const override { return 63; } // NAMEDATALEN - 1: longer names are cut
    QString qualified(const QString &schema, const QString &name) const override
    {
        return escapeIdentifier(schema) + u'.' + escapeIdentifier(name);
    }
    QString storeTable(const QString &schema, const char *name) const override
    {
        return escapeIdentifier(schema) + u'.' + QLatin1StringView(name);
    }

    Statements statements(const QString &schema, bool distributed) const override
    {
        const QString event = storeTable(schema, "event");
        const QString projection = storeTable(schema, "projection");
        const QString head = u"(SELECT COALESCE(max(seq_no), 0) FROM " + event + u')';
        Statements s;
        const QString snapshot = storeTable(schema, "snapshot");
        s.load = u"SELECT seq_no, version, event, event_version FROM " + event
            + u" WHERE entity_id = $1::uuid AND type_name = $2 ORDER BY version";
        // The snapshot counts only where its version is a stored event: one that is ahead of
        // the events (written by hand, or kept from another database) would give a version
        // that was never stored, and the next append a gap.
        // The plan must not hang on statistics, which a new or fast-growing table lacks: the
        // check is a subquery that looks up its one key (EXISTS, made a join, may scan the
        // entity's events for it), and the events are bounded on both sides, by the snapshot
        // and by the entity's last version (read as the index's last entry; max() may read
        // them all). With the lower bound alone, unknown when planning, PostgreSQL expects a
        // third of the entity's events and, for an entity that fills most of the table, scans
        // the table.
        s.loadFromSnapshot = u"WITH s AS (SELECT s.version, s.state FROM " + snapshot
            + u" s WHERE s.entity_id = $1::uuid AND s.type_name = $2 AND s.schema_version = $3::integer "
              u"AND (SELECT true FROM " + event
            + u" e WHERE e.entity_id = $1::uuid AND e.type_name = $2 AND e.version = s.version)) "
              u"SELECT 0::bigint AS seq_no, version, state, NULL::integer FROM s UNION ALL "
              u"SELECT seq_no, version, event, event_version FROM " + event
            + u" WHERE entity_id = $1::uuid AND type_name = $2 AND version > COALESCE((SELECT version FROM s), 0) "
              u"AND version <= (SELECT version FROM " + event
            + u" WHERE entity_id = $1::uuid AND type_name = $2 ORDER BY version DESC LIMIT 1) ORDER BY version";
        // A later snapshot stays, unless it is ahead of the events: once they reached it, it
        // would be taken for the entity's state.
        const QString insertSnapshot = u"INSERT INTO " + snapshot
            + u" AS s (entity_id, type_name, version, schema_version, state, taken_at) "
              u"VALUES ($1::uuid, $2, $3::bigint, $4::integer, $5::jsonb, now()) ON CONFLICT (entity_id, type_name) ";
        if (distributed) {
            // Citus takes no subquery in an INSERT: the snapshot that is to be replaced is deleted first.
            s.dropStaleSnapshot = u"DELETE FROM " + snapshot
                + u" s WHERE s.entity_id = $1::uuid AND s.type_name = $2 AND (s.version < $3::bigint "
                  u"OR s.schema_version <> $4::integer OR NOT EXISTS (SELECT 1 FROM " + event
                + u" e WHERE e.entity_id = $1::uuid AND e.type_name = $2 AND e.version = s.version))";
            s.saveSnapshot = insertSnapshot + u"DO NOTHING";
        } else {
            s.saveSnapshot = insertSnapshot
                + u"DO UPDATE SET version = EXCLUDED.version, schema_version = EXCLUDED.schema_version, state = EXCLUDED.state, "
                  u"taken_at = EXCLUDED.taken_at WHERE s.version < EXCLUDED.version OR s.schema_version <> EXCLUDED.schema_version "
                  u"OR NOT EXISTS (SELECT 1 FROM " + event
                + u" e WHERE e.entity_id = s.entity_id AND e.type_name = s.type_name AND e.version = s.version)";
        }

        // One statement for every event of the command. The unique key (entity_id, type_name,
        // version) catches the writer that loses a race; the checked form also looks up the
        // entity's version, so that a version that was never stored cannot leave a gap.
        const QString insert = u"INSERT INTO " + event
            + u" (entity_id, version, type_name, event, metadata, event_version, correlation_id, causation_id) ";
        const QString returning = u" RETURNING seq_no, version, " + timeSql(QStringLiteral("recorded_at"));
        const QString fromArray = QStringLiteral("SELECT $1::uuid, $3::bigint + x.n, $2, x.e->0, x.e->1, (x.e->>2)::integer, "
                                                 "$5::uuid, $6::uuid FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(e, n)");
        s.appendOne = insert + u"VALUES ($1::uuid, $3::bigint + 1, $2, $4::jsonb, $5::jsonb, $6::integer, $7::uuid, $8::uuid)"
            + returning;
        s.appendStored = insert + fromArray + returning;
        // The version is read first (a materialized CTE): an INSERT … SELECT that reads the event
        // table would run on a Citus worker as a whole, and take that worker's seq_no and
        // transaction id for its rows.
        s.appendChecked = u"WITH v AS MATERIALIZED (SELECT COALESCE(max(version), 0) AS version FROM " + event
            + u" WHERE entity_id = $1::uuid AND type_name = $2) " + insert + fromArray
            + u" WHERE (SELECT version FROM v) = $3::bigint" + returning;
        // The command is recorded by the same statement: one round trip, and it fails as a whole
        // when the command was recorded before (the unique violation then tells a repeat). The
        // checked form may insert no row (a lost race), which records nothing; the single-event
        // form inserts exactly one row or fails, so it needs no aggregate, whose ordered sort
        // and grouping were a measurable part of a one-event command's cost.
        const QString command = storeTable(schema, "command");
        const auto recording = [&command](const QString &append, int commandParameter, const QString &seqNos) -> QString {
            return u"WITH ins AS (" + append + u"), c AS (INSERT INTO " + command
                + u" (command_id, type_name, entity_id, seq_nos) SELECT $" + QString::number(commandParameter)
                + u"::uuid, $2, $1::uuid, " + seqNos + u") SELECT * FROM ins";
        };
        const QString aggregated = QStringLiteral("jsonb_agg(seq_no ORDER BY seq_no) FROM ins HAVING count(*) > 0");
        // Not on a distributed store: Citus copies the command's row in from the CTE, and a unique
        // violation on that path loses its SQLSTATE. There recordCommand follows the appends.
        if (!distributed) {
            s.appendOneCommand = recording(s.appendOne, 9, QStringLiteral("jsonb_build_array(seq_no) FROM ins"));
            s.appendStoredCommand = recording(s.appendStored, 7, aggregated);
            s.appendCheckedCommand = recording(s.appendChecked, 7, aggregated);
        }
        s.recordCommand = u"INSERT INTO " + command + u" (command_id, type_name, entity_id, seq_nos) VALUES ($1::uuid, $2, $3::uuid, $4::jsonb)";
        s.commandEvents = u"SELECT " + eventSelectList({}) + u" FROM " + event
            + u" WHERE seq_no IN (SELECT jsonb_array_elements_text(seq_nos)::bigint FROM " + command
            + u" WHERE command_id = $1::uuid) ORDER BY seq_no";
        s.pruneCommands = u"DELETE FROM " + command + u" WHERE handled_at < $1::timestamptz";
        s.version = u"SELECT COALESCE(max(version), 0) FROM " + event + u" WHERE entity_id = $1::uuid AND type_name = $2";
        // A wake-up, not data: its commit need not wait for the WAL flush (a NOTIFY takes a
        // transaction id, so it would), which would compete with the appends' own flushes. A
        // wake-up lost in a crash is made up for by polling. The setting is the transaction's only.
        s.notify = u"SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + QLatin1StringView(notifyChannel)
            + u"', $1)";
        s.beginSnapshot = QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");

        // Below the oldest transaction still open, the commit order is final. On a distributed
        // store the caller settles it (CommitBarrier) and passes it as the last parameter: Citus
        // would send pg_current_snapshot() on to each worker, whose transaction ids are not the
        // coordinator's that the rows carry.
        const auto barrier = [distributed](int parameter) -> QString {
            return distributed ? u"$" + QString::number(parameter) + u"::xid8"
                               : QStringLiteral("pg_snapshot_xmin(pg_current_snapshot())");
        };
        if (distributed) {
            // The coordinator's barrier, then the two-phase commits still in doubt on each worker
            // ("host:port gid gid…", "host:port ?" for a worker that did not answer). The
            // snapshot is the statement's, taken before the workers are asked.
            s.barrier = QStringLiteral(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, COALESCE(string_agg(w.nodename || ':' || w.nodeport "
                "|| ' ' || CASE WHEN w.success THEN w.result ELSE '?' END, E'\\n'), '') FROM run_command_on_workers("
                "'SELECT COALESCE(string_agg(gid, '' ''), '''') FROM pg_prepared_xacts WHERE gid LIKE ''citus\\_%'' "
                "AND database = current_database()') w WHERE NOT w.success OR w.result <> ''");
        }
        // The row comparison and ORDER BY follow the index (transaction_id, seq_no), so a page
        // is an index range scan without a sort. The text form of the transaction id must have
        // an alias of its own: ORDER BY transaction_id would otherwise sort by the text.
        s.catchUp = u"SELECT " + eventSelectList(QStringLiteral("e")) + u", e.transaction_id::text AS tx, "
            + head + u" AS head FROM " + event
            + u" e WHERE (e.transaction_id, e.seq_no) > ($1::xid8, $2::bigint) "
              u"AND e.transaction_id < " + barrier(4) + u" ORDER BY e.transaction_id, e.seq_no LIMIT $3::integer";
        // A position written by evented has a seq_no only: it is taken as the transaction of
        // that event, which is what evented (reading in seq_no order) had seen.
        // Uncorrelated, so that on a distributed store Citus can read the coordinator's row first.
        s.position = u"WITH p AS (SELECT seq_no, transaction_id, digest, digest_events FROM " + projection
            + u" WHERE name = $1 AND seq_no IS NOT NULL) SELECT p.seq_no, COALESCE(p.transaction_id, (SELECT e.transaction_id FROM "
            + event + u" e WHERE e.seq_no <= (SELECT seq_no FROM p) ORDER BY e.seq_no DESC LIMIT 1), '0'::xid8)::text, "
              u"p.digest, p.digest_events FROM p";
        const QString checkpoint = storeTable(schema, "projection_checkpoint");
        s.saveCheckpoint = u"INSERT INTO " + checkpoint
            + u" (name, transaction_id, seq_no, digest, events) VALUES ($1, $2::xid8, $3::bigint, $4::bigint, $5::bigint) "
              u"ON CONFLICT DO NOTHING";
        // Ordered by the transaction id itself, not by its text.
        s.checkpoints = u"SELECT c.transaction_id::text AS tx, c.seq_no, c.digest, c.events FROM " + checkpoint
            + u" c WHERE c.name = $1 ORDER BY c.transaction_id, c.seq_no";
        s.clearCheckpoints = u"DELETE FROM " + checkpoint + u" WHERE name = $1";
        s.digestPage = u"SELECT e.seq_no, e.entity_id, e.version, e.transaction_id::text AS tx FROM " + event
            + u" e WHERE (e.transaction_id, e.seq_no) > ($1::xid8, $2::bigint) AND (e.transaction_id, e.seq_no) <= ($3::xid8, $4::bigint) "
              u"ORDER BY e.transaction_id, e.seq_no LIMIT $5::integer";
        s.transactionOf = u"SELECT transaction_id::text FROM " + event + u" WHERE seq_no = $1::bigint";
        s.save = u"INSERT INTO " + projection
            + u" AS p (name, seq_no, transaction_id, status, error, error_seq_no, waiting_on_pid, waiting_since, owner, "
              u"updated_at, digest, digest_events) VALUES ($1, $2::bigint, $3::xid8, $4, $5, $6::bigint, $7::integer, "
              u"$8::timestamptz, $9, now(), $10::bigint, $11::bigint) "
              u"ON CONFLICT (name) DO UPDATE SET seq_no = EXCLUDED.seq_no, transaction_id = EXCLUDED.transaction_id, "
              u"digest = EXCLUDED.digest, digest_events = EXCLUDED.digest_events, "
              u"status = EXCLUDED.status, error = EXCLUDED.error, error_seq_no = EXCLUDED.error_seq_no, "
              u"waiting_on_pid = EXCLUDED.waiting_on_pid, waiting_since = EXCLUDED.waiting_since, "
              u"owner = EXCLUDED.owner, updated_at = EXCLUDED.updated_at";
        // The oldest open transaction is the barrier; pg_stat_activity shows its 32-bit xid.
        s.idle = u"WITH s AS (SELECT " + barrier(3) + u" AS xmin), "
                 u"h AS (SELECT EXISTS (SELECT 1 FROM " + event
            + u" e, s WHERE (e.transaction_id, e.seq_no) > ($1::xid8, $2::bigint) AND e.transaction_id >= s.xmin) AS held, "
              u"EXISTS (SELECT 1 FROM " + event
            + u" e, s WHERE (e.transaction_id, e.seq_no) > ($1::xid8, $2::bigint) AND e.transaction_id < s.xmin) AS ready) "
              u"SELECT " + head + u", h.held, h.ready, COALESCE(a.pid, 0), " + timeSql(QStringLiteral("a.xact_start"))
            + u" FROM s CROSS JOIN h "
              u"LEFT JOIN pg_stat_activity a ON h.held AND a.backend_xid::text = (s.xmin::text::numeric % 4294967296)::text "
              u"LIMIT 1";
        const QString lease = storeTable(schema, "projection_lease");
        s.states = u"SELECT p.name, p.seq_no, p.transaction_id::text, p.status, p.error, p.error_seq_no, p.waiting_on_pid, "
            + timeSql(QStringLiteral("p.waiting_since")) + u", p.owner, " + timeSql(QStringLiteral("p.updated_at")) + u", "
            + head + u", COALESCE(l.token, 0), COALESCE(l.expires_at > clock_timestamp(), false) FROM " + projection
            + u" p LEFT JOIN " + lease + u" l ON l.name = p.name ORDER BY p.name";

        const QString parked = storeTable(schema, "projection_parked");
        s.park = u"INSERT INTO " + parked
            + u" (name, seq_no, transaction_id, entity_id, type_name, event, error) VALUES ($1, $2::bigint, $3::xid8, $4::uuid, "
              u"$5, $6::jsonb, $7) ON CONFLICT (name, seq_no) DO UPDATE SET error = EXCLUDED.error, parked_at = EXCLUDED.parked_at";
        s.parked = u"SELECT name, seq_no, transaction_id::text, entity_id, type_name, event, error, " + timeSql(QStringLiteral("parked_at"))
            + u", reruns FROM " + parked + u" WHERE $1::text IS NULL OR name = $1::text ORDER BY name, transaction_id, seq_no";
        s.unpark = u"DELETE FROM " + parked + u" WHERE name = $1 AND seq_no = $2::bigint";
        s.parkedFailedAgain = u"UPDATE " + parked + u" SET error = $1, reruns = reruns + 1 WHERE name = $2 AND seq_no = $3::bigint";
        s.eventAt = u"SELECT " + eventSelectList({}) + u" FROM " + event + u" WHERE entity_id = $1::uuid AND seq_no = $2::bigint";

        // The lease of a projection's single active instance. Times are the server's, so the
        // clocks of the instances do not matter. A lease row locked by an instance that is
        // committing a batch is passed over, not waited for (SKIP LOCKED): it is not free.
        const QString expiry = QStringLiteral("clock_timestamp() + $%1::integer * interval '1 millisecond'");
        s.ensureLease = u"INSERT INTO " + lease + u" (name, owner, token, expires_at) VALUES ($1, '', 0, '-infinity') "
                                                  u"ON CONFLICT (name) DO NOTHING";
        s.takeLease = u"WITH free AS (SELECT name FROM " + lease
            + u" WHERE name = $3 AND expires_at < clock_timestamp() FOR UPDATE SKIP LOCKED) UPDATE " + lease
            + u" l SET owner = $1, token = l.token + 1, expires_at = " + expiry.arg(2)
            + u", taken_at = clock_timestamp() FROM free WHERE l.name = free.name RETURNING l.token";
        s.renewLease = u"UPDATE " + lease + u" SET expires_at = " + expiry.arg(1)
            + u" WHERE name = $2 AND token = $3::bigint RETURNING token";
        s.releaseLease = u"UPDATE " + lease + u" SET expires_at = '-infinity' WHERE name = $1 AND token = $2::bigint";
        s.seizeLease = u"UPDATE " + lease + u" SET owner = $1, token = token + 1, expires_at = " + expiry.arg(2)
            + u", taken_at = clock_timestamp() WHERE name = $3 RETURNING token";
        s.dropPosition = u"DELETE FROM " + projection + u" WHERE name = $1";
        s.renameCheckpoints = u"UPDATE " + checkpoint + u" SET name = $1 WHERE name = $2";
        const QString member = storeTable(schema, "projection_member");
        s.renewMember = u"INSERT INTO " + member + u" (name, member, expires_at) VALUES ($2, $3, " + expiry.arg(1)
            + u") ON CONFLICT (name, member) DO UPDATE SET expires_at = EXCLUDED.expires_at";
        s.members = u"SELECT count(*) FROM " + member + u" WHERE name = $1 AND expires_at > clock_timestamp()";
        s.leaveMember = u"DELETE FROM " + member + u" WHERE name = $1 AND member = $2";

        s.settledPosition = u"SELECT transaction_id::text, seq_no FROM " + event + u" WHERE transaction_id < " + barrier(1)
            + u" ORDER BY transaction_id DESC, seq_no DESC LIMIT 1";
        s.beyondSettled = u"SELECT seq_no FROM " + event + u" WHERE transaction_id >= " + barrier(1);

        // A standby's replayed log position; a server that is not in recovery (a primary, or a
        // standby promoted since) has nothing left to replay: its current position, where the
        // last commit record was inserted (with synchronous_commit off it may not be written yet:
        // pg_current_wal_lsn() would be short of it).
        s.replayPosition = QStringLiteral(
            "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END::text, "
            "pg_is_in_recovery(), COALESCE((date_part('epoch', now() - pg_last_xact_replay_timestamp()) * 1000)::bigint, -1)");

        s.importEvent = u"INSERT INTO " + event
            + u" (seq_no, entity_id, version, type_name, event, metadata, recorded_at, event_version, correlation_id, causation_id) "
              u"VALUES ($1::bigint, $2::uuid, $3::bigint, $4, $5::jsonb, $6::jsonb, $7::timestamptz, $8::integer, "
              u"NULLIF($9, '')::uuid, NULLIF($10, '')::uuid) "
              u"ON CONFLICT DO NOTHING";
        // Explicit seq_no values bypass the sequence: move it past them.
        s.afterImport = u"SELECT setval(pg_get_serial_sequence(" + literal(event) + u", 'seq_no'), "
                        u"GREATEST((SELECT max(seq_no) FROM " + event + u"), 1))";

        s.typeStats = u"SELECT type_name, count(*), sum(CASE WHEN version = 1 THEN 1 ELSE 0 END) FROM " + event
            + u" GROUP BY type_name ORDER BY type_name";
        s.head = u"SELECT " + head;
        s.databaseSize = QStringLiteral("SELECT pg_database_size(current_database())");
        const QString entities = u"SELECT entity_id, max(version), max(seq_no), " + timeSql(QStringLiteral("max(recorded_at)"))
            + u", type_name FROM " + event;
        s.entities = entities + u" GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
        s.entitiesOfType = entities + u" WHERE type_name = $1 GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
        s.eventsByEntity = u"SELECT " + eventSelectList({}) + u" FROM " + event + u" ORDER BY type_name, entity_id, version, seq_no";

        s.rewriteEvent = u"UPDATE " + event + u" SET event = $1::jsonb, event_version = $2::integer WHERE seq_no = $3::bigint";
        // The row comparison follows the unique key (entity_id, type_name, version): an index range scan.
        s.historyPage = u"SELECT e.seq_no, e.entity_id, e.version, e.event, e.event_version, s.state, s.schema_version FROM "
            + event + u" e LEFT JOIN " + snapshot
            + u" s ON s.entity_id = e.entity_id AND s.type_name = e.type_name AND s.version = e.version "
              u"WHERE e.type_name = $1 AND (e.entity_id, e.type_name, e.version) > ($2::uuid, $1, $3::bigint) "
              u"ORDER BY e.entity_id, e.type_name, e.version LIMIT $4::integer";
        s.orphanSnapshots = u"SELECT s.entity_id, s.version FROM " + snapshot + u" s WHERE s.type_name = $1 AND NOT EXISTS "
            + u"(SELECT 1 FROM " + event
            + u" e WHERE e.entity_id = s.entity_id AND e.type_name = s.type_name AND e.version = s.version) ORDER BY s.entity_id";
        s.snapshotStats = u"SELECT type_name, schema_version, count(*), sum(pg_column_size(state))::bigint FROM " + snapshot
            + u" GROUP BY type_name, schema_version ORDER BY type_name, schema_version";
        s.snapshots = u"SELECT type_name, entity_id, version, schema_version, state, " + timeSql(QStringLiteral("taken_at"))
            + u" FROM " + snapshot + u" ORDER BY type_name, entity_id";
        s.importSnapshot = u"INSERT INTO " + snapshot
            + u" AS s (entity_id, type_name, version, schema_version, state, taken_at) "
              u"VALUES ($1::uuid, $2, $3::bigint, $4::integer, $5::jsonb, $6::timestamptz) ON CONFLICT (entity_id, type_name) "
              u"DO UPDATE SET version = EXCLUDED.version, schema_version = EXCLUDED.schema_version, state = EXCLUDED.state, "
              u"taken_at = EXCLUDED.taken_at WHERE s.version < EXCLUDED.version";
        s.clearSnapshotsOfType = u"DELETE FROM " + snapshot + u" WHERE type_name = $1";
        s.clearSnapshots = u"DELETE FROM " + snapshot;
        return s;
    }

    QString createTableSql(const QString &schema, const QString &name, const QString &columns) const override
    {
        // Checked first: CREATE TABLE IF NOT EXISTS alone sends a notice when the table exists.
        const QString table = qualified(schema, name);
        return u"DO $evented$ BEGIN IF to_regclass(" + literal(table) + u") IS NULL THEN CREATE TABLE IF NOT EXISTS "
            + table + u" (" + columns + u"); END IF; END $evented$";
    }

    Result<bool> isDistributed(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL")) || !query.next())
            return typedError(*this, query.lastError(), db);
        if (!query.value(0).toBool())
            return false; // no Citus here
        const Result<QString> kind = citusTableKind(db, storeTable(schema, "event"));
        if (!kind)
            return kind.error();
        return !kind->isEmpty();
    }

    Error distribute(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = 'citus'")))
            return typedError(*this, query.lastError(), db);
        if (!query.next())
            return Error::invalidArgument(
                StoreText::tr("the database has no citus extension: a store is distributed on a Citus coordinator"));
        const QString event = storeTable(schema, "event");
        // Citus needs every unique key to include the distribution column: evented's keys of
        // event (seq_no, still unique by its sequence) and command (command_id, which a repeat
        // always sends for the same entity) get entity_id in front.
        const std::pair<const char *, const char *> keys[] = {{"event", "entity_id, seq_no"},
                                                               {"command", "entity_id, command_id"}};
        for (const auto &[table, key] : keys) {
            if (Error error = ensurePrimaryKey(db, storeTable(schema, table), QLatin1StringView(key)); error.isError())
                return error;
        }
        // seq_no is no longer a key of its own: the head and the event log read it by an index.
        const Result<QString> eventKind = citusTableKind(db, event);
        if (!eventKind)
            return eventKind.error();
        if (eventKind->isEmpty() && !query.exec(u"CREATE INDEX IF NOT EXISTS event_seq_no_idx ON " + event + u" (seq_no)"))
            return typedError(*this, query.lastError(), db);
        const TableDistribution byEntity = TableDistribution::byEntity(QStringLiteral("entity_id"));
        for (const char *table : {"event", "snapshot", "command"}) {
            if (Error error = keepAs(db, event, storeTable(schema, table), byEntity); error.isError())
                return error;
        }
        // The projections' positions stay on the coordinator, known to Citus: a batch's writes to
        // its view and its position then commit as one distributed transaction, by two-phase
        // commit wherever the view is on a worker (with an ordinary table of the coordinator's,
        // a view on one worker would commit there first, on its own). The leases, checked in the
        // same transaction, stay an ordinary table: Citus refuses the clock in an UPDATE of its tables.
        // So do the parked events, for the same reason as the positions: a re-run writes the view
        // and takes the event out of projection_parked in one transaction.
        for (const char *table : {"projection", "projection_parked"}) {
            if (Error error = keepAs(db, event, storeTable(schema, table), {}); error.isError())
                return error;
        }
        return {};
    }

    Error distributeTable(QSqlDatabase &db, const QString &schema, const QString &name,
                          const TableDistribution &distribution) const override
    {
        if (distribution.kind == TableDistribution::Kind::Local)
            return {}; // an ordinary table of the coordinator's
        return keepAs(db, storeTable(schema, "event"), qualified(schema, name), distribution);
    }

private:
    /*! The Citus kind of \a table (partmethod: "h" sharded, "n" a reference or coordinator's
        table), empty for a table that Citus does not know. */
    Result<QString> citusTableKind(QSqlDatabase &db, const QString &table) const
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT partmethod::text FROM pg_catalog.pg_dist_partition WHERE logicalrelid = to_regclass("
                        + literal(table) + u')'))
            return typedError(*this, query.lastError(), db);
        return query.next() ? query.value(0).toString() : QString();
    }

    /*! Makes (\a key) the primary key of \a table, unless it is already or the table is distributed. */
    Error ensurePrimaryKey(QSqlDatabase &db, const QString &table, const QString &key) const
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = to_regclass("
                        + literal(table) + u") AND c.contype = 'p'"))
            return typedError(*this, query.lastError(), db);
        QString alter = u"ALTER TABLE " + table;
        if (query.next()) {
            if (query.value(1).toString() == u"PRIMARY KEY (" + key + u')')
                return {};
            alter += u" DROP CONSTRAINT " + escapeIdentifier(query.value(0).toString()) + u',';
        }
        if (!query.exec(alter + u" ADD PRIMARY KEY (" + key + u')'))
            return typedError(*this, query.lastError(), db);
        return {};
    }

    /*! Has Citus keep \a table as \a distribution says (ByEntity: beside \a event), unless it knows the table already. */
    Error keepAs(QSqlDatabase &db, const QString &event, const QString &table, const TableDistribution &distribution) const
    {
        const Result<QString> kind = citusTableKind(db, table);
        if (!kind)
            return kind.error();
        if (!kind->isEmpty())
            return {};
        QString sql;
        switch (distribution.kind) {
        case TableDistribution::Kind::ByEntity:
            sql = u"SELECT create_distributed_table(" + literal(table) + u", " + literal(distribution.column)
                + (table == event ? QString() : u", colocate_with => " + literal(event)) + u')';
            break;
        case TableDistribution::Kind::Reference:
            sql = u"SELECT create_reference_table(" + literal(table) + u')';
            break;
        case TableDistribution::Kind::Local:
            sql = u"SELECT citus_add_local_table_to_metadata(" + literal(table) + u')';
            break;
        }
        QSqlQuery query(db);
        if (!query.exec(sql))
            return typedError(*this, query.lastError(), db);
        return {};
    }

public:

    QString scriptFolder() const override { return QStringLiteral("postgresql"); }
    int baselineVersion() const override { return 0; }

    Error prepareMigration(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        // Serialises migrations of this schema across processes; released at commit.
        if (!query.exec(u"SELECT pg_advisory_xact_lock(hashtext(" + literal(u"evented.migrate." + schema) + u"))"))
            return typedError(*this, query.lastError(), db);
        if (!query.exec(u"SELECT 1 FROM pg_namespace WHERE nspname = " + literal(schema)))
            return typedError(*this, query.lastError(), db);
        if (!query.next() && !query.exec(u"CREATE SCHEMA " + escapeIdentifier(schema)))
            return typedError(*this, query.lastError(), db);
        return {};
    }

    Result<int> schemaVersion(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        // A plain catalog query, not to_regclass(): its name cache may not yet have seen a
        // schema that a concurrent migration has just committed.
        if (!query.exec(u"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = " + literal(schema)
                        + u" AND tablename = 'evented_migrations')")
            || !query.next())
            return typedError(*this, query.lastError(), db);
        if (!query.value(0).toBool())
            return 0;
        if (!query.exec(u"SELECT COALESCE(max(version), 0) FROM " + storeTable(schema, "evented_migrations"))
            || !query.next())
            return typedError(*this, query.lastError(), db);
        return query.value(0).toInt();
    }

    Result<QStringList> eventColumns(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT column_name FROM information_schema.columns WHERE table_schema = " + literal(schema)
                        + u" AND table_name = 'event'"))
            return typedError(*this, query.lastError(), db);
        QStringList columns;
        while (query.next())
            columns.append(query.value(0).toString());
        return columns;
    }

    bool isTransient(const QString &sqlState) const override
    {
        // transaction rollback (serialization, deadlock), lock not available, query canceled
        return sqlState.startsWith(QLatin1StringView("40")) || sqlState == QLatin1StringView("55P03")
            || sqlState == QLatin1StringView("57014");
    }

    bool isUniqueViolation(const QString &sqlState) const override { return sqlState == QLatin1StringView("23505"); }

    bool isConnectionLost(const QSqlError &error, const QSqlDatabase &db) const override
    {
        const QString state = error.nativeErrorCode();
        return !db.isOpen() || state.startsWith(QLatin1StringView("08")) || state.startsWith(QLatin1StringView("57P"))
            || (error.type() == QSqlError::ConnectionError);
    }

#ifdef EVENTED_HAVE_LIBPQ
    std::unique_ptr<NativeStatement> nativeStatement(QSqlDatabase &db, const QString &sql) const override
    {
        return libpqStatement(db, sql, !hasFeature(Feature::NamedStatements));
    }
#endif

    // Times travel as microseconds since the epoch: QPSQL turns a timestamptz into a QDateTime
    // through the local time zone, which costs a time zone file lookup per value. date_part()
    // works in double precision, close enough that the cast rounds to the exact microsecond;
    // extract() works in numeric, which cost a catch-up page a tenth of its time on the server.
    QString timeSql(const QString &expression) const override
    {
        // Microseconds since the epoch, by functions that are all immutable: Citus allows no other
        // in a RETURNING clause (date_part() of a timestamptz is only stable).
        return u"(date_part('epoch', " + expression + u" - '1970-01-01 00:00:00+00'::timestamptz) * 1000000)::bigint";
    }

    QDateTime toUtc(const QVariant &value) const override
    {
        if (value.isNull())
            return {};
        const qint64 microseconds = value.toLongLong();
        // Floored to the millisecond, also before 1970.
        const qint64 milliseconds = microseconds / 1000 - (microseconds % 1000 < 0 ? 1 : 0);
        return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    }

    QString textSql(const QString &column) const override { return column + QStringLiteral("::text"); }
    QString distinctSql(const QString &a, const QString &b) const override { return a + u" IS DISTINCT FROM " + b; }

private:
    static bool parsePooler(const QString &value, StoreOptions::Pooler &pooler)
    {
        if (value == u"none")
            pooler = StoreOptions::Pooler::None;
        else if (value == u"session")
            pooler = StoreOptions::Pooler::Session;
        else if (value == u"transaction")
            pooler = StoreOptions::Pooler::Transaction;
        else
            return false;
        return true;
    }

    static bool parseHostPort(const QString &value, QString &direct)
    {
        const qsizetype colon = value.lastIndexOf(u':');
        bool ok = colon > 0;
        const int port = ok ? value.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || port <= 0 || port > 65535 || value.contains(u'/') || value.contains(u'@'))
            return false;
        direct = value;
        return true;
    }

    static bool parseReplicas(const QString &value, QStringList &replicas)
    {
        replicas.clear();
        for (const QString &one : value.split(u',')) {
            QString replica;
            if (!parseHostPort(one.trimmed(), replica))
                return false;
            replicas << replica;
        }
        return !replicas.isEmpty();
    }

    static bool parsePorts(const QString &value, QStringList &ports)
    {
        ports.clear();
        for (const QString &one : value.split(u',')) {
            bool ok = false;
            const int port = one.trimmed().toInt(&ok);
            if (!ok || port <= 0 || port > 65535)
                return false;
            ports << QString::number(port);
        }
        return true;
    }

    const StoreOptions::Pooler m_pooler;
};

} // namespace

std::shared_ptr<const Dialect> postgresDialect(StoreOptions::Pooler pooler)
{
    return std::make_shared<PostgresDialect>(pooler);
}

} // namespace Evented::Detail
