#pragma once

#include <evented/evented_core_export.h>

#include <QSqlQuery>
#include <QVariantList>

namespace Evented::Detail {

class Dialect;

/*!
    One of the store's own statements, run with bound values (addBindValue(), bindValue()) the
    way its connection allows. Where a server-side statement lives as long as the session, it is
    prepared once and executed by name. Where it would outlive the transaction that made it (a
    connection through a transaction-mode pooler: without Dialect::Feature::NamedStatements), it
    is sent whole each time, its values written in as the driver writes literals (the same text
    the driver's EXECUTE would carry): an unnamed statement, gone when it has run.

    Use it as a StoreQuery: prepare() and exec() hide QSqlQuery's, they do not override them.
*/
class EVENTED_CORE_EXPORT StoreQuery : public QSqlQuery
{
public:
    StoreQuery(const QSqlDatabase &db, const Dialect &dialect);

    bool prepare(const QString &sql);
    /*! Runs the prepared statement with the values bound since the last run. */
    bool exec();
    /*! Runs \a sql as it is (no values). */
    bool exec(const QString &sql) { return QSqlQuery::exec(sql); }

private:
    QString m_sql; // without named statements: the statement, placeholders and all
    bool m_named;
};

/*!
    \a sql with each placeholder outside quotes and comments (\c $n, or \c ? in order) replaced
    by the literal of its value in \a values, as \a driver writes it (NULL for a null value).
    A placeholder without a value stays as it is, for the server to refuse.
*/
EVENTED_CORE_EXPORT QString withValues(const QString &sql, const QVariantList &values, const QSqlDriver &driver);

} // namespace Evented::Detail
