#pragma once

// What the PostgreSQL dialect (postgresdialect.cpp) shares with its statements (postgresstatements.cpp).

#include "dialect_p.h"

namespace Evented::Detail {

/*! A string literal for SQL text, for the statements that cannot be prepared (DDL) or that run in
    a transaction that may abort (a prepared statement cannot be freed there). */
QString postgresLiteral(const QString &value);

/*! Every statement of a store in \a schema on PostgreSQL (\a pg's tables and times), on a Citus
    coordinator when \a distributed. */
Statements postgresStatements(const Dialect &pg, const QString &schema, bool distributed);

} // namespace Evented::Detail
