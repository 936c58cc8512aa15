// View reads: SELECT * in key order, with the key compared as a row value, which both
// backends order as they order the rows.

#include "viewreader_p.h"

#include "connection_p.h"
#include "dialect_p.h"
#include "eventstore_p.h"
#include "session_p.h"
#include "storequery_p.h"

#include <evented/eventstore.h>

#include <QCoreApplication>
#include <QSqlRecord>

namespace Evented::Detail {

namespace {

struct ViewText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::ProjectionModel)
};

/*! The key's columns as a row value: \c{("a", "b")}. */
QString rowValue(const QStringList &columns)
{
    QStringList escaped;
    for (const QString &column : columns)
        escaped.append(Dialect::escapeIdentifier(column));
    return u'(' + escaped.join(u", ") + u')';
}

} // namespace

ViewReading readView(EventStore *store, const ViewQuery &query)
{
    ViewReading reading;
    Result<Session *> session = EventStorePrivate::sessionOf(store);
    if (!session) {
        reading.error = session.error();
        return reading;
    }
    const Dialect &dialect = session.value()->dialect();
    if (Error error = dialect.checkIdentifier(query.table, ViewText::tr("view table")); error.isError()) {
        reading.error = error;
        return reading;
    }
    for (const QString &column : query.keyColumns) {
        if (Error error = dialect.checkIdentifier(column, ViewText::tr("key column")); error.isError()) {
            reading.error = error;
            return reading;
        }
    }
    QSqlDatabase &db = session.value()->database();
    const QString table = store->tableName(query.table);

    QStringList keyColumns = query.keyColumns;
    if (keyColumns.isEmpty()) {
        // The first column, as the table has it.
        QSqlQuery first(db);
        if (!first.exec(u"SELECT * FROM " + table + u" WHERE 1 = 0")) {
            reading.error = typedError(dialect, first.lastError(), db);
            return reading;
        }
        keyColumns.append(first.record().fieldName(0));
    }
    const QString key = rowValue(keyColumns);
    QStringList placeholders;
    for (qsizetype i = 0; i < keyColumns.size(); ++i)
        placeholders.append(QStringLiteral("?"));
    QString sql = u"SELECT * FROM " + table;
    if (!query.boundary.isEmpty()) {
        sql += u" WHERE " + key + (query.range == ViewQuery::Range::After ? u" > (" : u" <= (")
             + placeholders.join(u", ") + u')';
    }
    sql += u" ORDER BY " + key.mid(1, key.size() - 2);
    if (query.range == ViewQuery::Range::After && query.limit > 0)
        sql += u" LIMIT " + QString::number(query.limit);

    StoreQuery select(db, dialect);
    select.setForwardOnly(true);
    if (!select.prepare(sql)) {
        reading.error = typedError(dialect, select.lastError(), db);
        return reading;
    }
    for (const QVariant &value : query.boundary)
        select.addBindValue(value);
    if (!select.exec()) {
        reading.error = typedError(dialect, select.lastError(), db);
        return reading;
    }
    const QSqlRecord record = select.record();
    for (int i = 0; i < record.count(); ++i)
        reading.columns.append(record.fieldName(i));
    for (const QString &column : keyColumns) {
        const qsizetype index = reading.columns.indexOf(column);
        if (index < 0) {
            reading.error = Error::invalidArgument(ViewText::tr("the view %1 has no column %2").arg(query.table, column));
            return reading;
        }
        reading.keyIndexes.append(int(index));
    }
    const int width = record.count();
    while (select.next()) {
        QVariantList row;
        row.reserve(width);
        for (int i = 0; i < width; ++i)
            row.append(select.value(i));
        reading.rows.append(std::move(row));
    }
    if (select.lastError().isValid())
        reading.error = typedError(dialect, select.lastError(), db);
    return reading;
}

} // namespace Evented::Detail
