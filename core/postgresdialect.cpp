#include "dialect_p.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Evented::Detail {

namespace {

struct PostgresText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::PostgreSQL)
};


QString quoted(const QString &identifier)
{
    QString escaped = identifier;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

/*! A string literal for SQL text, for the statements that cannot be prepared (DDL) or that run in
    a transaction that may abort (a prepared statement cannot be freed there). */
QString literal(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u"E'" + escaped.replace(u'\\', QStringLiteral("\\\\")) + u'\'';
}

const QStringList eventedColumns = {QStringLiteral("seq_no"),  QStringLiteral("entity_id"), QStringLiteral("version"),
                                    QStringLiteral("type_name"), QStringLiteral("event"), QStringLiteral("metadata")};
const QStringList addedColumns = {QStringLiteral("transaction_id"), QStringLiteral("recorded_at")};

Error databaseError(const QSqlError &error)
{
    return Error(Error::Kind::Database, error.databaseText().isEmpty() ? error.text() : error.databaseText().trimmed(),
                 error.nativeErrorCode());
}

class PostgresDialect final : public Dialect
{
public:
    QString table(const QString &schema, const char *name) const
    {
        return quoted(schema) + u'.' + QLatin1StringView(name);
    }

    QString loadSql(const QString &schema) const override
    {
        return u"SELECT seq_no, version, event FROM " + table(schema, "event")
            + u" WHERE entity_id = $1::uuid AND type_name = $2 ORDER BY version";
    }

    QString appendSql(const QString &schema) const override
    {
        // One statement: the version check and every event of the command. The unique key
        // (entity_id, type_name, version) catches the writer that loses a race.
        return u"WITH cur AS (SELECT COALESCE(max(version), 0) AS v FROM " + table(schema, "event")
            + u" WHERE entity_id = $1::uuid AND type_name = $2) "
              u"INSERT INTO " + table(schema, "event")
            + u" (entity_id, version, type_name, event, metadata) "
              u"SELECT $1::uuid, cur.v + x.n, $2, x.pair->0, x.pair->1 "
              u"FROM cur, jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(pair, n) "
              u"WHERE cur.v = $3::bigint "
              u"RETURNING seq_no, version, recorded_at";
    }

    QString versionSql(const QString &schema) const override
    {
        return u"SELECT COALESCE(max(version), 0) FROM " + table(schema, "event")
            + u" WHERE entity_id = $1::uuid AND type_name = $2";
    }

    QString notifySql() const override { return QStringLiteral("SELECT pg_notify('evented', $1)"); }

    bool isUniqueViolation(const QSqlError &error) const override
    {
        return error.nativeErrorCode() == QLatin1StringView("23505");
    }

    bool isConnectionLost(const QSqlError &error, const QSqlDatabase &db) const override
    {
        const QString state = error.nativeErrorCode();
        return !db.isOpen() || state.startsWith(QLatin1StringView("08")) || state.startsWith(QLatin1StringView("57P"))
            || (error.type() == QSqlError::ConnectionError);
    }

    QDateTime toUtc(const QVariant &value) const override { return value.toDateTime().toUTC(); }

    Result<int> schemaVersion(QSqlDatabase &db, const QString &schema) const override
    {
        QSqlQuery query(db);
        // A plain catalog query, not to_regclass(): its name cache may not yet have seen a
        // schema that a concurrent migration has just committed.
        if (!query.exec(u"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = " + literal(schema)
                        + u" AND tablename = 'evented_migrations')")
            || !query.next())
            return databaseError(query.lastError());
        if (!query.value(0).toBool())
            return 0;
        if (!query.exec(u"SELECT COALESCE(max(version), 0) FROM " + table(schema, "evented_migrations"))
            || !query.next())
            return databaseError(query.lastError());
        return query.value(0).toInt();
    }

    Error migrate(QSqlDatabase &db, const QString &schema) const override
    {
        Result<int> before = schemaVersion(db, schema);
        if (!before)
            return before.error();
        if (before.value() > currentSchemaVersion)
            return newerSchema(schema, before.value());
        if (before.value() == currentSchemaVersion)
            return validate(db, schema, eventedColumns + addedColumns);

        if (!db.transaction())
            return databaseError(db.lastError());
        Error error = migrateLocked(db, schema);
        if (error.isError()) {
            db.rollback();
            return error;
        }
        if (!db.commit())
            return databaseError(db.lastError());
        return validate(db, schema, eventedColumns + addedColumns);
    }

private:
    Error newerSchema(const QString &schema, int version) const
    {
        return Error(Error::Kind::Schema,
                     PostgresText::tr("schema %1 has version %2, newer than this library's %3")
                         .arg(schema)
                         .arg(version)
                         .arg(currentSchemaVersion));
    }

    Error migrateLocked(QSqlDatabase &db, const QString &schema) const
    {
        QSqlQuery query(db);
        // Serialises migrations of this schema across processes; released at commit.
        if (!query.exec(u"SELECT pg_advisory_xact_lock(hashtext(" + literal(u"evented.migrate." + schema) + u"))"))
            return databaseError(query.lastError());
        Result<int> version = schemaVersion(db, schema);
        if (!version)
            return version.error();
        if (version.value() >= currentSchemaVersion)
            return {};

        if (!query.exec(u"SELECT 1 FROM pg_namespace WHERE nspname = " + literal(schema)))
            return databaseError(query.lastError());
        if (!query.next() && !query.exec(u"CREATE SCHEMA " + quoted(schema)))
            return databaseError(query.lastError());
        const QString event = table(schema, "event");
        // evented's own tables, exactly as evented creates them.
        const QString eventedTables[] = {
            u"CREATE TABLE IF NOT EXISTS " + event
                + u" (seq_no bigserial PRIMARY KEY, entity_id uuid NOT NULL, version bigint NOT NULL, "
                  u"type_name text NOT NULL, event jsonb NOT NULL, metadata jsonb NOT NULL, "
                  u"UNIQUE (entity_id, type_name, version))",
            u"CREATE TABLE IF NOT EXISTS " + table(schema, "projection") + u" (name text PRIMARY KEY, seq_no bigint)"};
        for (const QString &sql : eventedTables) {
            if (!query.exec(sql))
                return databaseError(query.lastError());
        }
        // A table of that name that is not evented's is left alone.
        if (Error error = validate(db, schema, eventedColumns); error.isError())
            return error;

        for (int step = version.value() + 1; step <= currentSchemaVersion; ++step) {
            for (const QString &sql : migration(step, schema)) {
                if (!query.exec(sql))
                    return databaseError(query.lastError());
            }
            if (!query.exec(u"INSERT INTO " + table(schema, "evented_migrations") + u" (version) VALUES ("
                            + QString::number(step) + u')'))
                return databaseError(query.lastError());
        }
        return {};
    }

    /*! The statements that take the schema from version \a step - 1 to \a step. Each only adds:
        nullable columns or columns with defaults, indexes and tables of this library's own. */
    QStringList migration(int step, const QString &schema) const
    {
        const QString event = table(schema, "event");
        const QString projection = table(schema, "projection");
        switch (step) {
        case 1:
            return {u"ALTER TABLE " + event
                        + u" ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()",
                    u"ALTER TABLE " + event + u" ADD COLUMN IF NOT EXISTS recorded_at timestamptz NOT NULL DEFAULT now()",
                    u"CREATE INDEX IF NOT EXISTS event_transaction_id_seq_no_idx ON " + event + u" (transaction_id, seq_no)",
                    u"CREATE INDEX IF NOT EXISTS event_type_name_seq_no_idx ON " + event + u" (type_name, seq_no)",
                    u"CREATE TABLE IF NOT EXISTS " + table(schema, "evented_migrations")
                        + u" (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"};
        case 2:
            // Projection state that other processes (the inspector, eventedctl) read.
            return {u"ALTER TABLE " + projection
                    + u" ADD COLUMN IF NOT EXISTS transaction_id xid8,"
                      u" ADD COLUMN IF NOT EXISTS status text,"
                      u" ADD COLUMN IF NOT EXISTS error text,"
                      u" ADD COLUMN IF NOT EXISTS error_seq_no bigint,"
                      u" ADD COLUMN IF NOT EXISTS waiting_on_pid integer,"
                      u" ADD COLUMN IF NOT EXISTS waiting_since timestamptz,"
                      u" ADD COLUMN IF NOT EXISTS owner text,"
                      u" ADD COLUMN IF NOT EXISTS updated_at timestamptz"};
        default:
            return {};
        }
    }

    /*! Checks that table event has \a columns. */
    Error validate(QSqlDatabase &db, const QString &schema, const QStringList &columns) const
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT string_agg(c, ', ') FROM unnest(" + literal(u'{' + columns.join(u',') + u'}')
                        + u"::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns "
                          u"WHERE table_schema = " + literal(schema) + u" AND table_name = 'event' AND column_name = c)")
            || !query.next())
            return databaseError(query.lastError());
        const QString missing = query.value(0).toString();
        if (!missing.isEmpty())
            return Error(Error::Kind::Schema,
                         PostgresText::tr("table event in schema %1 is not an event store (missing columns: %2)")
                             .arg(schema, missing));
        return {};
    }
};

} // namespace

std::shared_ptr<const Dialect> Dialect::forDriver(const QString &driverName, Error *error)
{
    if (driverName == QLatin1StringView("QPSQL"))
        return std::make_shared<PostgresDialect>();
    if (error)
        *error = Error(Error::Kind::InvalidArgument,
                       QCoreApplication::translate("Evented::Dialect", "unsupported database driver %1").arg(driverName));
    return nullptr;
}

} // namespace Evented::Detail
