// What the store tells and where, on both backends: signals and subscriptions only after a
// commit, coalesced NOTIFY wake-ups for other processes, asynchronous calls on the store's
// worker that never block the caller, and blocking calls refused from other threads.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventstore.h>
#include <evented/eventsubscription.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>

#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using Evented::Error;
using Evented::EventStore;

class tst_StoreThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void signalsOnlyAfterCommit()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSignalSpy all(&store, &EventStore::eventsCommitted);
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        auto subscriptionA = std::unique_ptr<Evented::EventSubscription>(Evented::EventSubscription::create<Counter>(&store, a));
        auto subscriptionCounters = std::unique_ptr<Evented::EventSubscription>(Evented::EventSubscription::create<Counter>(&store));
        Evented::EventSubscription journals(&store, QStringLiteral("journal"));
        QSignalSpy onlyA(subscriptionA.get(), &Evented::EventSubscription::eventsCommitted);
        QSignalSpy counters(subscriptionCounters.get(), &Evented::EventSubscription::eventsCommitted);
        QSignalSpy journalEvents(&journals, &Evented::EventSubscription::eventsCommitted);

        auto counterA = store.load<Counter>(a);
        auto counterB = store.load<Counter>(b);
        auto staleB = counterB.value();
        EVENTED_VERIFY_OK(store.handle(counterA.value(), Increase{1}));
        EVENTED_VERIFY_OK(store.handle(counterB.value(), Increase{2}));
        QVERIFY(store.handle(counterA.value(), Decrease{5}).isRejected());
        QVERIFY(store.handle(staleB, Increase{2}).isConflict());
        QCOMPARE(all.size(), 2);
        QCOMPARE(onlyA.size(), 1);
        QCOMPARE(onlyA.first().first().value<QList<Evented::RecordedEvent>>().first().entityId, a);
        QCOMPARE(counters.size(), 2);
        QCOMPARE(journalEvents.size(), 0);
    }

    void notificationAfterCommit()
    {
        POSTGRESQL_ONLY("SQLite has no notifications; other processes poll");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(QStringLiteral("notify_interval_ms=50"))));
        QSqlDatabase listener = schema.connection(QStringLiteral("listen"));
        QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("evented")));
        // Only the wake-ups for this schema count: every store on the server shares the channel,
        // and other suites may be committing at the same time.
        QList<QVariantList> notified;
        QElapsedTimer burst;
        qint64 lastNotified = -1;
        connect(listener.driver(), &QSqlDriver::notification, this,
                [&](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                    if (payload.toString() != schema.name())
                        return;
                    notified.append({name, payload});
                    if (burst.isValid())
                        lastNotified = burst.elapsed();
                });

        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Decrease{1}).isRejected());
        QTest::qWait(200); // proves that nothing comes within 200 ms: a rejection commits nothing
        QCOMPARE(notified.size(), 0);

        // A burst of commits is announced at once, then coalesced: at most one wake-up per
        // 50 ms interval the burst spans, and one after the burst's last commit.
        burst.start();
        for (int i = 0; i < 10; ++i)
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
        const qint64 lastCommit = burst.elapsed();
        const qint64 intervals = lastCommit / 50 + 1;
        QTRY_VERIFY(lastNotified >= lastCommit); // the last commits are announced too
        QTest::qWait(150); // proves that nothing more comes within 150 ms once the trailing wake-up was sent
        QVERIFY2(notified.size() <= intervals + 1,
                 qPrintable(QStringLiteral("%1 wake-ups for %2 intervals").arg(notified.size()).arg(intervals)));
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("evented"));
        QCOMPARE(notified.first().at(1).toString(), schema.name());
        listener.driver()->unsubscribeFromNotification(QStringLiteral("evented"));
        closeConnection(listener);
    }

    void asyncCallsDoNotBlock()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        const QUuid id = QUuid::createUuid();

        // Hold the write lock from another session: the async call waits on it, this thread does not.
        QSqlDatabase blocker = schema.connection(QStringLiteral("blocker"));
        if (schema.isSqlite()) {
            EXEC(blocker, QStringLiteral("BEGIN IMMEDIATE"));
        } else {
            QVERIFY(blocker.transaction());
            EXEC(blocker, u"LOCK TABLE " + schema.table(QStringLiteral("event")) + u" IN EXCLUSIVE MODE");
        }
        auto future = store.handleAsync<Counter>(id, Increase{3});
        if (schema.isSqlite()) {
            QTest::qWait(300); // proves that it does not finish within 300 ms (SQLite shows no lock waits)
        } else {
            // The worker's append is queued on the lock, and this thread goes on.
            QTRY_VERIFY(scalar(schema.db(), u"SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '"
                                                + schema.table(QStringLiteral("event")) + u"'::regclass")
                            .toInt()
                        > 0);
        }
        QVERIFY(!future.isFinished());
        QVERIFY(blocker.commit());

        QTRY_VERIFY(future.isFinished());
        const auto handled = future.result();
        EVENTED_VERIFY_OK(handled.result);
        QCOMPARE(handled.entity.state().value, 3u);
        QCOMPARE(handled.entity.version(), 1);
        // The signal arrives in the store's thread.
        QTRY_COMPARE(committed.size(), 1);

        auto loaded = store.loadAsync<Counter>(id);
        QTRY_VERIFY(loaded.isFinished());
        QCOMPARE(loaded.result()->state().value, 3u);
        auto rejected = store.handleAsync<Counter>(id, Decrease{10});
        rejected.waitForFinished();
        QVERIFY(rejected.result().result.isRejected());
        closeConnection(blocker);
    }

    void blockingCallFromAnotherThread()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Error::Kind kind = Error::Kind::None;
        std::thread other([&] { kind = store.load<Counter>(QUuid::createUuid()).error().kind(); });
        other.join();
        QCOMPARE(kind, Error::Kind::WrongThread);
    }
};

QTEST_GUILESS_MAIN(tst_StoreThreads)
#include "tst_store_threads.moc"
