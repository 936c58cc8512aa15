#pragma once

#include <evented/error.h>

#include <functional>

namespace Evented::Inspector {

/*! Writes from the inspector first make sure the domain's views and listeners exist. */
using PrepareWrites = std::function<Error()>;

} // namespace Evented::Inspector
