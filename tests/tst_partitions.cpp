// Partitioned projections: each entity's events in one partition and in commit order, under
// concurrent writers; partitions shared by two processes, and taken over when one is killed.

#include "testcounter.h"
#include "testsupport.h"
#include "writers.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;
using Status = ProjectionState::Status;

namespace {

constexpr int timeoutMs = 30'000;

QMap<QString, ProjectionState> storedStates(EventStore &store, const QString &prefix)
{
    QMap<QString, ProjectionState> states;
    const auto read = ProjectionState::read(&store);
    for (const ProjectionState &state : read.value())
        if (state.name.startsWith(prefix))
            states.insert(state.name, state);
    return states;
}

/*! Which process runs each partition of \a prefix actively, by pid: {pid → partitions}. */
QMap<qint64, int> activeOwners(EventStore &store, const QString &prefix)
{
    QMap<qint64, int> owners;
    for (const ProjectionState &state : storedStates(store, prefix)) {
        if (state.status == Status::Live || state.status == Status::CatchingUp || state.status == Status::Waiting)
            ++owners[state.owner.section(u':', -1).toLongLong()];
    }
    return owners;
}

} // namespace

class tst_Partitions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void eachEntityInOnePartitionInOrder()
    {
        Schema schema;
        const QString seen = schema.table(QStringLiteral("seen"));
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EXEC(schema.db(), u"CREATE TABLE " + seen + u" (seq_no bigint PRIMARY KEY, entity text, version bigint, ord bigint, part text)");
        std::atomic<qint64> order = 0;
        Projection projection(&store, QStringLiteral("parts"));
        projection.setHandler([seen, &order](const RecordedEvent &event, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(u"INSERT INTO " + seen + u" (seq_no, entity, version, ord, part) VALUES (?, ?, ?, ?, ?)");
            query.addBindValue(event.seqNo);
            query.addBindValue(event.entityId.toString(QUuid::WithoutBraces));
            query.addBindValue(event.version);
            query.addBindValue(++order);
            query.addBindValue(QThread::currentThread()->objectName());
            query.exec();
            return ListenerResult::check(query);
        });
        projection.setPartitions(4);
        projection.setBatchSize(7);
        projection.setPollInterval(50);
        projection.start();

        const int committed = appendConcurrently(schema.url(), 3, 6, 15);
        QCOMPARE(committed, 3 * 6 * 15);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), u"SELECT count(*) FROM " + seen).toInt(), committed, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        // Every event once; each entity's events in one partition and in the order of their versions.
        QVERIFY(scalar(schema.db(), u"SELECT NOT EXISTS (SELECT 1 FROM " + schema.table(QStringLiteral("event")) + u" e FULL JOIN "
                                        + seen + u" s USING (seq_no) WHERE e.seq_no IS NULL OR s.seq_no IS NULL)")
                    .toBool());
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM (SELECT entity FROM " + seen
                                         + u" GROUP BY entity HAVING count(DISTINCT part) > 1) x")
                     .toInt(),
                 0);
        QVERIFY(scalar(schema.db(), u"SELECT count(DISTINCT part) FROM " + seen).toInt() >= 2);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + seen + u" a JOIN " + seen
                                         + u" b ON a.entity = b.entity AND a.version < b.version AND a.ord > b.ord")
                     .toInt(),
                 0);

        // A position, a digest and a lease per partition.
        const QMap<QString, ProjectionState> states = storedStates(store, QStringLiteral("parts#"));
        QCOMPARE(states.keys(), (QStringList{QStringLiteral("parts#0/4"), QStringLiteral("parts#1/4"), QStringLiteral("parts#2/4"),
                                             QStringLiteral("parts#3/4")}));
        for (const QString &name : states.keys()) {
            const Result<ProjectionDigestCheck> check = Projection::verify(&store, name);
            EVENTED_VERIFY_OK(check);
            QVERIFY2(check->matches, qPrintable(name));
            QCOMPARE(check->storedEvents, qint64(committed)); // each passed every event
        }
        QCOMPARE(projection.partitionStates().size(), 4);

        // Read-your-writes waits for every partition.
        auto counter = store.load<Counter>(QUuid::createUuid());
        const auto outcome = store.handle(counter.value(), Increase{1});
        QVERIFY(outcome.isApplied());
        EVENTED_VERIFY_OK(Projection::waitFor(&store, QStringLiteral("parts"), outcome.events(), timeoutMs));
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + seen).toInt(), committed + 1);

        // A reset sets every partition back, and the view is built again the same.
        projection.setResetHandler([seen](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(u"DELETE FROM " + seen);
            return ListenerResult::check(query);
        });
        EVENTED_VERIFY_OK(projection.reset(true));
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), u"SELECT count(*) FROM " + seen).toInt(), committed + 1, timeoutMs);
        projection.stop();
    }

    void sharedByTwoProcessesOneKilled()
    {
        Schema schema;
        const QString seen = schema.table(QStringLiteral("seen"));
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EXEC(schema.db(), u"CREATE TABLE " + seen + u" (seq_no bigint PRIMARY KEY)");
        const QString runner = QCoreApplication::applicationDirPath() + QStringLiteral("/projection_runner");
        const QStringList arguments{schema.url(), QStringLiteral("shared"), seen, QStringLiteral("4")};
        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(runner, arguments);
        QVERIFY(first.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(activeOwners(store, QStringLiteral("shared#")).value(first.processId()), 4, timeoutMs);

        // A second instance: the first gives two partitions up to it.
        QProcess second;
        second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        second.start(runner, arguments);
        QVERIFY(second.waitForStarted());
        const QMap<qint64, int> shared{{first.processId(), 2}, {second.processId(), 2}};
        QTRY_COMPARE_WITH_TIMEOUT(activeOwners(store, QStringLiteral("shared#")), shared, timeoutMs);

        const int before = appendConcurrently(schema.url(), 2, 4, 8);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), u"SELECT count(*) FROM " + seen).toInt(), before, timeoutMs);

        // Killed: its partitions go to the other one once their leases end, and nothing is lost.
        second.kill();
        QVERIFY(second.waitForFinished());
        const int after = appendConcurrently(schema.url(), 2, 4, 8);
        QTRY_COMPARE_WITH_TIMEOUT(activeOwners(store, QStringLiteral("shared#")).value(first.processId()), 4, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), u"SELECT count(*) FROM " + seen).toInt(), before + after, timeoutMs);
        QVERIFY(scalar(schema.db(), u"SELECT NOT EXISTS (SELECT 1 FROM " + schema.table(QStringLiteral("event")) + u" e FULL JOIN "
                                        + seen + u" s USING (seq_no) WHERE e.seq_no IS NULL OR s.seq_no IS NULL)")
                    .toBool());
        first.terminate();
        QVERIFY(first.waitForFinished());
    }
};

QTEST_GUILESS_MAIN(tst_Partitions)
#include "tst_partitions.moc"
