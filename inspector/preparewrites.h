#pragma once

#include <evented/error.h>

#include <functional>

namespace Evented {
class EventStore;
}

namespace Evented::Inspector {

/*!
    Writes from the inspector first make sure the domain's views and listeners exist on the
    store they write with. Runs in the StoreReader's thread, with its store.
*/
using PrepareWrites = std::function<Error(EventStore &store)>;

} // namespace Evented::Inspector
