#pragma once

// The poll of the live models: how often they look again for what others committed.

#include <QTimer>

#include <algorithm>

namespace Evented::Detail {

/*! Sets \a poll to every \a milliseconds (0 or less: never), running when \a active; false when
    it had that interval already. */
inline bool setPollInterval(QTimer &poll, int milliseconds, bool active)
{
    milliseconds = std::max(milliseconds, 0);
    if (poll.interval() == milliseconds)
        return false;
    poll.setInterval(milliseconds);
    if (milliseconds > 0 && active)
        poll.start();
    else
        poll.stop();
    return true;
}

} // namespace Evented::Detail
