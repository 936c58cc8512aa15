// Transfers among wallets from a process of its own, for the cross-process test of
// tst_command_scope: wallet_runner URL N SEED WALLET-ID... Each of the N transfers moves a
// random amount between two random wallets with handleWithRetry, deciding on a fresh load.
// Prints "applied A rejected R conflicts C untyped U": a conflict that outlived the retries is
// the typed VersionConflict; any other failure is untyped (printed to stderr). Exits 1 when
// the store cannot be opened.

#include "testwallet.h"

#include <evented/eventstore.h>

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace TestDomain;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 6) {
        std::fprintf(stderr, "usage: wallet_runner URL N SEED WALLET-ID WALLET-ID...\n");
        return 2;
    }
    Evented::EventStore store;
    if (const Evented::Error error = store.open(args.at(1)); error.isError()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    const int n = args.at(2).toInt();
    QRandomGenerator random(args.at(3).toUInt());
    QList<QUuid> wallets;
    for (qsizetype i = 4; i < args.size(); ++i)
        wallets.append(QUuid::fromString(args.at(i)));
    int applied = 0, rejected = 0, conflicts = 0, untyped = 0;
    for (int i = 0; i < n; ++i) {
        const qsizetype from = random.bounded(wallets.size());
        qsizetype to = random.bounded(wallets.size() - 1);
        if (to >= from)
            ++to;
        auto wallet = store.load<Wallet>(wallets.at(from));
        if (!wallet) {
            ++untyped;
            std::fprintf(stderr, "%s\n", qPrintable(wallet.error().message()));
            continue;
        }
        const auto result = store.handleWithRetry(wallet.value(), Transfer{wallets.at(to), 1 + random.bounded(40)}, 3);
        if (result.isApplied())
            ++applied;
        else if (result.isRejected())
            ++rejected;
        else if (result.isConflict())
            ++conflicts;
        else {
            ++untyped;
            std::fprintf(stderr, "%s\n", qPrintable(result.error().message()));
        }
    }
    std::printf("applied %d rejected %d conflicts %d untyped %d\n", applied, rejected, conflicts, untyped);
    return 0;
}
