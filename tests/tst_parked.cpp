// Parking poison events: a projection with ErrorStrategy::Park passes over the events its handler
// fails on, records them, goes on under concurrent writers, and applies them once re-run.

#include "seentable.h"
#include "testcounter.h"
#include "testsupport.h"
#include "writers.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;
using Status = ProjectionState::Status;

namespace {

constexpr int timeoutMs = 30'000;

/*! A handler that records into \a seen, but fails on every seventh version of an entity until
    \a fixed is set: a poison event, as a handler bug would make one. */
Projection::Handler failingOnSevenths(const QString &seen, const std::atomic<bool> &fixed)
{
    return [record = recordInto(seen), &fixed](const RecordedEvent &event, QSqlDatabase &db) {
        if (event.version % 7 == 0 && !fixed)
            return ListenerResult::failure(QStringLiteral("cannot handle version %1").arg(event.version));
        return record(event, db);
    };
}

qint64 parkedCount(EventStore &store, const QString &name)
{
    const Result<QList<ParkedEvent>> parked = Projection::parked(&store, name);
    return parked ? parked->size() : -1;
}

} // namespace

class tst_Parked : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void poisonEventsAreParkedWhileWritersGoOn()
    {
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        std::atomic<bool> fixed = false;
        Projection projection(&store, QStringLiteral("parking"));
        projection.setHandler(failingOnSevenths(seen, fixed));
        projection.setErrorStrategy(Projection::ErrorStrategy::Park, 0);
        projection.setBatchSize(5);
        projection.setPollInterval(50);
        QSignalSpy parkedSignals(&projection, &Projection::eventParked);
        projection.start();

        constexpr int writers = 3;
        constexpr int commands = 40;
        const int committed = appendConcurrently(schema.url(), writers, 1, commands);
        QCOMPARE(committed, writers * commands);
        const int poison = writers * (commands / 7);

        // Every event either applied or parked, none both, and the projection never stopped.
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen) + parkedCount(store, QStringLiteral("parking")), qint64(committed),
                                  timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        QCOMPARE(parkedCount(store, QStringLiteral("parking")), poison);
        QCOMPARE(count(schema, seen), committed - poison);
        QTRY_COMPARE(parkedSignals.size(), poison);
        const Result<QList<ParkedEvent>> parked = Projection::parked(&store, QStringLiteral("parking"));
        EVENTED_VERIFY_OK(parked);
        qint64 previous = 0;
        for (const ParkedEvent &event : parked.value()) {
            QCOMPARE(event.projection, QStringLiteral("parking"));
            QCOMPARE(event.typeName, QStringLiteral("counter"));
            QVERIFY2(event.error.contains(QStringLiteral("cannot handle version")), qPrintable(event.error));
            QCOMPARE(event.reruns, 0);
            QVERIFY(event.parkedAt.isValid());
            QVERIFY(event.event.isObject()); // the event as stored
            QVERIFY(event.seqNo > previous || !schema.isSqlite()); // commit order: seq_no on SQLite
            previous = event.seqNo;
            QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + seen + u" WHERE seq_no = " + QString::number(event.seqNo))
                         .toInt(),
                     0);
        }
        // A parked event was passed, not skipped: the digest accounts for every event.
        const Result<ProjectionDigestCheck> check = Projection::verify(&store, QStringLiteral("parking"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(check->matches);
        QCOMPARE(check->storedEvents, qint64(committed));

        // The handler is fixed: a re-run applies each parked event once and empties the table.
        fixed = true;
        projection.stop();
        const Result<ParkedRerun> rerun = projection.rerunParked();
        EVENTED_VERIFY_OK(rerun);
        QCOMPARE(rerun->applied, poison);
        QCOMPARE(rerun->failed, 0);
        QCOMPARE(parkedCount(store, QStringLiteral("parking")), 0);
        QVERIFY(exact(schema, seen));
    }

    void aRerunThatFailsAgainKeepsTheEventParked()
    {
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto counter = store.load<Counter>(id);
        for (int i = 0; i < 9; ++i)
            QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
        // An event of a name the typed handler does not know: it cannot be decoded at all.
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + QStringLiteral(" (entity_id, version, type_name, event, metadata) VALUES ('%1', 10, "
                                               "'counter', '{\"Exploded\": {\"inc\": 1}}', 'null')")
                                    .arg(id.toString(QUuid::WithoutBraces)));
        Projection projection(&store, QStringLiteral("typed"));
        const auto record = recordInto(seen);
        projection.setHandler<Counter>([record](const Counter::Event &, const RecordedEvent &recorded, QSqlDatabase &db) {
            return record(recorded, db);
        });
        projection.setErrorStrategy(Projection::ErrorStrategy::Park, 1); // retried once first
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(parkedCount(store, QStringLiteral("typed")), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        QCOMPARE(count(schema, seen), 9);
        // Events after it go on to the view (of another counter: this one cannot be loaded now).
        auto other = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(other.value(), Increase{1}).isApplied());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 10, timeoutMs);
        projection.stop();

        const ParkedEvent before = Projection::parked(&store).value().value(0);
        QVERIFY2(before.error.contains(QStringLiteral("Exploded")), qPrintable(before.error));
        QCOMPARE(before.entityId, id);
        QCOMPARE(before.event.toObject().keys(), QStringList{QStringLiteral("Exploded")});
        const Result<ParkedRerun> again = projection.rerunParked(before.seqNo);
        EVENTED_VERIFY_OK(again);
        QCOMPARE(again->applied, 0);
        QCOMPARE(again->failed, 1);
        const ParkedEvent after = Projection::parked(&store, QStringLiteral("typed")).value().value(0);
        QCOMPARE(after.seqNo, before.seqNo);
        QCOMPARE(after.reruns, 1);
        QCOMPARE(count(schema, seen), 10);

        // An event that is not parked is named, and nothing changes.
        const Result<ParkedRerun> unknown = projection.rerunParked(before.seqNo + 1000);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind(), Error::Kind::InvalidArgument);
        QCOMPARE(parkedCount(store, QStringLiteral("typed")), 1);
    }

    void concurrentRerunsApplyEachEventOnce()
    {
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(appendIncreases(store, 70));
        std::atomic<bool> fixed = false;
        {
            Projection projection(&store, QStringLiteral("twice"));
            projection.setHandler(failingOnSevenths(seen, fixed));
            projection.setErrorStrategy(Projection::ErrorStrategy::Park, 0);
            projection.start();
            QTRY_COMPARE_WITH_TIMEOUT(parkedCount(store, QStringLiteral("twice")), 10, timeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        }
        fixed = true;
        // Two processes' worth of re-runs at once, each on a store of its own: a second apply of
        // an event would fail on the seen table's key and count as failed.
        std::atomic<int> applied = 0;
        std::atomic<int> failed = 0;
        std::atomic<int> errors = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t) {
            threads.emplace_back([&] {
                EventStore other;
                if (!succeeded(other.open(schema.url()))) {
                    ++errors;
                    return;
                }
                Projection projection(&other, QStringLiteral("twice"));
                projection.setHandler(failingOnSevenths(seen, fixed));
                const Result<ParkedRerun> rerun = projection.rerunParked();
                if (!rerun) {
                    qWarning() << rerun.error();
                    ++errors;
                    return;
                }
                applied += rerun->applied;
                failed += rerun->failed;
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(failed.load(), 0);
        QCOMPARE(applied.load(), 10);
        QCOMPARE(parkedCount(store, QStringLiteral("twice")), 0);
        QVERIFY(exact(schema, seen));
    }

    void aFailureThatPassesIsNotParked()
    {
        // Park retries first: a handler that fails once and then works parks nothing.
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(appendIncreases(store, 20));
        std::atomic<bool> failedOnce = false;
        Projection projection(&store, QStringLiteral("flaky"));
        const auto record = recordInto(seen);
        projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &db) {
            if (event.version == 12 && !failedOnce.exchange(true))
                return ListenerResult::failure(QStringLiteral("once"));
            return record(event, db);
        });
        projection.setErrorStrategy(Projection::ErrorStrategy::Park, 2);
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 20, timeoutMs);
        QVERIFY(failedOnce);
        QCOMPARE(parkedCount(store, QStringLiteral("flaky")), 0);
        QVERIFY(exact(schema, seen));
    }
};

QTEST_GUILESS_MAIN(tst_Parked)
#include "tst_parked.moc"
