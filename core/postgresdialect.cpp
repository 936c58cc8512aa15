#include "dialect_p.h"
#include "postgres_p.h"
#include "libpqstatement_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <evented/json.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrlQuery>


#include <algorithm>

namespace Evented::Detail {

namespace {

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
        return postgresStatements(*this, schema, distributed);
    }

    QString createTableSql(const QString &schema, const QString &name, const QString &columns) const override
    {
        // Checked first: CREATE TABLE IF NOT EXISTS alone sends a notice when the table exists.
        const QString table = qualified(schema, name);
        return u"DO $evented$ BEGIN IF to_regclass(" + postgresLiteral(table) + u") IS NULL THEN CREATE TABLE IF NOT EXISTS "
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
                        + postgresLiteral(table) + u')'))
            return typedError(*this, query.lastError(), db);
        return query.next() ? query.value(0).toString() : QString();
    }

    /*! Makes (\a key) the primary key of \a table, unless it is already or the table is distributed. */
    Error ensurePrimaryKey(QSqlDatabase &db, const QString &table, const QString &key) const
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = to_regclass("
                        + postgresLiteral(table) + u") AND c.contype = 'p'"))
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
            sql = u"SELECT create_distributed_table(" + postgresLiteral(table) + u", " + postgresLiteral(distribution.column)
                + (table == event ? QString() : u", colocate_with => " + postgresLiteral(event)) + u')';
            break;
        case TableDistribution::Kind::Reference:
            sql = u"SELECT create_reference_table(" + postgresLiteral(table) + u')';
            break;
        case TableDistribution::Kind::Local:
            sql = u"SELECT citus_add_local_table_to_metadata(" + postgresLiteral(table) + u')';
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
        if (!query.exec(u"SELECT pg_advisory_xact_lock(hashtext(" + postgresLiteral(u"evented.migrate." + schema) + u"))"))
            return typedError(*this, query.lastError(), db);
        if (!query.exec(u"SELECT 1 FROM pg_namespace WHERE nspname = " + postgresLiteral(schema)))
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
        if (!query.exec(u"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = " + postgresLiteral(schema)
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
        if (!query.exec(u"SELECT column_name FROM information_schema.columns WHERE table_schema = " + postgresLiteral(schema)
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
    QString jsonContainsSql(const QString &column, const QJsonObject &pattern, QVariantList &values) const override
    {
        values.append(QString::fromUtf8(Json::compact(pattern)));
        return column + QStringLiteral(" @> ?::jsonb");
    }
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
