#include "dialect_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <evented/eventlog.h>

#include <QFile>

namespace Evented::Detail {

std::shared_ptr<const Dialect> Dialect::forScheme(const QString &scheme)
{
    if (scheme == u"postgresql" || scheme == u"postgres")
        return postgresDialect();
    if (scheme == u"sqlite")
        return sqliteDialect();
    return nullptr;
}

std::shared_ptr<const Dialect> Dialect::forDriver(const QString &driverName, Error *error)
{
    if (driverName == QLatin1StringView("QPSQL"))
        return postgresDialect();
    if (driverName == QLatin1StringView("QSQLITE"))
        return sqliteDialect();
    if (error)
        *error = Error::invalidArgument(StoreText::tr("unsupported database driver %1").arg(driverName));
    return nullptr;
}

std::shared_ptr<const Dialect> Dialect::forStore(const QString &driverName, const StoreOptions &options, Error *error)
{
    if (driverName == QLatin1StringView("QPSQL"))
        return postgresDialect(options.pooler);
    if (options.pooler != StoreOptions::Pooler::None || !options.direct.isEmpty()) {
        if (error)
            *error = Error::invalidArgument(StoreText::tr("the options pooler and direct are for PostgreSQL only"));
        return nullptr;
    }
    if (!options.replicas.isEmpty()) {
        if (error)
            *error = Error::invalidArgument(StoreText::tr("read replicas (the option replica) are for PostgreSQL only"));
        return nullptr;
    }
    if (options.distribute) {
        if (error)
            *error = distributionUnsupported();
        return nullptr;
    }
    return forDriver(driverName, error);
}

Error Dialect::distributionUnsupported()
{
    return Error::invalidArgument(StoreText::tr("only a PostgreSQL store on a Citus coordinator can be distributed"));
}

Result<bool> Dialect::isDistributed(QSqlDatabase &, const QString &) const
{
    return false;
}

Error Dialect::distribute(QSqlDatabase &, const QString &) const
{
    return distributionUnsupported();
}

Error Dialect::distributeTable(QSqlDatabase &, const QString &, const QString &, const TableDistribution &) const
{
    return distributionUnsupported();
}

QString Dialect::escapeIdentifier(const QString &identifier)
{
    QString escaped = identifier;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

Error Dialect::checkIdentifier(const QString &identifier, const QString &what) const
{
    const int limit = maxIdentifierBytes();
    if (identifier.isEmpty())
        return Error::invalidArgument(StoreText::tr("the %1 is empty").arg(what));
    if (limit > 0 && identifier.toUtf8().size() > limit)
        return Error::invalidArgument(StoreText::tr("the %1 has more than %2 bytes").arg(what).arg(limit));
    if (identifier.contains(QChar(0)))
        return Error::invalidArgument(StoreText::tr("the %1 must not contain a NUL character").arg(what));
    return {};
}

Error Dialect::beginWrite(QSqlDatabase &db) const
{
    if (!db.transaction())
        return typedError(*this, db.lastError(), db);
    return {};
}

std::unique_ptr<NativeStatement> Dialect::nativeStatement(QSqlDatabase &, const QString &) const
{
    return nullptr;
}

QString Dialect::eventSelectList(const QString &alias) const
{
    const QString a = alias.isEmpty() ? QString() : alias + u'.';
    return a + u"seq_no, " + a + u"type_name, " + a + u"entity_id, " + a + u"version, " + a + u"event, " + a
        + u"metadata, " + timeSql(a + u"recorded_at") + u", " + a + u"event_version, " + a + u"correlation_id, " + a
        + u"causation_id";
}

BoundSql Dialect::eventPageSql(const QString &schema, const EventFilter &filter, bool newestFirst) const
{
    BoundSql bound;
    QString &sql = bound.sql;
    sql = u"SELECT " + eventSelectList({}) + u" FROM " + storeTable(schema, "event")
        + (newestFirst ? u" WHERE seq_no < ?" : u" WHERE seq_no > ?");
    if (!filter.typeNames.isEmpty()) {
        sql += u" AND type_name IN (" + QStringList(filter.typeNames.size(), QStringLiteral("?")).join(u", ") + u')';
        for (const QString &typeName : filter.typeNames)
            bound.values.append(typeName);
    }
    if (!filter.entityId.isNull()) {
        sql += QStringLiteral(" AND entity_id = ?");
        bound.values.append(filter.entityId.toString(QUuid::WithoutBraces));
    }
    if (filter.fromSeqNo > 0) {
        sql += QStringLiteral(" AND seq_no >= ?");
        bound.values.append(filter.fromSeqNo);
    }
    if (filter.toSeqNo > 0) {
        sql += QStringLiteral(" AND seq_no <= ?");
        bound.values.append(filter.toSeqNo);
    }
    // Ids as text: the uuid columns of PostgreSQL take them so, and SQLite stores text.
    if (!filter.correlationId.isNull()) {
        sql += u" AND " + textSql(QStringLiteral("correlation_id")) + u" = ?";
        bound.values.append(filter.correlationId.toString(QUuid::WithoutBraces));
    }
    if (!filter.causationId.isNull()) {
        sql += u" AND " + textSql(QStringLiteral("causation_id")) + u" = ?";
        bound.values.append(filter.causationId.toString(QUuid::WithoutBraces));
    }
    if (!filter.eventContains.isEmpty()) {
        if (const QString contains = jsonContainsSql(QStringLiteral("event"), filter.eventContains, bound.values); !contains.isEmpty())
            sql += u" AND " + contains;
    }
    sql += newestFirst ? u" ORDER BY seq_no DESC LIMIT ?" : u" ORDER BY seq_no LIMIT ?";
    return bound;
}

BoundSql Dialect::entityPageSql(const QString &schema, const EntityQuery &request) const
{
    BoundSql bound;
    const bool descending = request.order == Qt::DescendingOrder;
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    const QString beyond = descending ? QStringLiteral(" < ") : QStringLiteral(" > ");
    QString where = QStringLiteral(" WHERE type_name = ?");
    QVariantList &values = bound.values;
    values.append(request.typeName);
    if (!request.idPrefix.isEmpty()) {
        where += u" AND " + textSql(QStringLiteral("entity_id")) + u" LIKE ?";
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
    // Grouped by entity_id alone (the type is fixed), so that the index order ends the scan at the limit.
    bound.sql = u"SELECT entity_id, max(version), max(seq_no), " + timeSql(QStringLiteral("max(recorded_at)")) + u" FROM "
        + storeTable(schema, "event") + where + u" GROUP BY entity_id" + having + u" ORDER BY " + order + u" LIMIT "
        + QString::number(std::max(request.limit, 1));
    return bound;
}

QString Dialect::recordVersionSql(const QString &schema, int version) const
{
    return u"INSERT INTO " + storeTable(schema, "evented_migrations") + u" (version) VALUES (" + QString::number(version) + u')';
}

bool parseBool(const QString &value, bool *ok)
{
    const QString v = value.toLower();
    *ok = v == u"true" || v == u"false" || v == u"1" || v == u"0" || v == u"yes" || v == u"no";
    return v == u"true" || v == u"1" || v == u"yes";
}

Error badOption(const QString &key, const QString &value)
{
    return Error::invalidArgument(StoreText::tr("bad value \"%1\" for store URL option %2").arg(value, key));
}

QStringList schemaScript(const QString &name, const QString &schema)
{
    QFile file(u":/evented/sql/" + name);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList statements;
    QString current;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.trimmed().startsWith(u"--") || line.trimmed().isEmpty())
            continue;
        current += line + u'\n';
        if (line.trimmed().endsWith(u';')) {
            statements.append(current.trimmed().chopped(1).replace(QStringLiteral("${schema}"), schema));
            current.clear();
        }
    }
    Q_ASSERT_X(current.trimmed().isEmpty(), "schemaScript", "a statement without its semicolon");
    return statements;
}

} // namespace Evented::Detail
