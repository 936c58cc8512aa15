#include "modelhelpers.h"

#include <QLocale>

namespace Evented::Inspector {

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) : QString();
}

QVariant number(qint64 value)
{
    return QLocale().toString(value);
}

EventLog reader(EventStore *store)
{
    EventLog log(store);
    log.setKeepUndecodable(true);
    return log;
}

} // namespace Evented::Inspector
