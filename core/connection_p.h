#pragma once

#include "dialect_p.h"
#include "storecontext_p.h"
#include "storequery_p.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <optional>

namespace Evented::Detail {

// The connections of the library: opening, copying, typed errors and transactions.

/*! A driver error as a typed Error: ConnectionLost when the connection is gone, else Database. */
Error typedError(const Dialect &dialect, const QSqlError &error, const QSqlDatabase &db);
/*! Opens \a db and sets it up for \a dialect; ConnectionFailed, or the setup's error. */
Error openConnection(QSqlDatabase &db, const Dialect &dialect);
/*! A connection of its own for a reader or worker: a copy of the store's connection under a
    new name, used only by the calling thread. */
QSqlDatabase cloneConnection(const StoreContext &context, const char *role);
/*! Closes \a db and removes it from Qt's connections. */
void removeConnection(QSqlDatabase &db);
/*! Runs \a work in a write transaction: committed when it succeeds, rolled back otherwise. */
Error inWriteTransaction(QSqlDatabase &db, const Dialect &dialect, const std::function<Error()> &work);
/*! Prepares \a sql in \a slot once per connection, as \a dialect runs statements (see
    StoreQuery); null with \a error set when that fails. */
StoreQuery *prepareOnce(std::optional<StoreQuery> &slot, QSqlDatabase &db, const Dialect &dialect, const QString &sql,
                        QSqlError *error);

/*! Reads \a query to its end and finishes it. QPSQL reads forward-only results row by row, and
    a result left unread keeps the connection from ever delivering notifications again. */
inline void drain(QSqlQuery &query)
{
    while (query.next()) {
    }
    query.finish();
}

} // namespace Evented::Detail
