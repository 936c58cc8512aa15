#include "migration_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <QSqlQuery>

namespace Evented::Detail {

namespace {

struct MigrationText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Migration)
};

const QStringList eventedColumns = {QStringLiteral("seq_no"),    QStringLiteral("entity_id"), QStringLiteral("version"),
                                    QStringLiteral("type_name"), QStringLiteral("event"),     QStringLiteral("metadata")};
const QStringList addedColumns = {QStringLiteral("transaction_id"), QStringLiteral("recorded_at")};

Error newerSchema(const QString &schema, int version)
{
    return Error(Error::Kind::Schema, MigrationText::tr("schema %1 has version %2, newer than this library's %3")
                                          .arg(schema)
                                          .arg(version)
                                          .arg(currentSchemaVersion));
}

/*! Checks that table event has \a columns. */
Error validate(QSqlDatabase &db, const Dialect &dialect, const QString &schema, const QStringList &columns)
{
    const Result<QStringList> present = dialect.eventColumns(db, schema);
    if (!present)
        return present.error();
    QStringList missing;
    for (const QString &column : columns) {
        if (!present->contains(column))
            missing.append(column);
    }
    if (!missing.isEmpty())
        return Error(Error::Kind::Schema, MigrationText::tr("table event in schema %1 is not an event store (missing columns: %2)")
                                              .arg(schema, missing.join(QStringLiteral(", "))));
    return {};
}

Error run(QSqlDatabase &db, const Dialect &dialect, const QStringList &script)
{
    QSqlQuery query(db);
    for (const QString &sql : script) {
        if (!query.exec(sql))
            return typedError(dialect, query.lastError(), db);
    }
    return {};
}

Error record(QSqlDatabase &db, const Dialect &dialect, const QString &schema, int version)
{
    QSqlQuery query(db);
    if (!query.exec(dialect.recordVersionSql(schema, version)))
        return typedError(dialect, query.lastError(), db);
    return {};
}

Error migrateLocked(QSqlDatabase &db, const Dialect &dialect, const QString &schema)
{
    if (Error error = dialect.prepareMigration(db, schema); error.isError())
        return error;
    const Result<int> version = dialect.schemaVersion(db, schema);
    if (!version)
        return version.error();
    if (version.value() > currentSchemaVersion)
        return newerSchema(schema, version.value());
    if (version.value() == currentSchemaVersion)
        return {}; // another process got here first

    const QString folder = dialect.scriptFolder() + u'/';
    const QString quotedSchema = Dialect::escapeIdentifier(schema);
    // The backend's own tables (on PostgreSQL, exactly evented's), each created when missing.
    if (Error error = run(db, dialect, schemaScript(folder + u"tables.sql", quotedSchema)); error.isError())
        return error;
    // A table of that name that is not evented's is left alone.
    if (Error error = validate(db, dialect, schema, eventedColumns); error.isError())
        return error;
    const int baseline = dialect.baselineVersion();
    if (version.value() < baseline) {
        if (Error error = record(db, dialect, schema, baseline); error.isError())
            return error;
    }
    // Each step adds nullable columns or columns with defaults, indexes and tables of this
    // library's own, or drops an index of its own: rows evented writes stay valid.
    for (int step = std::max(version.value(), baseline) + 1; step <= currentSchemaVersion; ++step) {
        const QStringList script = schemaScript(folder + QString::number(step) + u".sql", quotedSchema);
        Q_ASSERT_X(!script.isEmpty(), "migrate", "a schema step without its script");
        if (Error error = run(db, dialect, script); error.isError())
            return error;
        if (Error error = record(db, dialect, schema, step); error.isError())
            return error;
    }
    return {};
}

} // namespace

Error migrate(QSqlDatabase &db, const Dialect &dialect, const QString &schema)
{
    const Result<int> before = dialect.schemaVersion(db, schema);
    if (!before)
        return before.error();
    if (before.value() > currentSchemaVersion)
        return newerSchema(schema, before.value());
    if (before.value() < currentSchemaVersion) {
        if (Error error = inWriteTransaction(db, dialect, [&] { return migrateLocked(db, dialect, schema); });
            error.isError())
            return error;
    }
    return validate(db, dialect, schema, eventedColumns + addedColumns);
}

Error distribute(QSqlDatabase &db, const Dialect &dialect, const QString &schema)
{
    return inWriteTransaction(db, dialect, [&]() -> Error {
        if (Error error = dialect.prepareMigration(db, schema); error.isError())
            return error;
        return dialect.distribute(db, schema);
    });
}

Error checkSchema(QSqlDatabase &db, const Dialect &dialect, const QString &schema)
{
    const Result<int> version = dialect.schemaVersion(db, schema);
    if (!version)
        return version.error();
    if (version.value() == 0)
        return Error(Error::Kind::NoStore,
                     StoreText::tr("schema %1 holds no event store; open it with migration on to create one").arg(schema));
    if (version.value() != currentSchemaVersion)
        return Error(Error::Kind::Schema, StoreText::tr("schema %1 has version %2, this library needs %3; open it with migration on")
                                              .arg(schema)
                                              .arg(version.value())
                                              .arg(currentSchemaVersion));
    return {};
}

} // namespace Evented::Detail
