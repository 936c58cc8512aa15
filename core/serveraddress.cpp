#include "serveraddress_p.h"

namespace Evented::Detail {

void pointAt(QSqlDatabase &db, const QStringList &hostPorts, const QString &sessionAttrs)
{
    QStringList hosts;
    QStringList ports;
    for (const QString &hostPort : hostPorts) {
        const qsizetype colon = hostPort.lastIndexOf(u':');
        hosts << hostPort.left(colon);
        ports << hostPort.mid(colon + 1);
    }
    QStringList options;
    for (const QString &option : db.connectOptions().split(u';', Qt::SkipEmptyParts)) {
        const QString key = option.section(u'=', 0, 0).trimmed();
        if (key != u"host" && key != u"hostaddr" && key != u"port" && key != u"target_session_attrs")
            options << option;
    }
    db.setHostName(hosts.join(u','));
    if (ports.size() == 1) {
        db.setPort(ports.first().toInt());
    } else {
        db.setPort(-1); // the driver names no port: the list below is libpq's
        options << u"port=" + ports.join(u',');
    }
    if (!sessionAttrs.isEmpty())
        options << u"target_session_attrs=" + sessionAttrs;
    db.setConnectOptions(options.join(u';'));
}

} // namespace Evented::Detail
