#include "syncstatus.h"

#include <evented/synclink.h>

#include <QCoreApplication>
#include <QLocale>
#include <QUrl>

namespace Evented::Inspector {

namespace {

struct SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Inspector::SyncStatus)
};

} // namespace

QString syncStatus(EventStore &store)
{
    const Result<bool> linked = SyncLink::isLinked(&store);
    if (!linked || !linked.value())
        return {};
    SyncLink link;
    if (const Error error = link.attach(&store); error.isError())
        return error.message();
    const QString upstream = QUrl(link.upstreamUrl()).toDisplayString(QUrl::RemovePassword);
    const QString last = link.lastSync().isValid()
                             ? QLocale().toString(link.lastSync().toLocalTime(), QLocale::ShortFormat)
                             : SyncText::tr("never");
    QString text = SyncText::tr("Linked to %1. Pending commands: %2; rejected: %3; last sync: %4")
                       .arg(upstream)
                       .arg(link.pendingCount())
                       .arg(link.rejectedCommands().size())
                       .arg(last);
    if (!link.lastError().isEmpty())
        text += u"; " + SyncText::tr("last error: %1").arg(link.lastError());
    return text;
}

} // namespace Evented::Inspector
