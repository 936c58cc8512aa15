#pragma once

#include <evented/eventstore.h>

#include <QString>

namespace Evented::Inspector {

/*! What the inspector says of \a store's link for offline-first sync (SyncLink): the upstream,
    the pending and rejected commands, the last sync and its error; empty for a store that has
    no link. Blocking: it reads \a store's tables, so it runs in the reader's thread. */
QString syncStatus(EventStore &store);

} // namespace Evented::Inspector
