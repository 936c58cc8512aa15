#pragma once

// Small helpers shared by the inspector's models. Private.

#include <evented/eventlog.h>

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace Evented {
class EventStore;
}

namespace Evented::Inspector {

/*! A time as the models show it: local, to the millisecond; empty when invalid. */
QString timeText(const QDateTime &time);

/*! A count or position in the locale's digits. */
QVariant number(qint64 value);

/*! The inspector reads the store as it is: an event that is not valid JSON is shown as its text. */
EventLog reader(EventStore *store);

} // namespace Evented::Inspector
