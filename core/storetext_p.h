#pragma once

#include <QCoreApplication>

namespace Evented::Detail {

/*! The translation context of the store's own messages (opening, URLs, connections). */
struct StoreText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventStore)
};

} // namespace Evented::Detail
