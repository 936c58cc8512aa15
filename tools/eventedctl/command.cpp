#include "command.h"

#include <evented/storeurl.h>

#include <QUrl>
#include <QUrlQuery>

#include <csignal>
#include <unistd.h>

namespace EventedCtl {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    out().flush();
    err() << "eventedctl: " << message << Qt::endl;
    return Failed;
}

int usage(const QString &message)
{
    out().flush();
    err() << "eventedctl: " << message << '\n' << Ctl::tr("Try 'eventedctl --help'.") << Qt::endl;
    return Usage;
}

Error openStore(EventStore &store, const QString &url, StoreUse use, const QList<std::pair<QString, QString>> &options)
{
    QUrl u(Evented::normalizeStoreUrl(url)); // several hosts (failover) in the form QUrl reads
    QUrlQuery query(u);
    for (const auto &[name, value] : options) {
        query.removeAllQueryItems(name);
        query.addQueryItem(name, value);
    }
    if (use != StoreUse::Migrated && !query.hasQueryItem(QStringLiteral("migrate")))
        query.addQueryItem(QStringLiteral("migrate"), QStringLiteral("false"));
    // Through a transaction-mode pooler the server cannot be made to refuse writes per connection:
    // the read-only commands still only read.
    if (use == StoreUse::ReadOnly && !query.hasQueryItem(QStringLiteral("read_only"))
        && query.queryItemValue(QStringLiteral("pooler")) != u"transaction")
        query.addQueryItem(QStringLiteral("read_only"), QStringLiteral("true"));
    u.setQuery(query);
    return store.open(u.toString(QUrl::FullyEncoded));
}

void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header[c].size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    printRow(header, widths);
    for (const QStringList &row : rows)
        printRow(row, widths);
}

void printRow(const QStringList &row, const QList<qsizetype> &widths)
{
    for (qsizetype c = 0; c < row.size(); ++c) {
        if (c + 1 == row.size())
            out() << row[c];
        else
            out() << row[c].leftJustified(widths.value(c)) << "  ";
    }
    out() << '\n';
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

Progress::Progress(qint64 total)
    : m_total(total)
    , m_terminal(isatty(STDERR_FILENO))
{
}

Progress::~Progress()
{
    if (m_shown)
        err() << Qt::endl;
}

void Progress::update(qint64 done)
{
    if (!m_terminal || m_total <= 0)
        return;
    const int width = 40;
    const int filled = int(width * std::min(done, m_total) / m_total);
    err() << '\r' << '[' << QString(filled, u'#') << QString(width - filled, u' ') << "] " << done << '/' << m_total
          << Qt::flush;
    m_shown = true;
}

void Progress::update(qint64 done, qint64 total)
{
    m_total = total;
    update(done);
}

namespace {

int stopPipe[2] = {-1, -1};
volatile std::sig_atomic_t stopSignalled = 0;

void onStopSignal(int)
{
    stopSignalled = 1;
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(stopPipe[1], &byte, 1);
}

} // namespace

StopSignals::StopSignals()
{
    if (::pipe(stopPipe) != 0) {
        stopPipe[0] = stopPipe[1] = -1;
        return;
    }
    stopSignalled = 0;
    std::signal(SIGTERM, &onStopSignal);
    std::signal(SIGINT, &onStopSignal);
    m_notifier = std::make_unique<QSocketNotifier>(stopPipe[0], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [] {
        char byte;
        [[maybe_unused]] const ssize_t drained = ::read(stopPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
}

StopSignals::~StopSignals()
{
    if (!isValid())
        return;
    m_notifier.reset();
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_DFL);
    ::close(stopPipe[0]);
    ::close(stopPipe[1]);
    stopPipe[0] = stopPipe[1] = -1;
}

bool StopSignals::isValid() const
{
    return m_notifier != nullptr;
}

bool StopSignals::stopRequested() const
{
    return stopSignalled != 0;
}

} // namespace EventedCtl
