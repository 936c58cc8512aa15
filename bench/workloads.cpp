// The workloads of ../shared/bench-peers (W1-W6) through the library's public API, plus
// projection latency (W7), load/catch-up memory (W8), loads from a snapshot (W9), W1 with
// snapshots, with command ids and with two-entity transfers, and W5 with an upcaster beside
// their plain forms. Times are wall-clock from the
// first request to the last acknowledgement; connections are opened and warmed before the clock starts.

#include "bench.h"

#include <evented/projection.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <thread>
#include <type_traits>
#include <vector>

namespace Bench {

/*! The entity of stream \a stream ("counter-7"): the same id in every process. */
QUuid idOf(const QString &stream)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("5b0e4f0e-8a43-4c1e-9a5e-0e7e7c3f2a11"));
    return QUuid::createUuidV5(ns, stream);
}

void open(EventStore &store, const QString &url)
{
    if (const Error error = store.open(url); error.isError())
        fail(error.message());
}

namespace {

QJsonObject writes(const char *workload, qint64 events, qint64 ns)
{
    return {{QStringLiteral("workload"), QLatin1StringView(workload)},
            {QStringLiteral("metric"), QStringLiteral("events/s")},
            {QStringLiteral("value"), perSecond(events, ns)},
            {QStringLiteral("ms"), ns / 1e6},
            {QStringLiteral("events"), events}};
}

} // namespace

// ------------------------------------------------------------------ the harness workloads

QJsonObject w1(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QList<Entity<Counter>> entities;
    for (int s = 0; s < 100; ++s)
        entities.append(store.load<Counter>(idOf(QStringLiteral("counter-%1").arg(s))).value());
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < sizes.w1; ++i)
        handle(store, entities[i % 100], Increase{i + 1});
    return writes("w1", sizes.w1, timer.nsecsElapsed());
}

namespace {

/*! 100 entities of E at versions 0, 1, … 99, so that a snapshot every 100 events falls on one
    command in 100 of any run of them in turn. */
template<typename E>
QList<Entity<E>> staggered(EventStore &store, const QString &stream)
{
    QList<Entity<E>> entities;
    for (int s = 0; s < 100; ++s) {
        entities.append(store.load<E>(idOf(stream.arg(s))).value());
        if (s > 0)
            handle(store, entities.last(), Increase{1, s});
    }
    return entities;
}

/*! Command \a i of W1 on \a entities in turn, with \a options; the ns it took. */
template<typename E>
qint64 sequential(EventStore &store, QList<Entity<E>> &entities, int i, const CommandOptions &options = {})
{
    Entity<E> &entity = entities[i % entities.size()];
    QElapsedTimer timer;
    timer.start();
    handle(store, entity, Increase{entity.version() + 1}, options);
    return timer.nsecsElapsed();
}

/*! 100 entities of E, loaded. */
template<typename E>
QList<Entity<E>> loaded(EventStore &store, const QString &stream)
{
    QList<Entity<E>> entities;
    for (int s = 0; s < 100; ++s)
        entities.append(store.load<E>(idOf(stream.arg(s))).value());
    return entities;
}

} // namespace

QJsonObject w1snapshots(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QList<Entity<Counter>> plain = staggered<Counter>(store, QStringLiteral("counter-%1"));
    QList<Entity<SnapCounter>> snapshotted = staggered<SnapCounter>(store, QStringLiteral("snap-counter-%1"));
    // One command of each in turn, the first of the pair alternating, so that whatever else
    // the machine does falls on both alike.
    qint64 plainNs = 0, snapshotNs = 0;
    for (int i = 0; i < sizes.w1; ++i) {
        if (i % 2 == 0) {
            plainNs += sequential(store, plain, i);
            snapshotNs += sequential(store, snapshotted, i);
        } else {
            snapshotNs += sequential(store, snapshotted, i);
            plainNs += sequential(store, plain, i);
        }
    }
    qint64 snapshots = 0;
    for (const auto &entity : std::as_const(snapshotted))
        snapshots += entity.snapshotVersion() / SnapCounter::snapshotEvery;
    QJsonObject result = writes("w1snapshots", sizes.w1, snapshotNs);
    result.insert(QStringLiteral("plain"), perSecond(sizes.w1, plainNs));
    result.insert(QStringLiteral("ratio"), double(snapshotNs) / double(plainNs));
    result.insert(QStringLiteral("snapshots"), snapshots);
    return result;
}

QJsonObject w1commandIds(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QList<Entity<Counter>> plain = loaded<Counter>(store, QStringLiteral("counter-%1"));
    QList<Entity<Counter>> identified = loaded<Counter>(store, QStringLiteral("counter-id-%1"));
    // A warm-up command of each, so that each kind's statement is prepared before the clock.
    handle(store, plain[0], Increase{1});
    handle(store, identified[0], Increase{1}, CommandOptions{QUuid::createUuid(), {}});
    // One command of each in turn, the first of the pair alternating, as in w1snapshots. The
    // id is made before the clock: what is measured is the store's cost of recording it.
    qint64 plainNs = 0, idNs = 0;
    for (int i = 0; i < sizes.w1; ++i) {
        const CommandOptions options{QUuid::createUuid(), {}};
        if (i % 2 == 0) {
            plainNs += sequential(store, plain, i);
            idNs += sequential(store, identified, i, options);
        } else {
            idNs += sequential(store, identified, i, options);
            plainNs += sequential(store, plain, i);
        }
    }
    QJsonObject result = writes("w1commandIds", sizes.w1, idNs);
    result.insert(QStringLiteral("plain"), perSecond(sizes.w1, plainNs));
    result.insert(QStringLiteral("ratio"), double(idNs) / double(plainNs));
    return result;
}

QJsonObject w1transfers(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    const int n = sizes.transferWallets;
    QList<QUuid> wallets;
    for (int w = 0; w < n; ++w)
        wallets.append(idOf(QStringLiteral("wallet-%1").arg(w)));
    QList<Entity<Counter>> counters = loaded<Counter>(store, QStringLiteral("counter-%1"));
    // Transfer t: from wallet t to the one after it, then from t + 1 to t + 3, … so that every
    // wallet pays and is paid; a wallet's payer load sees the credits of the transfers before.
    const auto transfer = [&](int t, qint64 *handleNs) {
        const QUuid &from = wallets.at(t % n);
        const QUuid &to = wallets.at((t % n + 1 + (t / n) % (n - 1)) % n);
        Result<Entity<Wallet>> payer = store.load<Wallet>(from);
        if (!payer)
            fail(payer.error().message());
        QElapsedTimer timer;
        timer.start();
        const auto result = store.handle(payer.value(), Transfer{to, 1});
        if (!result.isApplied())
            fail(result.error().message());
        if (result.events().size() != 2)
            fail(QStringLiteral("a transfer appended %1 events").arg(result.events().size()));
        *handleNs += timer.nsecsElapsed();
    };
    qint64 warm = 0;
    transfer(0, &warm); // prepares the statements of both kinds before the clock
    handle(store, counters[0], Increase{1});
    qint64 transferNs = 0, handleNs = 0, w1Ns = 0;
    for (int i = 0; i < sizes.w1Transfers; ++i) {
        QElapsedTimer timer;
        if (i % 2 == 1)
            w1Ns += sequential(store, counters, i);
        timer.start();
        transfer(i + 1, &handleNs);
        transferNs += timer.nsecsElapsed();
        if (i % 2 == 0)
            w1Ns += sequential(store, counters, i);
    }
    // Every transfer moved 1: the balances sum to zero, and the wallets hold both events of each.
    qint64 sum = 0, events = 0;
    for (const QUuid &id : std::as_const(wallets)) {
        const Result<Entity<Wallet>> wallet = store.load<Wallet>(id);
        if (!wallet)
            fail(wallet.error().message());
        sum += wallet->state().balance;
        events += wallet->version();
    }
    if (sum != 0 || events != 2 * qint64(sizes.w1Transfers + 1))
        fail(QStringLiteral("transfers: balances sum to %1 over %2 events, expected 0 over %3")
                 .arg(sum)
                 .arg(events)
                 .arg(2 * qint64(sizes.w1Transfers + 1)));
    QJsonObject result = writes("w1transfers", 2 * qint64(sizes.w1Transfers), transferNs);
    result.insert(QStringLiteral("metric"), QStringLiteral("transfers/s"));
    result.insert(QStringLiteral("value"), perSecond(sizes.w1Transfers, transferNs));
    result.insert(QStringLiteral("eventsPerSecond"), perSecond(2 * qint64(sizes.w1Transfers), transferNs));
    result.insert(QStringLiteral("handlePerSecond"), perSecond(sizes.w1Transfers, handleNs));
    result.insert(QStringLiteral("w1"), perSecond(sizes.w1Transfers, w1Ns));
    result.insert(QStringLiteral("wallets"), n);
    return result;
}

QJsonObject w2(const QString &url, const Sizes &sizes)
{
    constexpr int writers = 4;
    std::barrier ready(writers + 1);
    std::atomic<bool> failed = false;
    QString why;
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            EventStore store;
            QList<Entity<Counter>> entities;
            try {
                open(store, url);
                for (int s = 0; s < 25; ++s)
                    entities.append(store.load<Counter>(idOf(QStringLiteral("counter-%1").arg(25 * w + s))).value());
            } catch (const Failure &f) {
                failed = true;
                why = f.message;
            }
            ready.arrive_and_wait();
            for (int i = 0; i < sizes.w2PerWriter && !failed; ++i) {
                const auto result = store.handle(entities[i % 25], Increase{i + 1});
                if (!result.isApplied()) {
                    failed = true;
                    why = result.error().message();
                }
            }
        });
    }
    ready.arrive_and_wait();
    QElapsedTimer timer;
    timer.start();
    for (auto &t : threads)
        t.join();
    const qint64 ns = timer.nsecsElapsed();
    if (failed)
        fail(why);
    return writes("w2", writers * sizes.w2PerWriter, ns);
}

QJsonObject w3(const QString &url, const Sizes &sizes, const char *workload)
{
    EventStore store;
    open(store, url);
    auto entity = store.load<Counter>(idOf(QStringLiteral("counter-batch"))).value();
    QElapsedTimer timer;
    timer.start();
    for (int b = 0; b < sizes.w3Batches; ++b)
        handle(store, entity, Increase{qint64(b) * 100 + 1, 100});
    return writes(workload, sizes.w3Batches * 100, timer.nsecsElapsed());
}

QJsonObject w4(const QString &url)
{
    EventStore store;
    open(store, url);
    const QUuid id = idOf(QStringLiteral("counter-batch"));
    QList<double> samples;
    QJsonArray json;
    qint64 version = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto entity = store.load<Counter>(id);
        samples.append(timer.nsecsElapsed() / 1e6);
        json.append(samples.last());
        if (!entity)
            fail(entity.error().message());
        version = entity->version();
    }
    return {{QStringLiteral("workload"), QStringLiteral("w4")}, {QStringLiteral("metric"), QStringLiteral("ms")},
            {QStringLiteral("value"), median(samples)}, {QStringLiteral("samples"), json},
            {QStringLiteral("events"), version}};
}

QJsonObject w5load(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QElapsedTimer timer;
    timer.start();
    for (int s = 0; s < sizes.w5Streams; ++s) {
        Entity<Counter> entity(idOf(QStringLiteral("counter-%1").arg(s))); // new: version 0, no load needed
        handle(store, entity, Increase{qint64(s) * 100 + 1, 100});
    }
    return writes("w5load", sizes.w5Streams * 100, timer.nsecsElapsed());
}

namespace {

/*! Runs \a projection, in pages of 1000, until it has caught up; the ns it took. */
qint64 catchUp(Projection &projection)
{
    projection.setBatchSize(1000);
    QEventLoop loop;
    QObject::connect(&projection, &Projection::caughtUp, &loop, &QEventLoop::quit);
    QObject::connect(&projection, &Projection::errorOccurred, &loop, [&](const Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    projection.start();
    loop.exec();
    const qint64 ns = timer.nsecsElapsed();
    projection.stop();
    return ns;
}

void expectCaughtUp(qint64 count, qint64 expected)
{
    if (count != expected)
        fail(QStringLiteral("caught up over %1 events, expected %2").arg(count).arg(expected));
}

/*! A catch-up with a typed handler of E that only counts and checks order; the ns it took. */
template<typename E>
qint64 typedCatchUp(const QString &url, qint64 expected, const QString &name, ProjectionState *after = nullptr)
{
    EventStore store;
    open(store, url);
    Projection projection(&store, name);
    qint64 count = 0;
    qint64 last = 0;
    qint64 upcast = 0;
    bool ordered = true;
    projection.setHandler<E>([&](const typename E::Event &event, const RecordedEvent &, QSqlDatabase &) {
        const auto &increased = std::get<0>(event);
        ordered = ordered && increased.inc == last + 1;
        last = increased.inc;
        if constexpr (requires { increased.unit; })
            upcast += increased.unit == u"count";
        ++count;
        return ListenerResult::ok();
    });
    const qint64 ns = catchUp(projection);
    if (after)
        *after = projection.state();
    expectCaughtUp(count, expected);
    if (!ordered)
        fail(QStringLiteral("%1: events out of order").arg(name));
    if constexpr (std::is_same_v<E, UpcastCounter>) {
        if (upcast != count)
            fail(QStringLiteral("%1: %2 of %3 events upcast").arg(name).arg(upcast).arg(count));
    }
    return ns;
}

} // namespace

QJsonObject w5(const QString &url, qint64 expected, const QString &name)
{
    ProjectionState after;
    const qint64 ns = typedCatchUp<Counter>(url, expected, name, &after); // fails unless every event came, in order
    QJsonObject result = writes("w5", expected, ns);
    result.insert(QStringLiteral("ordered"), true);
    if (after.readsFrom != ProjectionState::ReadsFrom::Primary) { // with a read replica: where it read, its lag then
        result.insert(QStringLiteral("readsFrom"), ProjectionState::readsFromText(after.readsFrom));
        result.insert(QStringLiteral("replayLagBytes"), after.replayLagBytes);
    }
    return result;
}

QJsonObject w5partitioned(const QString &url, qint64 expected, int partitions, bool view)
{
    EventStore store;
    open(store, url);
    const QString name = QStringLiteral("bench-catch-up-partitions-%1%2").arg(partitions).arg(view ? QStringLiteral("-view") : QString());
    Projection projection(&store, name);
    projection.setPartitions(partitions);
    // With a view: each event adds to its counter's row, as a real handler writes.
    const QString table = store.tableName(QStringLiteral("bench_counter_view"));
    if (view) {
        if (const Error error = store.ensureTable(QStringLiteral("bench_counter_view"),
                                                  QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"));
            error.isError())
            fail(error.message());
        projection.setResetHandler([table](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(u"DELETE FROM " + table);
            return ListenerResult::check(query);
        });
    }
    // The partitions' threads call the handler at once: each entity's events must come in order.
    std::atomic<qint64> count = 0;
    std::atomic<bool> ordered = true;
    QMutex mutex;
    QHash<QUuid, qint64> last;
    projection.setHandler<Counter>([&](const Counter::Event &event, const RecordedEvent &recorded, QSqlDatabase &db) {
        const qint64 inc = std::get<0>(event).inc;
        {
            QMutexLocker lock(&mutex);
            qint64 &previous = last[recorded.entityId];
            if (previous != 0 && inc != previous + 1)
                ordered = false;
            previous = inc;
        }
        ++count;
        if (!view)
            return ListenerResult::ok();
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO " + table + u" (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = "
                      + table + u".value + excluded.value");
        query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
        query.addBindValue(inc);
        query.exec();
        return ListenerResult::check(query);
    });
    if (const Error error = projection.reset(view); error.isError())
        fail(error.message());
    const qint64 ns = catchUp(projection);
    expectCaughtUp(count, expected);
    if (!ordered)
        fail(QStringLiteral("w5 with %1 partitions: an entity's events out of order").arg(partitions));
    QJsonObject result = writes("w5", expected, ns);
    result.insert(QStringLiteral("partitions"), partitions);
    result.insert(QStringLiteral("view"), view);
    return result;
}

void counterView(Projection &projection, const QString &view)
{
    projection.addView(view, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"), {QStringLiteral("id")});
    const QString table = projection.viewTable(view);
    auto statement = std::make_shared<std::optional<QSqlQuery>>();
    auto connection = std::make_shared<QString>();
    projection.setHandler<Counter>([table, statement, connection](const Counter::Event &event, const RecordedEvent &recorded,
                                                                  QSqlDatabase &db) {
        if (!*statement || *connection != db.connectionName()) {
            statement->emplace(db);
            (*statement)->prepare(u"INSERT INTO " + table + u" (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = "
                                  + table + u".value + excluded.value");
            *connection = db.connectionName();
        }
        QSqlQuery &query = **statement;
        query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
        query.addBindValue(std::get<0>(event).inc);
        query.exec();
        return ListenerResult::check(query);
    });
}

namespace {

void configureRebuildView(Projection &projection)
{
    counterView(projection, QStringLiteral("bench_rebuild_view"));
}

} // namespace

QJsonObject rebuild(const QString &url, qint64 events)
{
    EventStore store;
    open(store, url);
    // The events: 100-event commands over 1,000 counters, on a store of their own.
    QElapsedTimer timer;
    timer.start();
    const qint64 commands = events / 100;
    QList<Entity<Counter>> counters;
    for (int c = 0; c < 1000; ++c)
        counters.append(Entity<Counter>(idOf(QStringLiteral("rebuild-%1").arg(c))));
    for (qint64 i = 0; i < commands; ++i)
        handle(store, counters[i % counters.size()], Increase{i * 100 + 1, 100});
    const qint64 appendMs = timer.elapsed();
    if (const Error error = store.ensureTable(QStringLiteral("bench_rebuild_view"),
                                              QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"));
        error.isError())
        fail(error.message());

    // The live version, caught up and running.
    Projection live(&store, QStringLiteral("bench-rebuild"));
    configureRebuildView(live);
    live.setBatchSize(1000);
    timer.restart();
    catchUp(live);
    const qint64 liveMs = timer.elapsed();
    live.start();

    timer.restart();
    const Result<RebuildOutcome> outcome = Projection::rebuild(&store, QStringLiteral("bench-rebuild"), configureRebuildView);
    const qint64 rebuildMs = timer.elapsed();
    live.stop();
    if (!outcome)
        fail(outcome.error().message());
    if (!outcome->swapped || outcome->events != commands * 100)
        fail(QStringLiteral("rebuild: %1 events, swapped %2").arg(outcome->events).arg(outcome->swapped));
    return {{QStringLiteral("workload"), QStringLiteral("rebuild")}, {QStringLiteral("metric"), QStringLiteral("ms")},
            {QStringLiteral("value"), double(rebuildMs)}, {QStringLiteral("events"), outcome->events},
            {QStringLiteral("keys"), outcome->keys}, {QStringLiteral("appendMs"), double(appendMs)},
            {QStringLiteral("liveCatchUpMs"), double(liveMs)}};
}

QJsonObject w5json(const QString &url, qint64 expected, const QString &name)
{
    EventStore store;
    open(store, url);
    Projection projection(&store, name);
    qint64 count = 0;
    qint64 last = 0;
    bool ordered = true;
    projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
        const qint64 inc = event.event[QLatin1StringView("Increased")][QLatin1StringView("inc")].toInteger();
        ordered = ordered && inc == last + 1;
        last = inc;
        ++count;
        return ListenerResult::ok();
    });
    const qint64 ns = catchUp(projection);
    expectCaughtUp(count, expected);
    if (!ordered)
        fail(QStringLiteral("%1: events out of order").arg(name));
    return writes("w5json", count, ns);
}

QJsonObject w5upcast(const QString &url, qint64 expected)
{
    // Rounds in the order ABBA…, each on a new store and projection.
    constexpr int rounds = 6;
    qint64 plainNs = 0, upcastNs = 0;
    QList<double> ratios;
    for (int r = 0; r < rounds; ++r) {
        const QString plainName = QStringLiteral("bench-typed-%1").arg(r);
        const QString upcastName = QStringLiteral("bench-upcast-%1").arg(r);
        qint64 p = 0, u = 0;
        if (r % 2 == 0) {
            p = typedCatchUp<Counter>(url, expected, plainName);
            u = typedCatchUp<UpcastCounter>(url, expected, upcastName);
        } else {
            u = typedCatchUp<UpcastCounter>(url, expected, upcastName);
            p = typedCatchUp<Counter>(url, expected, plainName);
        }
        plainNs += p;
        upcastNs += u;
        ratios.append(double(u) / double(p));
    }
    QJsonObject result = writes("w5upcast", rounds * expected, upcastNs);
    result.insert(QStringLiteral("plain"), perSecond(rounds * expected, plainNs));
    result.insert(QStringLiteral("ratio"), median(ratios));
    return result;
}

QJsonObject w6(const QString &url, const Sizes &sizes)
{
    const QUuid id = idOf(QStringLiteral("counter-race"));
    std::barrier sync(3);
    std::atomic<int> winners = 0;
    std::atomic<int> losers = 0;
    std::atomic<int> others = 0;
    std::atomic<bool> exactlyOne = true;
    std::vector<std::thread> threads;
    for (int w = 0; w < 2; ++w) {
        threads.emplace_back([&] {
            EventStore store;
            const Error error = store.open(url);
            const bool opened = !error.isError();
            if (!opened)
                std::fprintf(stderr, "evented-bench: %s\n", qPrintable(error.message()));
            sync.arrive_and_wait();
            for (int r = 0; r < sizes.w6Races; ++r) {
                Entity<Counter> entity(id, Counter{r}, r);
                sync.arrive_and_wait();
                if (!opened) {
                    ++others;
                } else if (const auto result = store.handle(entity, Increase{r + 1}); result.isApplied()) {
                    ++winners;
                } else if (result.isConflict()) {
                    ++losers;
                } else {
                    ++others;
                }
                sync.arrive_and_wait();
            }
        });
    }
    int before = 0;
    sync.arrive_and_wait();
    QElapsedTimer timer;
    timer.start();
    for (int r = 0; r < sizes.w6Races; ++r) {
        sync.arrive_and_wait(); // go
        sync.arrive_and_wait(); // both done
        const int now = winners.load();
        if (now != before + 1)
            exactlyOne = false;
        before = now;
    }
    const qint64 ns = timer.nsecsElapsed();
    for (auto &t : threads)
        t.join();
    EventStore store;
    open(store, url);
    const qint64 length = store.load<Counter>(id)->version();
    if (others > 0)
        fail(QStringLiteral("%1 appends failed with something other than a version conflict").arg(others.load()));
    return {{QStringLiteral("workload"), QStringLiteral("w6")}, {QStringLiteral("metric"), QStringLiteral("races/s")},
            {QStringLiteral("value"), perSecond(sizes.w6Races, ns)}, {QStringLiteral("races"), sizes.w6Races},
            {QStringLiteral("winners"), winners.load()}, {QStringLiteral("losers"), losers.load()},
            {QStringLiteral("exactlyOneWinner"), exactlyOne.load() && losers == sizes.w6Races},
            {QStringLiteral("streamLength"), length}};
}

// ------------------------------------------------------------------ W7: commit to handler


qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/*! Child process of the cross-process latency: runs a projection, prints "seq ns" per event. */
int latencyChild(const QString &url)
{
    EventStore store;
    open(store, url);
    Projection projection(&store, QStringLiteral("bench-latency-child"));
    // SQLite has no notifications: another process sees commits by polling.
    if (QUrl(url).scheme() == u"sqlite")
        projection.setPollInterval(sqlitePollMs);
    projection.setHandler([](const RecordedEvent &event, QSqlDatabase &) {
        std::printf("%lld %lld\n", static_cast<long long>(event.seqNo), static_cast<long long>(monotonicNs()));
        std::fflush(stdout);
        return ListenerResult::ok();
    });
    QObject::connect(&projection, &Projection::caughtUp, &projection, [] {
        std::printf("live\n");
        std::fflush(stdout);
    });
    projection.start();
    return QCoreApplication::exec();
}

/*! p50 and p99 in ms from commit (handle() returned) to the handler, in this process and in another. */
QJsonObject w7(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QHash<qint64, qint64> handledAt; // seq_no -> ns, filled in the projection's thread
    QMutex mutex;
    Projection projection(&store, QStringLiteral("bench-latency"));
    projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
        const qint64 now = monotonicNs();
        QMutexLocker lock(&mutex);
        handledAt.insert(event.seqNo, now);
        return ListenerResult::ok();
    });
    projection.setBatchSize(100);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--latency-child"), url});
    QByteArray childOut;
    QElapsedTimer wait;
    wait.start();
    while (!childOut.contains("live") && wait.elapsed() < 30'000 && child.state() != QProcess::NotRunning) {
        child.waitForReadyRead(100);
        childOut += child.readAllStandardOutput();
    }
    if (!childOut.contains("live"))
        fail(QStringLiteral("the latency child did not start"));
    projection.start();
    QThread::msleep(200);

    QHash<qint64, qint64> committedAt;
    auto entity = store.load<Counter>(idOf(QStringLiteral("counter-latency"))).value();
    for (int i = 0; i < sizes.w7Commands; ++i) {
        const auto result = store.handle(entity, Increase{i + 1});
        const qint64 now = monotonicNs();
        if (!result.isApplied())
            fail(result.error().message());
        committedAt.insert(result.events().first().seqNo, now);
        // Spaced commands: latency, not throughput. The event loop delivers the commit signal.
        QElapsedTimer gap;
        gap.start();
        while (gap.elapsed() < 3)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    QElapsedTimer drain;
    drain.start();
    while (drain.elapsed() < 10'000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        child.waitForReadyRead(10);
        childOut += child.readAllStandardOutput();
        const qsizetype childEvents = childOut.count('\n') - childOut.count("live\n");
        QMutexLocker lock(&mutex);
        if (handledAt.size() >= committedAt.size() && childEvents >= committedAt.size())
            break;
    }
    projection.stop();
    child.kill();
    child.waitForFinished();
    QHash<qint64, qint64> childAt;
    for (const QByteArray &line : childOut.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2)
            childAt.insert(parts[0].toLongLong(), parts[1].toLongLong());
    }
    QList<double> inProcess, crossProcess;
    for (auto it = committedAt.cbegin(); it != committedAt.cend(); ++it) {
        if (handledAt.contains(it.key()))
            inProcess.append(std::max<qint64>(0, handledAt.value(it.key()) - it.value()) / 1e6);
        if (childAt.contains(it.key()))
            crossProcess.append(std::max<qint64>(0, childAt.value(it.key()) - it.value()) / 1e6);
    }
    if (inProcess.size() != committedAt.size() || crossProcess.size() != committedAt.size())
        fail(QStringLiteral("latency: %1 in-process and %2 cross-process of %3 events handled")
                 .arg(inProcess.size())
                 .arg(crossProcess.size())
                 .arg(committedAt.size()));
    return {{QStringLiteral("workload"), QStringLiteral("w7")},
            {QStringLiteral("inProcessP50"), percentile(inProcess, 0.5)},
            {QStringLiteral("inProcessP99"), percentile(inProcess, 0.99)},
            {QStringLiteral("crossProcessP50"), percentile(crossProcess, 0.5)},
            {QStringLiteral("crossProcessP99"), percentile(crossProcess, 0.99)},
            {QStringLiteral("commands"), sizes.w7Commands}};
}

// ------------------------------------------------------------------ W8: catch-up memory

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/*! Child process: catches up over the store and prints its peak RSS in kB. */
int rssChild(const QString &url, qint64 expected)
{
    const QJsonObject result = w5(url, expected, QStringLiteral("bench-rss-%1").arg(expected));
    std::printf("%lld %f\n", static_cast<long long>(peakRssKb()), result.value(QLatin1StringView("value")).toDouble());
    return 0;
}

// ------------------------------------------------------------------ W9: load from a snapshot

namespace {

/*! Appends versions 1 … \a count of the SnapCounter \a id in one statement of bulk SQL, the
    rows as the library writes them (Increased version 1, inc = version). */
void bulkIncreased(EventStore &store, const QUuid &id, qint64 count)
{
    const QString table = store.tableName(QStringLiteral("event"));
    QSqlDatabase db = store.database();
    const QString columns = QStringLiteral(" (entity_id, version, type_name, event, metadata) ");
    QSqlQuery query(db);
    const bool prepared = db.driverName() == u"QPSQL"
        ? query.prepare(u"INSERT INTO " + table + columns
                        + u"SELECT ?::uuid, v, ?, jsonb_build_object('Increased', jsonb_build_object('inc', v, 'note', ?::text)), "
                          u"jsonb_build_object('ts', ?::text) FROM generate_series(1, "
                        + QString::number(count) + u") v")
        : query.prepare(u"WITH RECURSIVE v(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM v WHERE n < " + QString::number(count)
                        + u") INSERT INTO " + table + columns
                        + u"SELECT ?, n, ?, json_object('Increased', json_object('inc', n, 'note', ?)), json_object('ts', ?) FROM v");
    if (!prepared)
        fail(query.lastError().text());
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(typeNameOf<SnapCounter>());
    query.addBindValue(note);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec())
        fail(query.lastError().text());
}

double msSince(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

} // namespace

QJsonObject w9(const QString &url, qint64 events)
{
    EventStore store;
    open(store, url);
    const QUuid id = idOf(QStringLiteral("snap-counter-%1").arg(events));
    const qint64 at = events - w9Tail; // the snapshot's version
    QElapsedTimer timer;
    timer.start();
    bulkIncreased(store, id, at);
    const double preloadMs = msSince(timer);
    // The state to snapshot, as a load without a snapshot folds it.
    timer.restart();
    Result<Entity<SnapCounter>> loaded = store.load<SnapCounter>(id);
    const double foldMs = msSince(timer);
    if (!loaded)
        fail(loaded.error().message());
    Entity<SnapCounter> entity = std::move(loaded).value();
    if (entity.version() != at || entity.state().last != at)
        fail(QStringLiteral("W9: preloaded %1 events, loaded %2").arg(at).arg(entity.version()));
    if (const Error error = store.takeSnapshot(entity); error.isError())
        fail(error.message());
    handle(store, entity, Increase{at + 1, int(w9Tail)});

    QList<double> samples;
    QJsonArray json;
    for (int i = 0; i <= w9Samples; ++i) { // the first one warms up
        timer.restart();
        const auto fromSnapshot = store.load<SnapCounter>(id);
        const double ms = msSince(timer);
        if (!fromSnapshot)
            fail(fromSnapshot.error().message());
        if (fromSnapshot->snapshotVersion() != at || fromSnapshot->version() != events || fromSnapshot->state().last != events)
            fail(QStringLiteral("W9: loaded version %1 from a snapshot at %2, expected %3 from %4")
                     .arg(fromSnapshot->version())
                     .arg(fromSnapshot->snapshotVersion())
                     .arg(events)
                     .arg(at));
        if (i > 0) {
            samples.append(ms);
            json.append(ms);
        }
    }
    return {{QStringLiteral("workload"), QStringLiteral("w9")}, {QStringLiteral("metric"), QStringLiteral("ms")},
            {QStringLiteral("value"), median(samples)}, {QStringLiteral("samples"), json},
            {QStringLiteral("events"), events}, {QStringLiteral("snapshotVersion"), at},
            {QStringLiteral("preloadMs"), preloadMs}, {QStringLiteral("foldMs"), foldMs},
            {QStringLiteral("state"), QString::fromUtf8(QJsonDocument(toJson(entity.state()).toObject()).toJson(QJsonDocument::Compact))}};
}

QJsonObject runWorkload(const QString &workload, const QString &url, const Sizes &sizes)
{
    if (workload == u"w1")
        return w1(url, sizes);
    if (workload == u"w2")
        return w2(url, sizes);
    if (workload == u"w3")
        return w3(url, sizes);
    if (workload == u"w3p")
        return w3(url, sizes, "w3p");
    if (workload == u"w4")
        return w4(url);
    if (workload == u"w5load")
        return w5load(url, sizes);
    if (workload == u"w5")
        return w5(url, qint64(sizes.w5Streams) * 100);
    if (workload.startsWith(u"w5p")) { // w5p2: W5 with 2 partitions; w5p2v: whose handler writes a view
        const bool view = workload.endsWith(u'v');
        bool ok = false;
        const int partitions = workload.mid(3, workload.size() - 3 - (view ? 1 : 0)).toInt(&ok);
        if (ok && partitions > 0)
            return w5partitioned(url, qint64(sizes.w5Streams) * 100, partitions, view);
    }
    if (workload.startsWith(u"rebuild")) { // rebuild100000: append that many events, catch up, rebuild
        bool ok = false;
        const qint64 events = workload.mid(7).toLongLong(&ok);
        if (ok && events >= 100)
            return rebuild(url, events);
    }
    if (workload.startsWith(u"model")) { // model100000: a model over a view of that many rows
        bool ok = false;
        const int rows = workload.mid(5).toInt(&ok);
        if (ok && rows >= 10)
            return modelWorkload(url, rows);
    }
    if (workload == u"w5json")
        return w5json(url, qint64(sizes.w5Streams) * 100);
    if (workload == u"w6")
        return w6(url, sizes);
    if (workload == u"w1ids")
        return w1commandIds(url, sizes);
    if (workload == u"w1transfers")
        return w1transfers(url, sizes);
    fail(QStringLiteral("unknown workload %1").arg(workload));
}


} // namespace Bench
