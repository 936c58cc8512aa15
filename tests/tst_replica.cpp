// Streaming replicas: a store given a hot standby (scripts/standby.sh, started as a ctest
// fixture) reads its event log and its projections' pages there, and writes on the primary.
// Label: ha.

#include "testcounter.h"
#include "seentable.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/storeurl.h>

#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>

using namespace Evented;
using namespace TestDomain;
using namespace TestSupport;
using Status = ProjectionState::Status;
using ReadsFrom = ProjectionState::ReadsFrom;

namespace {

constexpr int timeoutMs = 20000;

/*! host:port of the test's standby. */
QString standbyAddress()
{
    return QStringLiteral("127.0.0.1:") + qEnvironmentVariable("EVENTED_STANDBY_PORT");
}

/*! A plain connection to the standby. */
QSqlDatabase standbyConnection()
{
    static QAtomicInteger<int> counter;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("standby-%1").arg(counter++));
    const QUrl url(serverUrl());
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(qEnvironmentVariableIntValue("EVENTED_STANDBY_PORT"));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    if (!db.open())
        qFatal("cannot connect to the standby: %s", qPrintable(db.lastError().text()));
    return db;
}

/*! Runs scripts/standby.sh with \a command; true when it succeeded. */
bool standby(const QString &command)
{
    QProcess script;
    script.start(QStringLiteral(EVENTED_STANDBY_SCRIPT), {command});
    if (!script.waitForFinished(60000) || script.exitCode() != 0) {
        qWarning() << "standby.sh" << command << "failed:" << script.readAllStandardError();
        return false;
    }
    return true;
}

QUuid appendCounter(EventStore &store, int n)
{
    const QUuid id = QUuid::createUuid();
    auto counter = store.load<Counter>(id);
    for (int i = 0; i < n; ++i) {
        if (!succeeded(store.handle(counter.value(), Increase{1})))
            return {};
    }
    return id;
}

QString rawEvent(Schema &schema, const QUuid &id, qint64 version)
{
    return u"INSERT INTO " + schema.table(QStringLiteral("event"))
        + QStringLiteral(" (entity_id, version, type_name, event, metadata) VALUES ('%1', %2, 'counter', "
                         "'{\"Increased\": {\"inc\": 1}}', 'null')")
              .arg(id.toString(QUuid::WithoutBraces))
              .arg(version);
}

/*! The events of \a id that \a store's event log reads. */
qsizetype logged(EventStore &store, const QUuid &id, Error *error = nullptr)
{
    EventFilter filter;
    filter.entityId = id;
    const auto page = EventLog(&store).page(filter, 0, 1000);
    if (error)
        *error = page ? Error() : page.error();
    return page ? page.value().size() : -1;
}

/*! Collects the warnings of category evented.store that mention a replica, while it lives. */
class ReplicaWarnings
{
public:
    ReplicaWarnings() { previous = qInstallMessageHandler(&ReplicaWarnings::handle); }
    ~ReplicaWarnings() { qInstallMessageHandler(previous); }
    static QStringList taken()
    {
        QMutexLocker lock(&mutex);
        return messages;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type == QtWarningMsg && message.contains(u"replica")) {
            QMutexLocker lock(&mutex);
            messages << message;
        }
        if (previous)
            previous(type, context, message);
    }
    static inline QtMessageHandler previous = nullptr;
    static inline QMutex mutex;
    static inline QStringList messages;
};

} // namespace

class tst_Replica : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("no port") << QStringLiteral("replica=127.0.0.1");
        QTest::newRow("port 0") << QStringLiteral("replica=127.0.0.1:0");
        QTest::newRow("empty") << QStringLiteral("replica=");
        QTest::newRow("empty in the list") << QStringLiteral("replica=127.0.0.1:5432,");
        QTest::newRow("with a user") << QStringLiteral("replica=me@127.0.0.1:5432");
        QTest::newRow("negative wait") << QStringLiteral("replica_wait_ms=-1");
        QTest::newRow("ports do not match the hosts") << QStringLiteral("host=a,b,c&port=1,2");
        QTest::newRow("bad port list") << QStringLiteral("host=a,b&port=1,x");
    }

    void badOptions()
    {
        QFETCH(QString, option);
        EventStore store;
        const Error error = store.open(serverUrl() + u'?' + option);
        QCOMPARE(error.kind(), Error::Kind::InvalidArgument);
        QVERIFY(!error.message().isEmpty());
        QVERIFY(!store.isOpen());
    }

    void replicaOnSqlite()
    {
        QTemporaryDir dir;
        EventStore store;
        QCOMPARE(store.open(u"sqlite:" + dir.filePath(QStringLiteral("x.db")) + u"?replica=127.0.0.1:5432").kind(),
                 Error::Kind::InvalidArgument);
    }

    void normalizedUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("one host") << QStringLiteral("postgresql://u:p@h:1/db?x=1") << QStringLiteral("postgresql://u:p@h:1/db?x=1");
        QTest::newRow("two hosts") << QStringLiteral("postgresql://u:p@h1:1,h2:2/db?target_session_attrs=read-write")
                                   << QStringLiteral("postgresql://u:p@h1:1/db?target_session_attrs=read-write&host=h1,h2&port=1,2");
        QTest::newRow("default port, no query") << QStringLiteral("postgres://h1,h2:7/db")
                                                << QStringLiteral("postgres://h1/db?host=h1,h2&port=5432,7");
        QTest::newRow("IPv6") << QStringLiteral("postgresql://u@[::1]:5,h:6/db") << QStringLiteral("postgresql://u@[::1]:5/db?host=::1,h&port=5,6");
        QTest::newRow("sqlite") << QStringLiteral("sqlite:/a,b.db") << QStringLiteral("sqlite:/a,b.db");
    }

    void normalizedUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, normalized);
        QCOMPARE(normalizeStoreUrl(url), normalized);
        QVERIFY(QUrl(normalizeStoreUrl(url), QUrl::StrictMode).isValid());
    }

    void multiHostUrl()
    {
        // The standby first: target_session_attrs=read-write passes it over for the primary;
        // a host that refuses connections is passed over too.
        Schema schema(Backend::PostgreSQL, {});
        const QUrl primary(serverUrl());
        const QString hosts = QStringLiteral("postgresql://%1:%2@127.0.0.1:1,%3,127.0.0.1:%4%5?target_session_attrs=read-write&schema=%6")
                                  .arg(primary.userName(), primary.password(), standbyAddress())
                                  .arg(primary.port())
                                  .arg(primary.path(), schema.name());
        EventStore store;
        EVENTED_VERIFY_OK(store.open(hosts));
        QCOMPARE(scalar(schema.db(), QStringLiteral("SELECT 1")).toInt(), 1);
        QSqlDatabase db = store.database();
        QCOMPARE(scalar(db, QStringLiteral("SELECT inet_server_port()")).toInt(), primary.port());
        QVERIFY(!appendCounter(store, 2).isNull());
        QCOMPARE(eventCount(schema), 2);
    }

    void barrierOnStandby()
    {
        // A transaction of the primary stays open with the lowest transaction id while later
        // ones commit; the standby's snapshot (replayed from the primary's log) must hold its
        // barrier below it, and the projection reading there must not pass it.
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(u"replica=" + standbyAddress())));
        const QString seen = createSeen(schema);
        QVERIFY(!appendCounter(store, 2).isNull());

        QSqlDatabase slow = schema.connection(QStringLiteral("slow"));
        QVERIFY(slow.transaction());
        EXEC(slow, rawEvent(schema, QUuid::createUuid(), 1));
        const QString slowXid = scalar(slow, QStringLiteral("SELECT pg_current_xact_id()::text")).toString();
        QVERIFY(!appendCounter(store, 3).isNull());

        QSqlDatabase replica = standbyConnection();
        const QString events = schema.table(QStringLiteral("event"));
        QTRY_COMPARE_WITH_TIMEOUT(scalar(replica, u"SELECT count(*) FROM " + events).toInt(), 5, timeoutMs);
        QVERIFY(scalar(replica, QStringLiteral("SELECT pg_is_in_recovery()")).toBool());
        // The proof: the standby's xmin is not above the open transaction's id, although three
        // transactions with higher ids committed and were replayed.
        QVERIFY2(scalar(replica, u"SELECT pg_snapshot_xmin(pg_current_snapshot()) <= '" + slowXid + u"'::xid8").toBool(),
                 qPrintable(scalar(replica, QStringLiteral("SELECT pg_current_snapshot()::text")).toString() + u" vs "
                            + slowXid));

        Projection projection(&store, QStringLiteral("ordered"));
        projection.setHandler(recordInto(seen));
        projection.setBatchSize(2);
        projection.start();
        QTRY_VERIFY_WITH_TIMEOUT(projection.state().status == Status::Waiting, timeoutMs);
        QCOMPARE(projection.state().readsFrom, ReadsFrom::Replica);
        QCOMPARE(count(schema, seen), 2);

        QVERIFY(slow.commit());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 6, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        QVERIFY(exact(schema, seen));
        QTRY_VERIFY_WITH_TIMEOUT(projection.state().replayLagBytes >= 0, timeoutMs);
        QVERIFY(ProjectionState::readsFromText(ReadsFrom::Replica, 0).contains(u"0"));
        projection.stop();
        closeConnection(slow);
        closeConnection(replica);
    }

    void concurrentWritersExact()
    {
        // Four processes append at once on the primary while the projection reads from the
        // standby: every event handled exactly once (the view's key refuses a second).
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(u"replica=" + standbyAddress())));
        const QString seen = createSeen(schema);
        Projection projection(&store, QStringLiteral("exact"));
        projection.setHandler(recordInto(seen));
        projection.setBatchSize(50);
        projection.start();

        constexpr int writers = 4;
        constexpr int each = 150;
        QList<QProcess *> processes;
        for (int i = 0; i < writers; ++i) {
            auto *process = new QProcess(this);
            // Two writers share a counter: their races end as typed conflicts, retried.
            const QUuid id = i < 2 ? QUuid::fromString(QStringLiteral("{6a1f0000-0000-4000-8000-000000000001}")) : QUuid::createUuid();
            process->start(QStringLiteral(APPEND_RUNNER), {schema.url(), id.toString(), QString::number(each)});
            processes << process;
        }
        for (QProcess *process : std::as_const(processes)) {
            QVERIFY(process->waitForFinished(120000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            delete process;
        }
        QCOMPARE(eventCount(schema), writers * each);
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), writers * each, 60000);
        QVERIFY(exact(schema, seen));
        // (The first pages may have come from the primary, if the standby had not replayed the
        // store's tables yet when the projection started.)
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().readsFrom, ReadsFrom::Replica, timeoutMs);
        // After its last full page it is CatchingUp until its next pass finds nothing more.
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);
        projection.stop();
    }

    void readYourWrites()
    {
        // The event log reads from the replica, after it replayed this store's own commits.
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(u"replica=" + standbyAddress() + u"&replica_wait_ms=500")));
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        for (int i = 1; i <= 20; ++i) {
            const QUuid id = appendCounter(store, 1);
            QVERIFY(!id.isNull());
            QCOMPARE(logged(store, id), 1);
        }

        // Replay paused on the standby: another store's commit is not seen through the replica
        // (so the reads go there), this store's own commit is (from the primary, after the wait).
        QSqlDatabase replica = standbyConnection();
        EXEC(replica, QStringLiteral("SELECT pg_wal_replay_pause()"));
        auto resume = qScopeGuard([&replica] { QSqlQuery(replica).exec(QStringLiteral("SELECT pg_wal_replay_resume()")); });
        QTRY_COMPARE_WITH_TIMEOUT(scalar(replica, QStringLiteral("SELECT pg_get_wal_replay_pause_state()")).toString(),
                                  QStringLiteral("paused"), timeoutMs);
        (void)logged(store, QUuid::createUuid()); // the replica has replayed all of this store's commits
        const QUuid theirs = appendCounter(other, 1);
        QCOMPARE(logged(store, theirs), 0);
        ReplicaWarnings warnings;
        const QUuid mine = appendCounter(store, 1);
        QCOMPARE(logged(store, mine), 1);
        QVERIFY2(!warnings.taken().isEmpty(), "no warning that the replica did not replay in time");
        QCOMPARE(logged(store, theirs), 1); // read on the primary, still waiting for the replica
        QSqlQuery(replica).exec(QStringLiteral("SELECT pg_wal_replay_resume()"));
        QCOMPARE(logged(store, mine), 1);
        resume.dismiss();
        closeConnection(replica);
    }

    void stoppedStandbyFallsBack()
    {
        // A stopped standby: reads go to the primary with a warning (the one read that was on
        // the replica's connection when it went may fail as ConnectionLost), the projection
        // goes on from the primary, and both come back to the replica when it is up again.
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(u"replica=" + standbyAddress())));
        const QString seen = createSeen(schema);
        Projection projection(&store, QStringLiteral("fallback"));
        projection.setHandler(recordInto(seen));
        projection.setPollInterval(200);
        projection.start();
        QVERIFY(!appendCounter(store, 3).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 3, timeoutMs);
        QCOMPARE(projection.state().readsFrom, ReadsFrom::Replica);

        ReplicaWarnings warnings;
        const auto restart = qScopeGuard([] { standby(QStringLiteral("start")); });
        QVERIFY(standby(QStringLiteral("stop")));
        const QUuid id = appendCounter(store, 2);
        QVERIFY(!id.isNull());
        Error error;
        qsizetype read = logged(store, id, &error);
        if (read < 0) {
            QCOMPARE(error.kind(), Error::Kind::ConnectionLost);
            read = logged(store, id, &error);
        }
        QCOMPARE(read, 2);
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 5, timeoutMs);
        QVERIFY(exact(schema, seen));
        QCOMPARE(projection.state().readsFrom, ReadsFrom::PrimaryFallback);
        QVERIFY2(!warnings.taken().isEmpty(), "no warning that the replica cannot be read");
        QVERIFY(warnings.taken().first().contains(u"reading from the primary"));

        QVERIFY(standby(QStringLiteral("start")));
        QVERIFY(!appendCounter(store, 1).isNull());
        QTRY_VERIFY_WITH_TIMEOUT(projection.state().readsFrom == ReadsFrom::Replica, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(count(schema, seen), 6, timeoutMs);
        QVERIFY(exact(schema, seen));
        projection.stop();
    }
};

QTEST_GUILESS_MAIN(tst_Replica)
#include "tst_replica.moc"
