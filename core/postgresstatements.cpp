// The PostgreSQL statements of a store: the only SQL of PostgreSQL's besides its dialect's DDL.

#include "postgres_p.h"
#include "statements_p.h"

namespace Evented::Detail {

QString postgresLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u"E'" + escaped.replace(u'\\', QStringLiteral("\\\\")) + u'\'';
}

Statements postgresStatements(const Dialect &pg, const QString &schema, bool distributed)
{
    const QString event = pg.storeTable(schema, "event");
    const QString projection = pg.storeTable(schema, "projection");
    const QString head = u"(SELECT COALESCE(max(seq_no), 0) FROM " + event + u')';
    Statements s;
    const QString snapshot = pg.storeTable(schema, "snapshot");
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
    const QString returning = u" RETURNING seq_no, version, " + pg.timeSql(QStringLiteral("recorded_at"));
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
    const QString command = pg.storeTable(schema, "command");
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
    s.commandEvents = u"SELECT " + pg.eventSelectList({}) + u" FROM " + event
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
    s.catchUp = u"SELECT " + pg.eventSelectList(QStringLiteral("e")) + u", e.transaction_id::text AS tx, "
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
    const QString checkpoint = pg.storeTable(schema, "projection_checkpoint");
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
          u"SELECT " + head + u", h.held, h.ready, COALESCE(a.pid, 0), " + pg.timeSql(QStringLiteral("a.xact_start"))
        + u" FROM s CROSS JOIN h "
          u"LEFT JOIN pg_stat_activity a ON h.held AND a.backend_xid::text = (s.xmin::text::numeric % 4294967296)::text "
          u"LIMIT 1";
    const QString lease = pg.storeTable(schema, "projection_lease");
    s.states = u"SELECT p.name, p.seq_no, p.transaction_id::text, p.status, p.error, p.error_seq_no, p.waiting_on_pid, "
        + pg.timeSql(QStringLiteral("p.waiting_since")) + u", p.owner, " + pg.timeSql(QStringLiteral("p.updated_at")) + u", "
        + head + u", COALESCE(l.token, 0), COALESCE(l.expires_at > clock_timestamp(), false) FROM " + projection
        + u" p LEFT JOIN " + lease + u" l ON l.name = p.name ORDER BY p.name";

    const QString parked = pg.storeTable(schema, "projection_parked");
    s.park = u"INSERT INTO " + parked
        + u" (name, seq_no, transaction_id, entity_id, type_name, event, error) VALUES ($1, $2::bigint, $3::xid8, $4::uuid, "
          u"$5, $6::jsonb, $7) ON CONFLICT (name, seq_no) DO UPDATE SET error = EXCLUDED.error, parked_at = EXCLUDED.parked_at";
    s.parked = u"SELECT name, seq_no, transaction_id::text, entity_id, type_name, event, error, " + pg.timeSql(QStringLiteral("parked_at"))
        + u", reruns FROM " + parked + u" WHERE $1::text IS NULL OR name = $1::text ORDER BY name, transaction_id, seq_no";
    s.unpark = u"DELETE FROM " + parked + u" WHERE name = $1 AND seq_no = $2::bigint";
    s.parkedFailedAgain = u"UPDATE " + parked + u" SET error = $1, reruns = reruns + 1 WHERE name = $2 AND seq_no = $3::bigint";
    s.eventAt = u"SELECT " + pg.eventSelectList({}) + u" FROM " + event + u" WHERE entity_id = $1::uuid AND seq_no = $2::bigint";

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
    const QString member = pg.storeTable(schema, "projection_member");
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
    s.afterImport = u"SELECT setval(pg_get_serial_sequence(" + postgresLiteral(event) + u", 'seq_no'), "
                    u"GREATEST((SELECT max(seq_no) FROM " + event + u"), 1))";

    s.typeStats = u"SELECT type_name, count(*), sum(CASE WHEN version = 1 THEN 1 ELSE 0 END) FROM " + event
        + u" GROUP BY type_name ORDER BY type_name";
    s.eventsPerMinute = u"SELECT floor(extract(epoch FROM recorded_at) / 60)::bigint AS minute, type_name, "
                        u"CASE jsonb_typeof(event) WHEN 'object' THEN (SELECT min(k) FROM jsonb_object_keys(event) AS k) "
                        u"ELSE event #>> '{}' END AS event_name, count(*) FROM " + event
        + u" WHERE recorded_at >= $1::timestamptz GROUP BY minute, type_name, event_name ORDER BY minute, type_name, event_name";
    s.head = u"SELECT " + head;
    s.databaseSize = QStringLiteral("SELECT pg_database_size(current_database())");
    const QString entities = u"SELECT entity_id, max(version), max(seq_no), " + pg.timeSql(QStringLiteral("max(recorded_at)"))
        + u", type_name FROM " + event;
    s.entities = entities + u" GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
    s.entitiesOfType = entities + u" WHERE type_name = $1 GROUP BY type_name, entity_id ORDER BY max(seq_no) DESC";
    s.eventsByEntity = u"SELECT " + pg.eventSelectList({}) + u" FROM " + event + u" ORDER BY type_name, entity_id, version, seq_no";

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
    s.snapshots = u"SELECT type_name, entity_id, version, schema_version, state, " + pg.timeSql(QStringLiteral("taken_at"))
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

} // namespace Evented::Detail
