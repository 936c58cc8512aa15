// Optimistic locking on both backends: races between connections and between processes have
// one winner and typed conflicts, versions the store did not store itself are checked, and
// handleWithRetry decides again on the reloaded state.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventstore.h>

#include <QProcess>
#include <QTest>

#include <atomic>
#include <barrier>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using Evented::EventStore;

class tst_StoreLocking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void raceHasOneWinner()
    {
        // 8 real connections append to the same entity at the same version, 200 rounds.
        Schema schema;
        {
            EventStore migrate;
            EVENTED_VERIFY_OK(migrate.open(schema.url()));
        }
        constexpr int writers = 8;
        constexpr int rounds = 200;
        const QUuid id = QUuid::createUuid();
        std::barrier sync(writers);
        std::atomic<int> winners[rounds] = {};
        std::atomic<int> conflicts[rounds] = {};
        std::atomic<int> others = 0;
        std::atomic<bool> badConflict = false;
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&] {
                EventStore store;
                if (!succeeded(store.open(schema.url()))) {
                    ++others;
                    for (int r = 0; r < rounds * 2; ++r)
                        sync.arrive_and_wait();
                    return;
                }
                for (int r = 0; r < rounds; ++r) {
                    Evented::Entity<Counter> counter(id, Counter{quint64(r)}, r); // everyone at version r
                    sync.arrive_and_wait();
                    const auto result = store.handle(counter, Increase{1});
                    if (result.isApplied())
                        ++winners[r];
                    else if (result.isConflict()) {
                        ++conflicts[r];
                        if (result.error().expectedVersion() != r || result.error().actualVersion() != r + 1)
                            badConflict = true;
                    } else
                        ++others;
                    sync.arrive_and_wait(); // the round is over for everyone
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(others.load(), 0);
        QVERIFY(!badConflict);
        for (int r = 0; r < rounds; ++r) {
            QCOMPARE(winners[r].load(), 1);
            QCOMPARE(conflicts[r].load(), writers - 1);
        }
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->version(), rounds);
        QCOMPARE(counter->state().value, quint64(rounds));
        QCOMPARE(scalar(schema.db(), u"SELECT count(DISTINCT version) = max(version) AND min(version) = 1 FROM "
                                         + schema.table(QStringLiteral("event"))).toBool(), true);
    }

    void twoProcessesAppendToOneEntity()
    {
        // Two processes increment the same counter 150 times each, every time from a fresh load.
        Schema schema;
        {
            EventStore migrate;
            EVENTED_VERIFY_OK(migrate.open(schema.url()));
        }
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        constexpr int each = 150;
        QProcess one, two;
        for (QProcess *p : {&one, &two}) {
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(QCoreApplication::applicationDirPath() + QStringLiteral("/append_runner"),
                     {schema.url(), id, QString::number(each)});
        }
        int conflicts = 0;
        for (QProcess *p : {&one, &two}) {
            QVERIFY(p->waitForFinished(120'000));
            QCOMPARE(p->exitCode(), 0); // nothing but typed conflicts went wrong
            const QList<QByteArray> words = p->readAllStandardOutput().trimmed().split(' ');
            QCOMPARE(words.value(1).toInt(), each);
            conflicts += words.value(3).toInt();
        }
        qInfo() << "typed conflicts between the two processes:" << conflicts;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const auto counter = store.load<Counter>(QUuid::fromString(id));
        QCOMPARE(counter->version(), 2 * each); // nothing lost
        QCOMPARE(counter->state().value, quint64(2 * each));
    }

    void versionsNeverStoredLeaveNoGap()
    {
        // The store skips its own version lookup only for a version it read or wrote itself:
        // any other expected version is checked, so that no gap can open in the versions.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto loaded = store.load<Counter>(id);
        EVENTED_VERIFY_OK(store.handle(loaded.value(), Increase{1}));
        EVENTED_VERIFY_OK(store.handle(loaded.value(), Increase{1}));

        const auto expectConflict = [&](Evented::Entity<Counter> entity, qint64 expected, qint64 actual) {
            const auto result = store.handle(entity, Increase{1});
            if (!result.isConflict())
                return false;
            return result.error().expectedVersion() == expected && result.error().actualVersion() == actual;
        };
        // A version made up by the caller.
        QVERIFY(expectConflict(Evented::Entity<Counter>(id, Counter{2}, 5), 5, 2));
        // A version counted by applying an event that was never stored.
        auto ahead = loaded.value();
        ahead.apply(Increased{id, 1});
        QVERIFY(expectConflict(ahead, 3, 2));
        // A version read by another opening of a store, here of another database.
        Schema other;
        EventStore elsewhere;
        EVENTED_VERIFY_OK(elsewhere.open(other.url()));
        const auto there = elsewhere.handle(loaded.value(), Increase{1});
        QVERIFY(there.isConflict());
        QCOMPARE(there.error().actualVersion(), 0);
        QCOMPARE(eventCount(other), 0);
        // The same store object reopened is another opening.
        EVENTED_VERIFY_OK(store.open(other.url()));
        QVERIFY(expectConflict(loaded.value(), 2, 0));

        QCOMPARE(eventCount(schema), 2);
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) FROM " + schema.table(QStringLiteral("event"))).toLongLong(), 2);
        // And the version the store wrote itself appends on the fast path, after a reopen too.
        EVENTED_VERIFY_OK(store.open(schema.url()));
        auto again = store.load<Counter>(id);
        EVENTED_VERIFY_OK(store.handle(again.value(), Increase{1}));
        QCOMPARE(again->version(), 3);
    }

    void retryReloadsOnConflict()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto mine = store.load<Counter>(id);
        auto theirs = store.load<Counter>(id);
        EVENTED_VERIFY_OK(store.handle(theirs.value(), Increase{10}));
        // Stale: the conflict reloads the entity and the command is decided again.
        const auto result = store.handleWithRetry(mine.value(), Increase{4}, 3);
        EVENTED_VERIFY_OK(result);
        QCOMPARE(mine->state().value, 14u);
        QCOMPARE(mine->version(), 2);
        // A retry can turn into the domain's rejection once the real state is known.
        auto stale = Evented::Entity<Counter>(id, Counter{100}, 0);
        const auto rejected = store.handleWithRetry(stale, Decrease{50}, 2);
        QVERIFY(rejected.isRejected());
        QCOMPARE(rejected.rejection().value, 14u);
        QCOMPARE(stale.version(), 2);
        // Without retries the conflict is returned as it is.
        auto stale2 = Evented::Entity<Counter>(id, Counter{}, 1);
        QVERIFY(store.handle(stale2, Increase{1}).isConflict());
    }
};

QTEST_GUILESS_MAIN(tst_StoreLocking)
#include "tst_store_locking.moc"
