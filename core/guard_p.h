#pragma once

#include "storetext_p.h"

#include <evented/listener.h>

#include <exception>

namespace Evented::Detail {

/*! What an exception that is not a std::exception says. */
inline QString unknownException()
{
    return StoreText::tr("unknown exception");
}

/*! Calls \a code; an exception becomes what \a onException makes of its message. The one
    guard around code of the application's (listeners, handlers, reset handlers). */
template<typename F, typename OnException>
auto guarded(F &&code, OnException &&onException) -> decltype(code())
{
    try {
        return code();
    } catch (const std::exception &e) {
        return onException(QString::fromUtf8(e.what()));
    } catch (...) {
        return onException(unknownException());
    }
}

/*! guarded() for listeners: an exception is the listener's failure. */
template<typename F>
ListenerResult callListener(F &&listener)
{
    return guarded(std::forward<F>(listener), [](const QString &why) { return ListenerResult::failure(why); });
}

} // namespace Evented::Detail
