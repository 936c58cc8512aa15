#pragma once

#include "dialect_p.h"
#include "statements_p.h"

#include <evented/eventstore.h>

#include <memory>

namespace Evented::Detail {

/*!
    What every part of the library needs of an open store, made once when it opens and shared
    read-only by its sessions, the event log, projections and domains: the backend, the
    statements built for the schema, the options, and the connection that connections of their
    own are copied from.
*/
struct StoreContext
{
    std::shared_ptr<const Dialect> dialect;
    Statements statements;
    StoreOptions options;
    QString connectionName; //!< the store's own connection, to clone (QSqlDatabase::cloneDatabase)
};

} // namespace Evented::Detail
