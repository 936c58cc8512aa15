// Appends to one counter from a process of its own, for the cross-process tests of
// tst_store_locking: append_runner URL COUNTER-ID N. Each of the N increments is decided on a
// fresh load; a lost race must come back as the typed version conflict and is retried.
// Prints "applied N conflicts C"; exits 1 on any other failure.

#include "testcounter.h"

#include <evented/eventstore.h>

#include <QCoreApplication>

#include <cstdio>

using namespace TestDomain;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: append_runner URL COUNTER-ID N\n");
        return 2;
    }
    Evented::EventStore store;
    if (const Evented::Error error = store.open(args.at(1)); error.isError()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    const QUuid id = QUuid::fromString(args.at(2));
    const int n = args.at(3).toInt();
    int applied = 0;
    int conflicts = 0;
    while (applied < n) {
        auto counter = store.load<Counter>(id);
        if (!counter) {
            std::fprintf(stderr, "%s\n", qPrintable(counter.error().message()));
            return 1;
        }
        const auto result = store.handle(counter.value(), Increase{1});
        if (result.isApplied()) {
            ++applied;
        } else if (result.isConflict()) {
            ++conflicts;
        } else {
            std::fprintf(stderr, "%s\n", qPrintable(result.error().message()));
            return 1;
        }
    }
    std::printf("applied %d conflicts %d\n", applied, conflicts);
    return 0;
}
