// evented-bench: the workloads of ../shared/bench-peers (W1-W6) through the library's public
// API, plus projection latency (W7), load/catch-up memory (W8), loads from a snapshot (W9),
// what snapshots and command ids cost W1, two-entity transfers and what upcasting costs W5.
//
//   evented-bench --workload W --run R --url URL    one workload, one JSON line (the peer harness)
//   evented-bench --url URL [--quick] [--rss]       every workload on a fresh schema or file, next
//                                                   to a plain QtSql baseline, as a table
//
// Times are wall-clock from the first request to the last acknowledgement; connections are
// opened and warmed before the clock starts. The workloads are in workloads.cpp, the raw
// baselines in baselines.cpp, the table in report.cpp.

#include "bench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

using namespace Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks of the event store (see bench/main.cpp)."));
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("The store."), QStringLiteral("URL"));
    const QCommandLineOption workload(QStringLiteral("workload"), QStringLiteral("One workload, for the peer harness."),
                                      QStringLiteral("W"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("The harness's run number."), QStringLiteral("R"), QStringLiteral("1"));
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Small sizes (a smoke test)."));
    const QCommandLineOption rss(QStringLiteral("rss"), QStringLiteral("Also W8: catch-up memory over 100,000 and 1,000,000 events."));
    const QCommandLineOption latencyChildOption(QStringLiteral("latency-child"), QStringLiteral("internal"), QStringLiteral("URL"));
    const QCommandLineOption rssChildOption(QStringLiteral("rss-child"), QStringLiteral("internal"), QStringLiteral("URL"));
    parser.addOptions({url, workload, run, quick, rss, latencyChildOption, rssChildOption});
    parser.process(app);

    const Sizes sizes = parser.isSet(quick) ? Sizes::quick() : Sizes();
    try {
        if (parser.isSet(latencyChildOption))
            return latencyChild(parser.value(latencyChildOption));
        if (parser.isSet(rssChildOption))
            return rssChild(parser.value(rssChildOption), parser.positionalArguments().value(0).toLongLong());
        if (!parser.isSet(url)) {
            std::fprintf(stderr, "evented-bench: --url URL is required\n");
            return 2;
        }
        if (!parser.isSet(workload))
            return standalone(parser.value(url), sizes, parser.isSet(rss));
        QJsonObject result = runWorkload(parser.value(workload), parser.value(url), sizes);
        result.insert(QStringLiteral("system"), QStringLiteral("evented"));
        result.insert(QStringLiteral("run"), parser.value(run).toInt());
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return 0;
    } catch (const Failure &f) {
        const QJsonObject error{{QStringLiteral("system"), QStringLiteral("evented")},
                                {QStringLiteral("workload"), parser.value(workload)},
                                {QStringLiteral("run"), parser.value(run).toInt()},
                                {QStringLiteral("error"), f.message}};
        std::printf("%s\n", QJsonDocument(error).toJson(QJsonDocument::Compact).constData());
        std::fprintf(stderr, "evented-bench: %s\n", qPrintable(f.message));
        return 1;
    }
}
