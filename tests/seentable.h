#pragma once

// A view of the events a projection delivered, by seq_no, for the tests that check that each
// event arrives exactly once.

#include "testsupport.h"

#include <evented/projection.h>

#include <QSqlQuery>

namespace TestSupport {

/*! A table seen(seq_no primary key) in \a schema, named \a name: a second delivery of an event
    fails on its key and would stop the projection. */
inline QString createSeen(Schema &schema, const QString &name = QStringLiteral("seen"))
{
    const QString table = schema.table(name);
    if (!schema.isSqlite())
        QSqlQuery(schema.db()).exec(u"CREATE SCHEMA IF NOT EXISTS " + schema.table(QString()).chopped(1));
    QSqlQuery(schema.db()).exec(u"CREATE TABLE " + table + u" (seq_no bigint PRIMARY KEY)");
    return table;
}

/*! A handler that records each event in \a table (see createSeen()). */
inline Evented::Projection::Handler recordInto(const QString &table)
{
    return [table](const Evented::RecordedEvent &event, QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("INSERT INTO %1 (seq_no) VALUES (%2)").arg(table).arg(event.seqNo));
        return Evented::ListenerResult::check(query);
    };
}

inline qint64 count(Schema &schema, const QString &table)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + table).toLongLong();
}

/*! True when \a seen holds every committed event exactly once and nothing else. */
inline bool exact(Schema &schema, const QString &seen)
{
    return scalar(schema.db(), u"SELECT NOT EXISTS (SELECT 1 FROM " + schema.table(QStringLiteral("event"))
                                   + u" e FULL JOIN " + seen + u" s USING (seq_no) WHERE e.seq_no IS NULL OR s.seq_no IS NULL)")
        .toBool();
}

} // namespace TestSupport
