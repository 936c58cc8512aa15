#pragma once

#include "dialect_p.h"
#include "schemaregistry_p.h"
#include "statements_p.h"

#include <evented/eventstore.h>

#include <memory>

namespace Evented::Detail {

/*!
    What every part of the library needs of an open store, made once when it opens and shared
    read-only by its sessions, the event log, projections and domains: the backend, the
    statements built for the schema, the options, the connection that connections of their
    own are copied from, and the event schemas registered with the store.
*/
struct StoreContext
{
    std::shared_ptr<const Dialect> dialect;
    Statements statements;
    StoreOptions options;
    bool distributed = false; //!< the tables are distributed over a cluster: statements take their barrier from CommitBarrier
    QString connectionName; //!< the store's own connection, to clone (QSqlDatabase::cloneDatabase)
    std::shared_ptr<SchemaRegistry> schemas; //!< the store's, kept from one opening to the next
};

} // namespace Evented::Detail
