#pragma once

#include <evented/evented_core_export.h>

#include <QString>

namespace Evented {

/*!
    \a url in the form QUrl can parse: a PostgreSQL URL with several hosts in its authority, as
    libpq writes them for failover (\c{postgresql://user:password@h1:p1,h2:p2/db?…}), becomes
    \c{postgresql://user:password@h1:p1/db?…&host=h1,h2&port=p1,p2}, libpq's own options for the
    same list (a host without a port gets 5432). Any other URL comes back as it is.

    EventStore::open() does this itself; tools that read or change a store URL with QUrl (add an
    option, show its host) call it first. The store connects to the hosts in order, and with
    \c target_session_attrs=read-write only to the one that is the primary.
*/
EVENTED_CORE_EXPORT QString normalizeStoreUrl(const QString &url);

} // namespace Evented
