#include "logging_p.h"

namespace Evented {
Q_LOGGING_CATEGORY(lcStore, "evented.store")
Q_LOGGING_CATEGORY(lcProjection, "evented.projection")
} // namespace Evented
