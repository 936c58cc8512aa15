// Read-your-writes, on both backends: after a command, Projection::waitFor returns once the
// projection (in this process or another) has committed its view of the command's events, or
// Timeout when it does not in time; waitForAsync the same without blocking.

#include "testcounter.h"
#include "testsupport.h"
#include "testwallet.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

constexpr int timeoutMs = 20'000;

/*! A projection "view" of the counters into the table counter_view(id, value). */
void viewCounters(Projection &projection, EventStore &store)
{
    const QString view = store.tableName(QStringLiteral("counter_view"));
    projection.setPollInterval(5'000); // woken by the commits of this process, or not in time
    projection.setHandler<Counter>([view](const Counter::Event &event, const RecordedEvent &recorded, QSqlDatabase &db) {
        const qint64 delta = std::holds_alternative<Increased>(event) ? qint64(std::get<Increased>(event).inc)
                                                                       : -qint64(std::get<Decreased>(event).dec);
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO " + view
                      + u" AS v (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = v.value + excluded.value");
        query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
        query.addBindValue(delta);
        query.exec();
        return ListenerResult::check(query);
    });
}

QVariant viewed(EventStore &store, const QUuid &id)
{
    QSqlQuery query(store.database());
    query.prepare(u"SELECT value FROM " + store.tableName(QStringLiteral("counter_view")) + u" WHERE id = ?");
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class tst_WaitFor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void inThisProcess()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("counter_view"), QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL")));
        Projection projection(&store, QStringLiteral("counters"));
        viewCounters(projection, store);
        projection.start();

        const QUuid id = QUuid::createUuid();
        auto counter = store.load<Counter>(id);
        for (quint64 i = 1; i <= 5; ++i) {
            const auto result = store.handle(counter.value(), Increase{i});
            EVENTED_VERIFY_OK(result);
            // Right after the command: once waitFor returns, the view has it.
            EVENTED_VERIFY_OK(projection.waitFor(result.events(), timeoutMs));
            QCOMPARE(viewed(store, id).toLongLong(), qint64(i * (i + 1) / 2));
        }
        // The static form by name, and no events: nothing to wait for.
        const auto down = store.handle(counter.value(), Decrease{15});
        EVENTED_VERIFY_OK(down);
        EVENTED_VERIFY_OK(Projection::waitFor(&store, QStringLiteral("counters"), down.events(), timeoutMs));
        QCOMPARE(viewed(store, id).toLongLong(), 0);
        EVENTED_VERIFY_OK(Projection::waitFor(&store, QStringLiteral("counters"), {}, 0));

        // Events the projection does not take are passed over, and so waited for all the same.
        auto wallet = store.load<Wallet>(QUuid::createUuid());
        const auto deposit = store.handle(wallet.value(), Deposit{3});
        EVENTED_VERIFY_OK(deposit);
        EVENTED_VERIFY_OK(projection.waitFor(deposit.events(), timeoutMs));
        projection.stop();
    }

    void stoppedProjectionTimesOut()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("counter_view"), QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL")));
        Projection projection(&store, QStringLiteral("counters"));
        viewCounters(projection, store);
        projection.start();
        auto counter = store.load<Counter>(QUuid::createUuid());
        const auto first = store.handle(counter.value(), Increase{1});
        EVENTED_VERIFY_OK(projection.waitFor(first.events(), timeoutMs));
        projection.stop();

        const auto second = store.handle(counter.value(), Increase{1});
        EVENTED_VERIFY_OK(second);
        QElapsedTimer timer;
        timer.start();
        const Error late = projection.waitFor(second.events(), 300);
        QCOMPARE(late.kind(), Error::Kind::Timeout);
        QVERIFY2(timer.elapsed() >= 290 && timer.elapsed() < 3'000, qPrintable(QString::number(timer.elapsed())));
        // The events before it are still passed.
        EVENTED_VERIFY_OK(projection.waitFor(first.events(), 0));
        // A projection that never ran: the same.
        QCOMPARE(Projection::waitFor(&store, QStringLiteral("never"), first.events(), 100).kind(), Error::Kind::Timeout);

        // Asynchronously: a timeout too, and once it runs again, done.
        QFuture<Error> pending = Projection::waitForAsync(&store, QStringLiteral("counters"), second.events(), 200);
        QCOMPARE(pending.result().kind(), Error::Kind::Timeout);
        QFuture<Error> waiting = Projection::waitForAsync(&store, QStringLiteral("counters"), second.events(), timeoutMs);
        projection.start();
        QTRY_VERIFY_WITH_TIMEOUT(waiting.isFinished(), timeoutMs);
        EVENTED_VERIFY_OK(waiting.result());
        QCOMPARE(viewed(store, counter->id()).toLongLong(), 2);
        projection.stop();
    }

    void inMemoryStore()
    {
        // sqlite::memory: shares one database between the store's connections: the projection's
        // and the one waitForAsync opens.
        if (!isSqlite())
            QSKIP("an in-memory SQLite store");
        EventStore store;
        EVENTED_VERIFY_OK(store.open(QStringLiteral("sqlite::memory:")));
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("counter_view"), QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL")));
        Projection projection(&store, QStringLiteral("counters"));
        viewCounters(projection, store);
        projection.start();
        auto counter = store.load<Counter>(QUuid::createUuid());
        for (quint64 i = 1; i <= 20; ++i) {
            const auto result = store.handle(counter.value(), Increase{1});
            EVENTED_VERIFY_OK(result);
            if (i % 2) {
                EVENTED_VERIFY_OK(projection.waitFor(result.events(), timeoutMs));
            } else {
                QFuture<Error> waiting = Projection::waitForAsync(&store, QStringLiteral("counters"), result.events(), timeoutMs);
                QTRY_VERIFY_WITH_TIMEOUT(waiting.isFinished(), timeoutMs);
                EVENTED_VERIFY_OK(waiting.result());
            }
            QCOMPARE(viewed(store, counter->id()).toULongLong(), i);
        }
        projection.stop();
    }

    void inAnotherProcess()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("seen"), QStringLiteral("seq_no bigint PRIMARY KEY")));
        const QString seen = store.tableName(QStringLiteral("seen"));
        QProcess runner;
        runner.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        runner.start(QCoreApplication::applicationDirPath() + QStringLiteral("/projection_runner"),
                     {schema.url(), QStringLiteral("remote"), seen});
        QVERIFY(runner.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += runner.readAllStandardOutput()).contains("Live"), timeoutMs);

        auto counter = store.load<Counter>(QUuid::createUuid());
        for (int i = 0; i < 5; ++i) {
            const auto result = store.handle(counter.value(), Increase{1});
            EVENTED_VERIFY_OK(result);
            EVENTED_VERIFY_OK(Projection::waitFor(&store, QStringLiteral("remote"), result.events(), timeoutMs));
            QCOMPARE(scalar(schema.db(), QStringLiteral("SELECT count(*) FROM %1 WHERE seq_no = %2")
                                             .arg(schema.table(QStringLiteral("seen")))
                                             .arg(result.events().first().seqNo))
                         .toLongLong(),
                     1);
        }
        const auto last = store.handle(counter.value(), Increase{1});
        QFuture<Error> waiting = Projection::waitForAsync(&store, QStringLiteral("remote"), last.events(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(waiting.isFinished(), timeoutMs);
        EVENTED_VERIFY_OK(waiting.result());
        QCOMPARE(scalar(schema.db(), u"SELECT max(seq_no) FROM " + schema.table(QStringLiteral("seen"))).toLongLong(),
                 last.events().first().seqNo);

        runner.kill();
        QVERIFY(runner.waitForFinished());
    }
};

QTEST_GUILESS_MAIN(tst_WaitFor)
#include "tst_waitfor.moc"
