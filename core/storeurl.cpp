#include <evented/storeurl.h>

#include <QStringList>

namespace Evented {

QString normalizeStoreUrl(const QString &url)
{
    qsizetype start = -1;
    for (const auto scheme : {QLatin1StringView("postgresql://"), QLatin1StringView("postgres://")}) {
        if (url.startsWith(scheme, Qt::CaseInsensitive))
            start = scheme.size();
    }
    if (start < 0)
        return url;
    qsizetype end = url.size();
    for (const QChar c : {u'/', u'?', u'#'}) {
        const qsizetype at = url.indexOf(c, start);
        if (at >= 0)
            end = std::min(end, at);
    }
    const QStringView authority = QStringView(url).sliced(start, end - start);
    const qsizetype at = authority.lastIndexOf(u'@');
    const QStringView hostList = at < 0 ? authority : authority.sliced(at + 1);
    if (!hostList.contains(u','))
        return url;
    QStringList hosts;
    QStringList ports;
    for (const QStringView entry : hostList.split(u',')) {
        QStringView host = entry;
        QStringView port;
        if (entry.startsWith(u'[')) { // [v6]:port
            const qsizetype close = entry.indexOf(u']');
            if (close < 0)
                return url; // left for QUrl to refuse
            host = entry.sliced(1, close - 1);
            if (entry.size() > close + 1 && entry.at(close + 1) == u':')
                port = entry.sliced(close + 2);
        } else if (const qsizetype colon = entry.lastIndexOf(u':'); colon >= 0) {
            host = entry.first(colon);
            port = entry.sliced(colon + 1);
        }
        hosts << host.toString();
        ports << (port.isEmpty() ? QStringLiteral("5432") : port.toString());
    }
    const QStringView first = hostList.split(u',').first();
    QString out = url.left(start) + (at < 0 ? QString() : authority.first(at + 1).toString()) + first.toString();
    QStringView rest = QStringView(url).sliced(end);
    const qsizetype hash = rest.indexOf(u'#');
    const QStringView fragment = hash < 0 ? QStringView() : rest.sliced(hash);
    if (hash >= 0)
        rest = rest.first(hash);
    if (rest.isEmpty())
        rest = u"/";
    out += rest.toString() + (rest.contains(u'?') ? u'&' : u'?') + u"host=" + hosts.join(u',') + u"&port=" + ports.join(u',')
        + fragment.toString();
    return out;
}

} // namespace Evented
