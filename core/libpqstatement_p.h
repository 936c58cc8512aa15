#pragma once

#include "dialect_p.h"

namespace Evented::Detail {

/*! \a sql prepared with libpq on QPSQL's own connection \a db (QSqlDriver::handle()) and run
    with bound text parameters: one round trip, without the driver writing the parameters into
    an EXECUTE text that the server parses again. With \a unnamed, nothing is kept on the
    server: each run parses, binds and executes an unnamed statement (PQexecParams), still one
    round trip (for a connection through a transaction-mode pooler). Only in a build with libpq. */
std::unique_ptr<NativeStatement> libpqStatement(const QSqlDatabase &db, const QString &sql, bool unnamed = false);

} // namespace Evented::Detail
