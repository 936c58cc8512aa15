// Projections against a real PostgreSQL server: exactly-once positions, out-of-order commits,
// the single active instance across processes, failures, reset and wake-ups.

#include "testcounter.h"
#include "seentable.h"
#include "testsupport.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include "dialect_p.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;
using Status = ProjectionState::Status;

namespace {

constexpr int timeoutMs = 20'000;

/*! Appends \a n Increase commands to a new counter; returns its id. */
QUuid appendCounter(EventStore &store, int n, quint64 firstInc = 1)
{
    const QUuid id = QUuid::createUuid();
    auto counter = store.load<Counter>(id);
    for (int i = 0; i < n; ++i) {
        if (!succeeded(store.handle(counter.value(), Increase{firstInc + quint64(i)})))
            return {};
    }
    return id;
}

QString rawEvent(Schema &schema, const QUuid &id, qint64 version, const QString &json)
{
    return u"INSERT INTO " + schema.table(QStringLiteral("event"))
        + QStringLiteral(" (entity_id, version, type_name, event, metadata) VALUES ('%1', %2, 'counter', '%3', 'null')")
              .arg(id.toString(QUuid::WithoutBraces))
              .arg(version)
              .arg(json);
}

ProjectionState stored(EventStore &store, const QString &name)
{
    const auto states = ProjectionState::read(&store);
    if (states) {
        for (const ProjectionState &state : states.value()) {
            if (state.name == name)
                return state;
        }
    }
    return {};
}

} // namespace

class tst_Projection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void eventedScenario()
    {
        // evented's own test: 100 events with payload n, the position preset to 10 as evented
        // stores it (a seq_no without transaction id).
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(!appendCounter(store, 100).isNull());
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" (name, seq_no) VALUES ('sum', 10)");
        const QString total = schema.table(QStringLiteral("total"));
        EXEC(schema.db(), u"CREATE TABLE " + total + u" (sum bigint NOT NULL)");
        EXEC(schema.db(), u"INSERT INTO " + total + u" VALUES (0)");

        Projection projection(&store, QStringLiteral("sum"));
        projection.setHandler<Counter>([total](const Counter::Event &event, const RecordedEvent &, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("UPDATE %1 SET sum = sum + %2").arg(total).arg(std::get<Increased>(event).inc));
            return ListenerResult::check(query);
        });
        QSignalSpy caughtUp(&projection, &Projection::caughtUp);
        projection.start();
        QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty() && caughtUp.last().at(0).toLongLong() == 100, timeoutMs);
        QCOMPARE(projection.state().status, Status::Live);
        QCOMPARE(projection.state().lag, 0);
        projection.stop();
        QVERIFY(!projection.isRunning());
        QCOMPARE(scalar(schema.db(), u"SELECT sum FROM " + total).toLongLong(), 4995);
        QCOMPARE(stored(store, QStringLiteral("sum")).seqNo, 100);
        QCOMPARE(stored(store, QStringLiteral("sum")).status, Status::Stopped);

        projection.start();
        const QUuid second = QUuid::createUuid();
        auto counter = store.load<Counter>(second);
        for (quint64 n = 101; n <= 200; ++n)
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{n}));
        QTRY_VERIFY_WITH_TIMEOUT(projection.state().seqNo == 200 && projection.state().status == Status::Live, timeoutMs);
        projection.stop();
        QCOMPARE(scalar(schema.db(), u"SELECT sum FROM " + total).toLongLong(), 20045);
    }

    void outOfOrderCommit()
    {
        POSTGRESQL_ONLY("SQLite writers hold the write lock from seq_no to commit: no commit can overtake");
        // A transaction takes seq_no 4 and stays open while 5..9 commit: the projection must
        // not pass it, must say what it waits on, and must handle it once it commits.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString seen = createSeen(schema);
        QVERIFY(!appendCounter(store, 3).isNull());

        QSqlDatabase slow = schema.connection(QStringLiteral("slow"));
        const int slowPid = scalar(slow, QStringLiteral("SELECT pg_backend_pid()")).toInt();
        QVERIFY(slow.transaction());
        EXEC(slow, rawEvent(schema, QUuid::createUuid(), 1, QStringLiteral(R"({"Increased": {"inc": 1}})")));
        QVERIFY(!appendCounter(store, 5).isNull());

        Projection projection(&store, QStringLiteral("ordered"));
        projection.setHandler(recordInto(seen));
        projection.setBatchSize(2);
        projection.start();
        QTRY_VERIFY_WITH_TIMEOUT(projection.state().status == Status::Waiting, timeoutMs);
        QCOMPARE(count(schema, seen), 3);
        QCOMPARE(projection.state().waitingOnPid, slowPid);
        QVERIFY(projection.state().waitingSince.isValid());
        QCOMPARE(projection.state().lag, 6);
        const ProjectionState fromDatabase = stored(store, QStringLiteral("ordered"));
        QCOMPARE(fromDatabase.status, Status::Waiting);
        QCOMPARE(fromDatabase.waitingOnPid, slowPid);

        QVERIFY(slow.commit());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 9, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        QVERIFY(exact(schema, seen));
        QCOMPARE(projection.state().waitingOnPid, 0);
        projection.stop();
        closeConnection(slow);
    }

    void barrierMovesDuringABatch()
    {
        // Event 2 is held back by an open transaction when the page is read; that transaction
        // ends (without events of its own, so nothing wakes the projection) while the handler
        // of event 1 runs. The projection must not report itself caught up without event 2.
        POSTGRESQL_ONLY("SQLite has no transaction barrier");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString seen = createSeen(schema);
        QVERIFY(!appendCounter(store, 1).isNull());
        QSqlDatabase blocker = schema.connection(QStringLiteral("blocker"));
        QVERIFY(blocker.transaction());
        QVERIFY(scalar(blocker, QStringLiteral("SELECT pg_current_xact_id()")).isValid());
        QVERIFY(!appendCounter(store, 1).isNull());

        Projection projection(&store, QStringLiteral("moving"));
        auto record = recordInto(seen);
        QSemaphore handlerStarted;
        QSemaphore blockerEnded;
        projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &db) {
            if (event.seqNo == 1) {
                handlerStarted.release();
                blockerEnded.tryAcquire(1, timeoutMs);
            }
            return record(event, db);
        });
        projection.setPollInterval(60'000);
        QSignalSpy caughtUp(&projection, &Projection::caughtUp);
        projection.start();
        QVERIFY(handlerStarted.tryAcquire(1, timeoutMs)); // the handler of event 1 is running
        QVERIFY(blocker.commit());
        blockerEnded.release();
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 2, 5000);
        QTRY_VERIFY(!caughtUp.isEmpty());
        QCOMPARE(caughtUp.first().at(0).toLongLong(), 2);
        projection.stop();
        closeConnection(blocker);
    }

    void catchUpUsesTheIndexWithoutSort()
    {
        // The library's own catch-up statement, planned on 20,000 analysed events: an index range
        // scan in (transaction_id, seq_no) order, no sort and no scan of the whole table.
        POSTGRESQL_ONLY("SQLite reads by seq_no, its primary key");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        if (store.isDistributed())
            QSKIP("a plan of one server: on a Citus cluster the coordinator merges the workers' pages");
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) "
                                u"SELECT gen_random_uuid(), 1, 'counter', '{\"Increased\": {\"inc\": 1}}', 'null' "
                                u"FROM generate_series(1, 20000)");
        EXEC(schema.db(), u"ANALYZE " + schema.table(QStringLiteral("event")));
        const auto dialect = Detail::Dialect::forDriver(QStringLiteral("QPSQL"), nullptr);
        const QString transaction = scalar(schema.db(), u"SELECT transaction_id::text FROM " + schema.table(QStringLiteral("event"))
                                                             + u" ORDER BY seq_no OFFSET 5000 LIMIT 1").toString();
        EXEC(schema.db(), u"PREPARE catch_up AS " + dialect->statements(schema.name(), false).catchUp);
        QSqlQuery explain(schema.db());
        QVERIFY2(explain.exec(QStringLiteral("EXPLAIN EXECUTE catch_up('%1', 5001, 1000)").arg(transaction)),
                 qPrintable(explain.lastError().text()));
        QString plan;
        while (explain.next())
            plan += explain.value(0).toString() + u'\n';
        QVERIFY2(plan.contains(QStringLiteral("event_transaction_id_seq_no_idx")), qPrintable(plan));
        QVERIFY2(!plan.contains(QStringLiteral("Sort")), qPrintable(plan));
        QVERIFY2(!plan.contains(QStringLiteral("Seq Scan on event")), qPrintable(plan));
    }

    void randomWritersWithRollbacks()
    {
        // Writers hold their append transactions open for random times and roll back at random,
        // while a projection with small batches runs: it must end with exactly the committed events.
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Projection projection(&store, QStringLiteral("random"));
        projection.setHandler(recordInto(seen));
        projection.setBatchSize(7);
        projection.setPollInterval(50);
        projection.start();

        constexpr int writers = 4;
        constexpr int commands = 40;
        std::atomic<int> committed = 0;
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&] {
                EventStore writer;
                if (!succeeded(writer.open(schema.url())))
                    return;
                writer.setListener<Counter>([](const Counter::Event &, const RecordedEvent &, QSqlDatabase &) {
                    // Holds the append transaction open for a random time: interleavings, not a wait.
                    QThread::msleep(QRandomGenerator::global()->bounded(15));
                    return QRandomGenerator::global()->bounded(5) == 0 ? ListenerResult::failure(QStringLiteral("no"))
                                                                       : ListenerResult::ok();
                });
                auto counter = writer.load<Counter>(QUuid::createUuid());
                for (int i = 0; i < commands; ++i) {
                    if (writer.handle(counter.value(), Increase{1}).isApplied())
                        ++committed;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QVERIFY(committed > 0);
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), committed.load(), timeoutMs);
        QVERIFY(exact(schema, seen));
        QVERIFY(projection.state().status != Status::Failed);
        if (!schema.isSqlite()) // rollbacks left gaps in seq_no (SQLite gives a rolled-back number out again)
            QVERIFY(scalar(schema.db(), u"SELECT max(seq_no) > count(*) FROM " + schema.table(QStringLiteral("event"))).toBool());
        projection.stop();
    }

    void stopStartCyclesNeverOverlap()
    {
        // Two objects of the same name in one process, started and stopped at random while
        // events are appended: never two handlers at once, never a duplicate, nothing missed.
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        std::atomic<int> inHandler = 0;
        std::atomic<bool> overlapped = false;
        auto handler = [&, record = recordInto(seen)](const RecordedEvent &event, QSqlDatabase &db) {
            if (++inHandler > 1)
                overlapped = true;
            QThread::usleep(200); // a handler that takes a while widens the window for an overlap
            const ListenerResult result = record(event, db);
            --inHandler;
            return result;
        };
        Projection a(&store, QStringLiteral("cycled"));
        Projection b(&store, QStringLiteral("cycled"));
        for (Projection *p : {&a, &b}) {
            p->setHandler(handler);
            p->setBatchSize(5);
            p->setPollInterval(20);
        }
        std::atomic<bool> writing = true;
        std::thread writer([&] {
            EventStore w;
            if (!succeeded(w.open(schema.url())))
                return;
            auto counter = w.load<Counter>(QUuid::createUuid());
            for (int i = 0; i < 150; ++i) {
                if (!succeeded(w.handle(counter.value(), Increase{1})))
                    break;
                QThread::msleep(1); // spreads the appends over the start/stop cycles
            }
            writing = false;
        });
        int cycles = 0;
        while (writing || cycles < 20) {
            Projection &p = QRandomGenerator::global()->bounded(2) ? a : b;
            // Random pauses give random schedules; nothing below relies on their length.
            p.start();
            QTest::qWait(QRandomGenerator::global()->bounded(15));
            if (QRandomGenerator::global()->bounded(3) == 0)
                (&p == &a ? b : a).start();
            QTest::qWait(QRandomGenerator::global()->bounded(10));
            a.stop();
            b.stop();
            QVERIFY(!a.isRunning() && !b.isRunning());
            ++cycles;
        }
        writer.join();
        a.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 150, timeoutMs);
        QVERIFY(exact(schema, seen));
        QVERIFY(!overlapped);
        QVERIFY(a.state().status != Status::Failed && b.state().status != Status::Failed);
        a.stop();
    }

    void secondInstanceIsStandby()
    {
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Projection first(&store, QStringLiteral("single"));
        Projection second(&store, QStringLiteral("single"));
        for (Projection *p : {&first, &second}) {
            p->setHandler(recordInto(seen));
            p->setPollInterval(50);
        }
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(first.state().status, Status::Live, timeoutMs);
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(second.state().status, Status::Standby, timeoutMs);
        QVERIFY(!appendCounter(store, 10).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 10, timeoutMs);
        QCOMPARE(second.state().status, Status::Standby);

        first.stop();
        QTRY_COMPARE_WITH_TIMEOUT(second.state().status, Status::Live, timeoutMs);
        QVERIFY(!appendCounter(store, 10).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 20, timeoutMs);
        QVERIFY(exact(schema, seen));

        // Reset is refused while another instance is active, and changes nothing.
        const qint64 position = stored(store, QStringLiteral("single")).seqNo;
        QTRY_COMPARE_WITH_TIMEOUT(second.state().seqNo, position, timeoutMs); // its state is published after the commit
        const Error refused = first.reset();
        QCOMPARE(refused.kind(), Error::Kind::InvalidArgument);
        QCOMPARE(stored(store, QStringLiteral("single")).seqNo, position);
        second.stop();
    }

    void digestProvesNothingSkipped()
    {
        // 25,000 events, caught up in batches: the running digest recomputed from the event
        // table matches. A position set back by hand (the events after it would be applied
        // twice) is caught, between the checkpoint before it and the position.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString event = schema.table(QStringLiteral("event"));
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString values = u"'" + id + u"', v, 'counter', '{\"Increased\": {\"inc\": 1}}', 'null'";
        EXEC(schema.db(), schema.isSqlite()
                              ? QString(u"WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 25000) INSERT INTO " + event
                                    + u" (entity_id, version, type_name, event, metadata) SELECT " + values + u" FROM n")
                              : QString(u"INSERT INTO " + event + u" (entity_id, version, type_name, event, metadata) SELECT " + values
                                    + u" FROM generate_series(1, 25000) v"));
        const qint64 head = scalar(schema.db(), u"SELECT max(seq_no) FROM " + event).toLongLong();
        Projection projection(&store, QStringLiteral("digest"));
        projection.setHandler([](const RecordedEvent &, QSqlDatabase &) { return ListenerResult::ok(); });
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().seqNo, head, timeoutMs);
        projection.stop();

        Result<ProjectionDigestCheck> check = Projection::verify(&store, QStringLiteral("digest"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(check->known);
        QVERIFY(check->matches);
        QCOMPARE(check->events, 25000);
        QCOMPARE(check->storedEvents, 25000);
        QCOMPARE(check->seqNo, head);

        const qint64 back = head - 10000; // the 15,000th event
        EXEC(schema.db(), u"UPDATE " + schema.table(QStringLiteral("projection")) + u" SET seq_no = " + QString::number(back)
                              + u", transaction_id = (SELECT transaction_id FROM " + event + u" WHERE seq_no = "
                              + QString::number(back) + u") WHERE name = 'digest'");
        check = Projection::verify(&store, QStringLiteral("digest"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(!check->matches);
        QCOMPARE(check->toSeqNo, back);
        QVERIFY2(check->fromSeqNo >= head - 15000 && check->fromSeqNo < back, qPrintable(QString::number(check->fromSeqNo)));

        // A position written without a digest (as evented writes one) cannot be checked, until a reset.
        EXEC(schema.db(), u"UPDATE " + schema.table(QStringLiteral("projection")) + u" SET digest = NULL WHERE name = 'digest'");
        check = Projection::verify(&store, QStringLiteral("digest"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(!check->known);
        EVENTED_VERIFY_OK(projection.reset());
        check = Projection::verify(&store, QStringLiteral("digest"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(check->known && check->matches);
        QCOMPARE(check->events, 0);
    }

    void killedProcessIsTakenOver()
    {
        // Two processes run the same projection; the active one is killed with SIGKILL.
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString runner = QCoreApplication::applicationDirPath() + QStringLiteral("/projection_runner");
        QProcess one, two;
        QByteArray outOne, outTwo;
        for (QProcess *p : {&one, &two}) {
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(runner, {schema.url(), QStringLiteral("shared"), seen});
        }
        auto read = [&] {
            outOne += one.readAllStandardOutput();
            outTwo += two.readAllStandardOutput();
        };
        QTRY_VERIFY_WITH_TIMEOUT((read(), (outOne.contains("Live") && outTwo.contains("Standby"))
                                              || (outTwo.contains("Live") && outOne.contains("Standby"))),
                                 timeoutMs);
        QProcess &active = outOne.contains("Live") ? one : two;
        QProcess &standby = &active == &one ? two : one;
        QByteArray &standbyOut = &active == &one ? outTwo : outOne;

        QVERIFY(!appendCounter(store, 50).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 50, timeoutMs);
        QVERIFY(stored(store, QStringLiteral("shared")).owner.endsWith(u':' + QString::number(active.processId())));

        active.kill();
        QVERIFY(active.waitForFinished());
        QVERIFY(!appendCounter(store, 50).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 100, timeoutMs);
        QVERIFY(exact(schema, seen));
        QTRY_VERIFY_WITH_TIMEOUT((read(), standbyOut.contains("Live")), timeoutMs);
        const ProjectionState state = stored(store, QStringLiteral("shared"));
        QVERIFY(state.owner.endsWith(u':' + QString::number(standby.processId())));
        QVERIFY(state.status == Status::Live || state.status == Status::CatchingUp);

        standby.kill();
        QVERIFY(standby.waitForFinished());
        // Nobody holds it any more: the stored state says so, whatever status was last written.
        QTRY_COMPARE_WITH_TIMEOUT(stored(store, QStringLiteral("shared")).status, Status::Stopped, timeoutMs);
    }

    void poisonEventStops()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString seen = createSeen(schema);
        const QString all = createSeen(schema, QStringLiteral("seen_all"));
        const QUuid id = appendCounter(store, 5);
        EXEC(schema.db(), rawEvent(schema, id, 6, QStringLiteral(R"({"Exploded": {"inc": 1}})")));
        const qint64 poison = scalar(schema.db(), u"SELECT max(seq_no) FROM " + schema.table(QStringLiteral("event"))).toLongLong();
        QVERIFY(!appendCounter(store, 3).isNull());

        Projection typed(&store, QStringLiteral("typed"));
        typed.setHandler<Counter>([seen](const Counter::Event &, const RecordedEvent &recorded, QSqlDatabase &db) {
            return recordInto(seen)(recorded, db);
        });
        Projection other(&store, QStringLiteral("everything"));
        other.setHandler(recordInto(all));
        QSignalSpy errors(&typed, &Projection::errorOccurred);
        typed.start();
        other.start();

        QTRY_COMPARE_WITH_TIMEOUT(typed.state().status, Status::Failed, timeoutMs);
        QTRY_VERIFY(!typed.isRunning());
        QCOMPARE(typed.state().errorSeqNo, poison);
        QVERIFY2(typed.state().error.contains(QStringLiteral("Exploded")), qPrintable(typed.state().error));
        QTRY_COMPARE(errors.size(), 1);
        const auto error = errors.first().at(0).value<Error>();
        QCOMPARE(error.kind(), Error::Kind::DecodeFailed);
        QCOMPARE(error.seqNo(), poison);
        // The events before the poison were handled and committed, nothing after it.
        QCOMPARE(count(schema, seen), 5);
        QCOMPARE(scalar(schema.db(), u"SELECT max(seq_no) FROM " + seen).toLongLong(), poison - 1);
        const ProjectionState fromDatabase = stored(store, QStringLiteral("typed"));
        QCOMPARE(fromDatabase.status, Status::Failed);
        QCOMPARE(fromDatabase.errorSeqNo, poison);
        QCOMPARE(fromDatabase.seqNo, poison - 1);

        // The other projection is not affected.
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, all), 9, timeoutMs);
        QVERIFY(other.isRunning());
        other.stop();
    }

    void pagesReadAheadAreDroppedAfterAFailure()
    {
        // Catching up over many full pages (on PostgreSQL the next page is read while one is
        // applied), with one transient failure in the middle of a page: every event is handled
        // exactly once, in order, whatever was read ahead.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QString seen = createSeen(schema);
        QVERIFY(!appendCounter(store, 95).isNull());
        std::atomic<bool> failedOnce = false;
        Projection projection(&store, QStringLiteral("read-ahead"));
        const auto record = recordInto(seen);
        projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &db) {
            if (event.version == 37 && !failedOnce.exchange(true))
                return ListenerResult::failure(QStringLiteral("once"));
            return record(event, db);
        });
        projection.setBatchSize(10);
        projection.setErrorStrategy(Projection::ErrorStrategy::Retry, 3);
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 95, timeoutMs);
        QVERIFY(failedOnce);
        QVERIFY(exact(schema, seen));
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        projection.stop();
    }

    void catchUpReadsRowsExactly()
    {
        // Rows written by hand, with times on millisecond edges (also before 1970) and text
        // beyond ASCII, arrive exactly as stored, whichever read brings their page.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const bool sqlite = schema.isSqlite();
        struct Stored
        {
            QString typeName;
            QString time; // as the backend stores it
            QDateTime expected;
        };
        const QDateTime epoch = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        const QList<Stored> rows = {
            {QStringLiteral("counter"), sqlite ? QStringLiteral("1969-12-31T23:59:59.999Z") : QStringLiteral("1969-12-31 23:59:59.9995+00"), epoch.addMSecs(-1)},
            {QStringLiteral("zähler ✓"), sqlite ? QStringLiteral("2026-11-29T12:00:00.000Z") : QStringLiteral("2026-11-29 12:00:00.000999+00"), QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC)},
            {QStringLiteral("counter"), sqlite ? QStringLiteral("2026-11-29T12:00:00.999Z") : QStringLiteral("2026-11-29 12:00:00.999999+00"), QDateTime(QDate(2026, 11, 29), QTime(12, 0, 0, 999), Qt::UTC)},
            {QStringLiteral("zähler ✓"), sqlite ? QStringLiteral("2001-09-09T01:46:40.001Z") : QStringLiteral("2001-09-09 01:46:40.001+00"), QDateTime::fromMSecsSinceEpoch(1'000'000'000'001, Qt::UTC)},
            {QStringLiteral("counter"), sqlite ? QStringLiteral("2038-01-19T03:14:08.500Z") : QStringLiteral("2038-01-19 03:14:08.5+00"), QDateTime::fromMSecsSinceEpoch(2'147'483'648'500, Qt::UTC)},
        };
        const QUuid id = QUuid::createUuid();
        QList<QJsonValue> events;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject event{{QStringLiteral("Noted"), QJsonObject{{QStringLiteral("text"), u"grüße „%1“ 🙂"_qs.arg(i)}}}};
            events.append(event);
            QSqlQuery insert(schema.db());
            insert.prepare(u"INSERT INTO " + schema.table(QStringLiteral("event"))
                           + u" (entity_id, version, type_name, event, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)");
            insert.addBindValue(id.toString(QUuid::WithoutBraces));
            insert.addBindValue(i + 1);
            insert.addBindValue(rows.at(i).typeName);
            insert.addBindValue(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
            insert.addBindValue(QStringLiteral("{\"by\": \"Zoë\"}"));
            insert.addBindValue(rows.at(i).time);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }

        QList<RecordedEvent> seen;
        Projection projection(&store, QStringLiteral("exact"));
        projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
            seen.append(event);
            return ListenerResult::ok();
        });
        projection.setBatchSize(2); // full pages: on PostgreSQL the later ones are read ahead
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), rows.size(), timeoutMs);
        projection.stop();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const RecordedEvent &event = seen.at(i);
            QCOMPARE(event.version, i + 1);
            QCOMPARE(event.entityId, id);
            QCOMPARE(event.typeName, rows.at(i).typeName);
            QCOMPARE(event.recordedAt, rows.at(i).expected);
            QCOMPARE(event.event, events.at(i));
            QCOMPARE(event.eventName, QStringLiteral("Noted"));
            QCOMPARE(event.metadata, QJsonValue(QJsonObject{{QStringLiteral("by"), QStringLiteral("Zoë")}}));
        }
    }

    void retriesAreBounded()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(!appendCounter(store, 3).isNull());
        std::atomic<int> calls = 0;
        Projection projection(&store, QStringLiteral("flaky"));
        projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
            if (event.version == 2) {
                ++calls;
                return ListenerResult::failure(QStringLiteral("cannot handle version 2"));
            }
            return ListenerResult::ok();
        });
        projection.setErrorStrategy(Projection::ErrorStrategy::Retry, 3);
        QSignalSpy errors(&projection, &Projection::errorOccurred);
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Failed, timeoutMs);
        QCOMPARE(calls.load(), 1 + 1 + 3); // the batch, the poison pinned alone, three retries
        QTRY_COMPARE(errors.size(), 4);
        QCOMPARE(errors.last().at(0).value<Error>().kind(), Error::Kind::ListenerFailed);
        QCOMPARE(projection.state().errorSeqNo, 2);
        QCOMPARE(projection.state().seqNo, 1);
        QVERIFY(projection.state().error.contains(QStringLiteral("cannot handle version 2")));
    }

    void resetRebuildsTheSameView()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        for (int i = 0; i < 4; ++i)
            QVERIFY(!appendCounter(store, 5, quint64(i + 1)).isNull());
        const QString view = schema.table(QStringLiteral("counters"));
        EXEC(schema.db(), u"CREATE TABLE " + view + u" (id uuid PRIMARY KEY, value bigint NOT NULL)");
        // A hostile name is only ever a bound value.
        const QString name = QStringLiteral("counters'; DROP TABLE x; --\"");
        Projection projection(&store, name);
        projection.setHandler<Counter>([view](const Counter::Event &event, const RecordedEvent &recorded, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("INSERT INTO %1 VALUES ('%2', %3) ON CONFLICT (id) DO UPDATE SET value = %1.value + EXCLUDED.value")
                           .arg(view, recorded.entityId.toString(QUuid::WithoutBraces))
                           .arg(std::get<Increased>(event).inc));
            return ListenerResult::check(query);
        });
        projection.setResetHandler([view](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(u"DELETE FROM " + view);
            return ListenerResult::check(query);
        });
        const auto snapshot = [&] {
            QSqlQuery query(schema.db());
            query.exec(u"SELECT id, value FROM " + view + u" ORDER BY id");
            QStringList rows;
            while (query.next())
                rows << query.value(0).toString() + u'=' + query.value(1).toString();
            return rows;
        };
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().seqNo, 20, timeoutMs);
        const QStringList first = snapshot();
        QCOMPARE(first.size(), 4);
        QCOMPARE(scalar(schema.db(), u"SELECT sum(value) FROM " + view).toInt(), 5 * (1 + 2 + 3 + 4) + 4 * 10);

        // Reset while running: stopped, cleared and rebuilt.
        QSignalSpy caughtUp(&projection, &Projection::caughtUp);
        const Error error = projection.reset(true);
        EVENTED_VERIFY_OK(error);
        QVERIFY(projection.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty() && caughtUp.last().at(0).toLongLong() == 20, timeoutMs);
        // The spy may also have caught the last signal of the worker before the reset, queued.
        QTRY_COMPARE_WITH_TIMEOUT(snapshot(), first, timeoutMs);

        // Reset while stopped, then rebuild.
        projection.stop();
        EVENTED_VERIFY_OK(projection.reset(true));
        QCOMPARE(count(schema, view), 0);
        QCOMPARE(stored(store, name).seqNo, 0);
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().seqNo, 20, timeoutMs);
        QCOMPARE(snapshot(), first);
        projection.stop();
    }

    void wokenByCommitsNotByPolling()
    {
        // With a poll interval of a minute, only the commit signal (this store) and, on
        // PostgreSQL, NOTIFY (another connection, as from another process) can wake the projection.
        Schema schema;
        const QString seen = createSeen(schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EventStore elsewhere;
        EVENTED_VERIFY_OK(elsewhere.open(schema.url()));
        Projection projection(&store, QStringLiteral("live"));
        projection.setHandler(recordInto(seen));
        projection.setPollInterval(60'000);
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);

        QVERIFY(!appendCounter(store, 1).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 1, 5000);
        if (schema.isSqlite()) {
            QVERIFY(!appendCounter(elsewhere, 1).isNull());
            // Proves that nothing comes within 500 ms: another connection does not wake it, as
            // SQLite has no notifications.
            QTest::qWait(500);
            QCOMPARE(count(schema, seen), 1);
            projection.stop();
            return;
        }
        QVERIFY(!appendCounter(elsewhere, 1).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 2, 5000);

        // The connection is killed: the projection reconnects, takes its lock again and
        // subscribes again.
        QSignalSpy errors(&projection, &Projection::errorOccurred);
        // A projection's connections name themselves (fallback_application_name).
        EXEC(schema.db(), QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                                         "AND pid <> pg_backend_pid() AND application_name = 'evented-projection'"));
        QVERIFY(!appendCounter(store, 1).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 3, 10'000);
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().at(0).value<Error>().kind(), Error::Kind::ConnectionLost);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        QVERIFY(!appendCounter(elsewhere, 1).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 4, 5000);
        QVERIFY(exact(schema, seen));
        projection.stop();
    }

    void startWithoutHandlerOrStore()
    {
        EventStore closed;
        Projection projection(&closed, QStringLiteral("p"));
        projection.setHandler([](const RecordedEvent &, QSqlDatabase &) { return ListenerResult::ok(); });
        QSignalSpy errors(&projection, &Projection::errorOccurred);
        projection.start();
        QVERIFY(!projection.isRunning());
        QCOMPARE(projection.state().status, Status::Failed);
        QTRY_COMPARE(errors.size(), 1);

        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Projection bare(&store, QStringLiteral("bare"));
        bare.start();
        QVERIFY(!bare.isRunning());
        QVERIFY(bare.state().error.contains(QStringLiteral("no handler")));
    }
};

QTEST_GUILESS_MAIN(tst_Projection)
#include "tst_projection.moc"
