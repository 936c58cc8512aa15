#pragma once

#include <algorithm>

#include <QtGlobal>

namespace Evented::Detail {

/*! Retries after a failure: from 100 ms, doubling, up to 30 s. */
inline constexpr int firstBackoffMs = 100;
inline constexpr int maxBackoffMs = 30'000;
/*! Reconnects after a lost connection: the same start, up to 5 s. */
inline constexpr int maxReconnectMs = 5'000;

/*! The wait before attempt \a attempt (from 0): \a first doubled each time, at most \a limit. */
inline int backoff(int attempt, int first, int limit)
{
    return int(std::min<qint64>(qint64(first) << std::min(attempt, 20), limit));
}

} // namespace Evented::Detail
