// Rebuilds without downtime: a new version of a projection built beside the live one under
// concurrent writers, compared key by key at one position, swapped in by one transaction, while a
// reader checks that the view is never empty nor steps back.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;
using Status = ProjectionState::Status;

namespace {

constexpr int timeoutMs = 30'000;
const QString view = QStringLiteral("totals");

/*! The totals projection: each counter's increases times \a factor (a handler that changed when not 1). */
void configureTotals(Projection &projection, int factor)
{
    projection.addView(view, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"), {QStringLiteral("id")});
    const QString table = projection.viewTable(view);
    projection.setHandler<Counter>([table, factor](const Counter::Event &event, const RecordedEvent &recorded, QSqlDatabase &db) {
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO " + table + u" (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = "
                      + table + u".value + excluded.value");
        query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
        query.addBindValue(qint64(std::get<Increased>(event).inc) * factor);
        query.exec();
        return ListenerResult::check(query);
    });
}

/*! What the view should hold: each counter's increases, from the events, times \a factor. */
bool viewIsExact(Schema &schema, EventStore &store, int factor)
{
    QHash<QString, qint64> expected;
    auto counters = EventLog(&store).read(EventFilter::byType(QStringLiteral("counter")), [&](const RecordedEvent &e) {
        expected[e.entityId.toString(QUuid::WithoutBraces)] += e.event[QLatin1StringView("Increased")][QLatin1StringView("inc")].toInteger() * factor;
        return true;
    });
    if (counters.isError())
        return false;
    QSqlQuery query(schema.db());
    if (!query.exec(u"SELECT id, value FROM " + store.tableName(view)))
        return false;
    qsizetype rows = 0;
    while (query.next()) {
        ++rows;
        if (expected.value(query.value(0).toString(), -1) != query.value(1).toLongLong())
            return false;
    }
    return rows == expected.size();
}

/*! Tables of the store whose names say a rebuild left them behind. */
int leftBehind(Schema &schema)
{
    const QString sql = schema.isSqlite()
        ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND (name LIKE 'totals\\_\\_%' ESCAPE '\\')")
        : u"SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema.name()
            + u"' AND table_name LIKE 'totals\\_\\_%'";
    return scalar(schema.db(), sql).toInt();
}

} // namespace

class tst_Rebuild : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void rebuildsUnderWritersWithoutDowntime()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Projection live(&store, QStringLiteral("totals"));
        configureTotals(live, 1);
        live.setPollInterval(50);
        live.setLeaseDuration(2000);
        EVENTED_VERIFY_OK(store.ensureTable(view, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL")));
        live.start();

        // Writers keep appending; a reader of the view checks it is never empty (once filled)
        // and its total never goes down.
        std::atomic<bool> writing = true;
        std::atomic<int> committed = 0;
        std::vector<std::thread> writers;
        for (int w = 0; w < 2; ++w) {
            writers.emplace_back([&] {
                EventStore writer;
                if (!succeeded(writer.open(schema.url())))
                    return;
                QList<Entity<Counter>> counters;
                for (int c = 0; c < 5; ++c)
                    counters.append(writer.load<Counter>(QUuid::createUuid()).value());
                for (int i = 0; writing; ++i) {
                    auto outcome = writer.handle(counters[i % counters.size()], Increase{quint64(i % 7 + 1)});
                    if (outcome.isApplied())
                        ++committed;
                    QThread::msleep(1);
                }
            });
        }
        std::atomic<bool> reading = true;
        std::atomic<int> reads = 0;
        QString readerProblem;
        std::thread reader([&] {
            QSqlDatabase db = schema.connection(QStringLiteral("reader"));
            qint64 lastTotal = 0;
            while (reading) {
                QSqlQuery query(db);
                if (!query.exec(u"SELECT count(*), COALESCE(sum(value), 0) FROM " + store.tableName(view)) || !query.next()) {
                    readerProblem = query.lastError().text();
                    break;
                }
                const qint64 total = query.value(1).toLongLong();
                if (total < lastTotal || (lastTotal > 0 && query.value(0).toLongLong() == 0)) {
                    readerProblem = QStringLiteral("the view went from a total of %1 to %2").arg(lastTotal).arg(total);
                    break;
                }
                lastTotal = total;
                ++reads;
            }
            closeConnection(db);
        });
        QTRY_VERIFY_WITH_TIMEOUT(committed > 200, timeoutMs);

        // Verify only: equal, kept; the live version resumes.
        RebuildOptions verifyOnly;
        verifyOnly.verifyOnly = true;
        verifyOnly.leaseMs = 2000;
        const Result<RebuildOutcome> verified = Projection::rebuild(&store, QStringLiteral("totals"), [](Projection &p) { configureTotals(p, 1); },
                                                                    verifyOnly);
        EVENTED_VERIFY_OK(verified);
        QCOMPARE(verified->differing, 0);
        QVERIFY(verified->keys >= 10);
        QVERIFY(!verified->swapped);
        QVERIFY(verified->events > 0);

        // The swap.
        RebuildOptions swapping;
        swapping.leaseMs = 2000;
        qint64 progressCalls = 0;
        swapping.progress = [&](qint64, qint64) { ++progressCalls; };
        const Result<RebuildOutcome> rebuilt = Projection::rebuild(&store, QStringLiteral("totals"), [](Projection &p) { configureTotals(p, 1); },
                                                                   swapping);
        EVENTED_VERIFY_OK(rebuilt);
        QCOMPARE(rebuilt->differing, 0);
        QVERIFY(rebuilt->swapped);
        QVERIFY(progressCalls > 0);
        QTRY_VERIFY_WITH_TIMEOUT(committed > 2 * 200, timeoutMs); // still writing after it

        writing = false;
        for (auto &t : writers)
            t.join();
        // The live version goes on, on the new tables, up to every event.
        QTRY_VERIFY_WITH_TIMEOUT(viewIsExact(schema, store, 1), timeoutMs);
        reading = false;
        reader.join();
        QVERIFY2(readerProblem.isEmpty(), qPrintable(readerProblem));
        QVERIFY(reads > 10);
        QCOMPARE(leftBehind(schema), 0);
        const Result<ProjectionDigestCheck> check = Projection::verify(&store, QStringLiteral("totals"));
        EVENTED_VERIFY_OK(check);
        QVERIFY(check->matches); // the new version's digest became the projection's
        live.stop();
    }

    void aChangedHandlerListsTheKeysThatDiffer()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        for (int c = 0; c < 3; ++c) {
            auto counter = store.load<Counter>(QUuid::createUuid());
            QVERIFY(store.handle(counter.value(), Increase{quint64(c + 1)}).isApplied());
        }
        {
            Projection live(&store, QStringLiteral("totals"));
            configureTotals(live, 1);
            EVENTED_VERIFY_OK(store.ensureTable(view, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL")));
            live.start();
            QTRY_VERIFY_WITH_TIMEOUT(viewIsExact(schema, store, 1), timeoutMs);
        }
        const auto doubled = [](Projection &p) { configureTotals(p, 2); };
        const Result<RebuildOutcome> kept = Projection::rebuild(&store, QStringLiteral("totals"), doubled);
        EVENTED_VERIFY_OK(kept);
        QCOMPARE(kept->differing, 3);
        QCOMPARE(kept->differingKeys.size(), 3);
        QVERIFY2(kept->differingKeys.first().startsWith(QStringLiteral("totals: ")), qPrintable(kept->differingKeys.first()));
        QVERIFY(!kept->swapped);
        QVERIFY(viewIsExact(schema, store, 1));
        QCOMPARE(leftBehind(schema), 0);

        RebuildOptions anyway;
        anyway.swapWhenDifferent = true;
        const Result<RebuildOutcome> swapped = Projection::rebuild(&store, QStringLiteral("totals"), doubled, anyway);
        EVENTED_VERIFY_OK(swapped);
        QVERIFY(swapped->swapped);
        QVERIFY(viewIsExact(schema, store, 2));

        // A projection without a declared view has nothing to build anew.
        const Result<RebuildOutcome> none = Projection::rebuild(&store, QStringLiteral("totals"), [](Projection &p) {
            p.setHandler([](const RecordedEvent &, QSqlDatabase &) { return ListenerResult::ok(); });
        });
        QVERIFY(!none);
        QCOMPARE(none.error().kind(), Error::Kind::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(tst_Rebuild)
#include "tst_rebuild.moc"
