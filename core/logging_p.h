#pragma once

#include <QLoggingCategory>

namespace Evented {
// The library's logging categories, declared here only.
Q_DECLARE_LOGGING_CATEGORY(lcStore)      // evented.store
Q_DECLARE_LOGGING_CATEGORY(lcProjection) // evented.projection
} // namespace Evented
