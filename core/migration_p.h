#pragma once

#include "dialect_p.h"

namespace Evented::Detail {

/*!
    The one migration driver: brings \a schema to currentSchemaVersion with the backend's
    scripts (tables.sql, then N.sql for each step above the backend's baseline), recording each
    step that ran, in one write transaction; idempotent and safe from several processes at once.
    A table event that is not an event store is left alone and reported as Error::Kind::Schema.
*/
Error migrate(QSqlDatabase &db, const Dialect &dialect, const QString &schema);

/*! Distributes the store's tables in \a schema over a Citus cluster (EventStore::distribute()),
    serialised with migrations. */
Error distribute(QSqlDatabase &db, const Dialect &dialect, const QString &schema);

/*! Checks that \a schema holds a store of the current version, without changing anything:
    NoStore when it holds none, Schema when it is older or newer. */
Error checkSchema(QSqlDatabase &db, const Dialect &dialect, const QString &schema);

} // namespace Evented::Detail
