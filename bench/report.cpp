// The standalone run: every workload on a fresh schema or file, next to the raw baselines
// measured on the same store, printed as a Markdown table.

#include "bench.h"

#include <evented/storeurl.h>

#include <QCoreApplication>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrlQuery>

#include <atomic>
#include <barrier>
#include <functional>
#include <thread>
#include <vector>

namespace Bench {

namespace {

/*! A fresh store for one standalone workload: a new schema, or a new SQLite file. */
QString freshUrl(const QString &base, QTemporaryDir &dir, int n)
{
    QUrl u(Evented::normalizeStoreUrl(base));
    if (u.scheme() == u"sqlite")
        return QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench-%1.db").arg(n));
    QUrlQuery query(u);
    query.removeAllQueryItems(QStringLiteral("schema"));
    query.addQueryItem(QStringLiteral("schema"), QStringLiteral("bench_%1_%2").arg(QCoreApplication::applicationPid()).arg(n));
    u.setQuery(query);
    return u.toString();
}

} // namespace

int standalone(const QString &url, const Sizes &sizes, bool rss)
{
    QTemporaryDir dir;
    int n = 0;
    // The baselines of this backend: plain QtSql always, bare libpq on PostgreSQL.
    QList<std::pair<QString, BaselineFactory>> baselines = {{QStringLiteral("plain QtSql"), qtSqlBaseline}};
    if (QUrl(url).scheme() != u"sqlite")
        baselines.append({QStringLiteral("bare libpq"), libpqBaseline});

    struct Row
    {
        QString name;
        QString evented;
        QStringList raw; // per baseline: "figure (ratio)"
    };
    QList<Row> rows;
    auto fmt = [](double v, int decimals = 0) { return QLocale(QLocale::English).toString(v, 'f', decimals); };
    // Each baseline measured on the store of the workload; the ratio is evented ÷ baseline
    // (for times, baseline ÷ evented), so that above 1 is better for the library.
    auto compare = [&](const QString &store, double lib, bool time, int decimals,
                       const std::function<double(Baseline &, const QString &store)> &measure) {
        QStringList cells;
        for (const auto &[name, make] : std::as_const(baselines)) {
            const double raw = measure(*make(store), store);
            const double ratio = time ? raw / lib : lib / raw;
            cells << fmt(raw, decimals) + u" (" + fmt(ratio, 2) + u')';
        }
        return cells;
    };

    { // W1
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w1(store, sizes).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W1 sequential, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         return perSecond(sizes.w1, raw.appendSingles(1, sizes.w1, 100, 0));
                     })});
        dropSchema(store);
    }
    { // W1 with snapshots: its time beside the plain counter's, commands alternating
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w1snapshots(store, sizes);
        rows.append({QStringLiteral("W1 with a snapshot every 100 events, events/s (goal: time ≤ 1.05× without)"),
                     QStringLiteral("%1 (without %2: %3× the time, %4 snapshots)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()),
                              fmt(r.value(QLatin1StringView("plain")).toDouble()),
                              fmt(r.value(QLatin1StringView("ratio")).toDouble(), 3))
                         .arg(r.value(QLatin1StringView("snapshots")).toInteger()),
                     {}});
        dropSchema(store);
    }
    { // W1 with command ids: its time beside the same commands' without, commands alternating
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w1commandIds(store, sizes);
        rows.append({QStringLiteral("W1 with a new command id each, events/s (goal: time ≤ 1.10× without)"),
                     QStringLiteral("%1 (without %2: %3× the time)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()),
                              fmt(r.value(QLatin1StringView("plain")).toDouble()),
                              fmt(r.value(QLatin1StringView("ratio")).toDouble(), 3)),
                     {}});
        dropSchema(store);
    }
    { // Two-entity transfers, in turn with W1 commands
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w1transfers(store, sizes);
        rows.append({QStringLiteral("W1 two-entity transfers among %1 wallets (load payer, handle), transfers/s")
                         .arg(r.value(QLatin1StringView("wallets")).toInt()),
                     QStringLiteral("%1 = %2 events/s (handle() alone %3/s; W1 in turn with them %4 events/s)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()),
                              fmt(r.value(QLatin1StringView("eventsPerSecond")).toDouble()),
                              fmt(r.value(QLatin1StringView("handlePerSecond")).toDouble()),
                              fmt(r.value(QLatin1StringView("w1")).toDouble())),
                     {}});
        dropSchema(store);
    }
    { // W2
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w2(store, sizes).value(QLatin1StringView("value")).toDouble();
        int round = 0;
        rows.append({QStringLiteral("W2 4 writers, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &, const QString &s) {
                         // Four writers of their own; streams apart from the other baselines'.
                         const int base = 100 * ++round;
                         std::atomic<qint64> longest = 0;
                         std::barrier go(4);
                         std::vector<std::thread> threads;
                         const BaselineFactory make = baselines.at(round - 1).second;
                         for (int w = 0; w < 4; ++w)
                             threads.emplace_back([&, w] {
                                 auto own = make(s);
                                 go.arrive_and_wait();
                                 const qint64 ns = own->appendSingles(1, sizes.w2PerWriter, 25, base + 25 * w);
                                 qint64 seen = longest.load();
                                 while (ns > seen && !longest.compare_exchange_weak(seen, ns)) {
                                 }
                             });
                         for (auto &t : threads)
                             t.join();
                         return perSecond(4 * sizes.w2PerWriter, longest);
                     })});
        dropSchema(store);
    }
    { // W3, W4
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w3(store, sizes).value(QLatin1StringView("value")).toDouble();
        const double libRead = w4(store).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W3 100-event commands, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         return perSecond(sizes.w3Batches * 100, raw.appendBatches(QStringLiteral("counter-batch"), sizes.w3Batches));
                     })});
        rows.append({QStringLiteral("W4/W8 load %1-event entity, ms").arg(sizes.w3Batches * 100), fmt(libRead, 1),
                     compare(store, libRead, true, 1, [&](Baseline &raw, const QString &) {
                         return raw.readStream(QStringLiteral("counter-batch"));
                     })});
        dropSchema(store);
    }
    { // W5
        const QString store = freshUrl(url, dir, ++n);
        const qint64 total = qint64(sizes.w5Streams) * 100;
        const double load = w5load(store, sizes).value(QLatin1StringView("value")).toDouble();
        const double lib = w5(store, total).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W5 preload (100-event commands), events/s"), fmt(load), {}});
        rows.append({QStringLiteral("W5 projection catch-up (typed handler), events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         for (int s = 0; s < sizes.w5Streams; ++s)
                             raw.appendBatches(QStringLiteral("counter-%1").arg(s), 1);
                         return raw.catchUp(total);
                     })});
        rows.append({QStringLiteral("W5 catch-up with an untyped handler (QJsonValue), events/s"),
                     fmt(w5json(store, total).value(QLatin1StringView("value")).toDouble()), {}});
        // The same events through typed handlers, with and without an upcaster, rounds alternating.
        const QJsonObject r = w5upcast(store, total);
        rows.append({QStringLiteral("W5 typed catch-up, one-step upcaster, events/s (goal: time ≤ 1.10× without)"),
                     QStringLiteral("%1 (without %2: %3× the time)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()),
                              fmt(r.value(QLatin1StringView("plain")).toDouble()),
                              fmt(r.value(QLatin1StringView("ratio")).toDouble(), 3)),
                     {}});
        dropSchema(store);
    }
    { // W6
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w6(store, sizes);
        if (!r.value(QLatin1StringView("exactlyOneWinner")).toBool())
            fail(QStringLiteral("W6: a race without exactly one winner and one typed conflict"));
        rows.append({QStringLiteral("W6 races, races/s"),
                     QStringLiteral("%1 (W=%2 L=%3)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()))
                         .arg(r.value(QLatin1StringView("winners")).toInt())
                         .arg(r.value(QLatin1StringView("losers")).toInt()),
                     {}});
        dropSchema(store);
    }
    { // W7
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w7(store, sizes);
        auto ms = [&](const char *key) { return fmt(r.value(QLatin1StringView(key)).toDouble(), 2); };
        rows.append({QStringLiteral("W7 commit to handler, in-process p50 / p99, ms"),
                     ms("inProcessP50") + u" / " + ms("inProcessP99"), {}});
        rows.append({QUrl(url).scheme() == u"sqlite"
                         ? QStringLiteral("W7 commit to handler, other process (polling every %1 ms) p50 / p99, ms").arg(sqlitePollMs)
                         : QStringLiteral("W7 commit to handler, other process p50 / p99, ms"),
                     ms("crossProcessP50") + u" / " + ms("crossProcessP99"), {}});
        dropSchema(store);
    }
    { // W9: a load from a snapshot beside one row read by its key
        const QString store = freshUrl(url, dir, ++n);
        for (const qint64 events : sizes.w9Events) {
            const QJsonObject r = w9(store, events);
            const double lib = r.value(QLatin1StringView("value")).toDouble();
            const QByteArray state = r.value(QLatin1StringView("state")).toString().toUtf8();
            rows.append({QStringLiteral("W9 preload %1 events in bulk SQL, ms (then one load without a snapshot, ms)")
                             .arg(fmt(double(events))),
                         fmt(r.value(QLatin1StringView("preloadMs")).toDouble()) + u" ("
                             + fmt(r.value(QLatin1StringView("foldMs")).toDouble()) + u')',
                         {}});
            rows.append({QStringLiteral("W9 load %1-event entity from a snapshot %2 events before its end, ms "
                                        "(goal: ≤ 1.5× one row read by its key, ratio ≥ 0.67)")
                             .arg(fmt(double(events)))
                             .arg(w9Tail),
                         fmt(lib, 3),
                         compare(store, lib, true, 3, [&](Baseline &raw, const QString &) { return raw.readRow(state); })});
        }
        dropSchema(store);
    }
    if (rss) { // W8: peak RSS of a catch-up must not grow with the store
        const QString store = freshUrl(url, dir, ++n);
        qint64 loaded = 0;
        for (const int streams : {1000, 10000}) {
            {
                EventStore s;
                open(s, store);
                for (int k = int(loaded / 100); k < streams; ++k) {
                    Entity<Counter> entity(idOf(QStringLiteral("counter-%1").arg(k)));
                    handle(s, entity, Increase{qint64(k) * 100 + 1, 100});
                }
            }
            loaded = qint64(streams) * 100;
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--rss-child"), store, QString::number(loaded)});
            child.waitForFinished(600'000);
            const QList<QByteArray> parts = child.readAllStandardOutput().trimmed().split(' ');
            rows.append({QStringLiteral("W8 catch-up over %1 events: peak RSS MiB (events/s)").arg(fmt(double(loaded))),
                         fmt(parts.value(0).toDouble() / 1024, 1) + u" (" + fmt(parts.value(1).toDouble()) + u')', {}});
        }
        dropSchema(store);
    }

    QTextStream out(stdout);
    const QString backend = QUrl(url).scheme() == u"sqlite" ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
    out << "| " << backend << (sizes.w1 < 5000 ? " (quick)" : "") << " | evented |";
    for (const auto &baseline : std::as_const(baselines))
        out << ' ' << baseline.first << " (evented ÷ it) |";
    out << "\n|---|---|" << QString(QStringLiteral("---|")).repeated(baselines.size()) << '\n';
    for (const Row &row : std::as_const(rows)) {
        out << "| " << row.name << " | " << row.evented << " |";
        for (qsizetype i = 0; i < baselines.size(); ++i)
            out << ' ' << row.raw.value(i) << " |";
        out << '\n';
    }
    return 0;
}

} // namespace Bench
