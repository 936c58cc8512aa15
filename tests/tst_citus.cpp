// The store on a real Citus cluster (scripts/citus.sh: a coordinator and two workers): the
// distributed schema, appends that keep the coordinator's commit order, and a projection that
// never passes a transaction over several workers held between the coordinator's commit and a
// worker's COMMIT PREPARED. The other suites also run here whole (ctest label citus).

#include "tcprelay.h"
#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QPointer>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;
using Status = ProjectionState::Status;

namespace {

constexpr int timeoutMs = 20'000;

/*! Three increases in one command: an append of several events. */
struct IncreaseThrice
{
    Decision<Counter, OutOfRange> handle(const QUuid &id, const Counter &) const
    {
        return {Increased{id, 3}, Increased{id, 4}, Increased{id, 5}};
    }
};

/*!
    One direction of a relayed connection that, once its relay holds, keeps back what it reads
    from the first COMMIT PREPARED on, until the relay releases it.
*/
class HoldingPipe : public QObject
{
public:
    HoldingPipe(QTcpSocket *from, QTcpSocket *to, const std::atomic<bool> &holding, std::atomic<int> &held, QObject *parent)
        : QObject(parent)
        , m_to(to)
    {
        QObject::connect(from, &QTcpSocket::readyRead, this, [this, from, &holding, &held] {
            const QByteArray bytes = from->readAll();
            if (!m_holding && holding && bytes.contains("COMMIT PREPARED")) {
                m_holding = true;
                ++held;
            }
            if (m_holding)
                m_kept += bytes;
            else if (m_to)
                m_to->write(bytes);
        });
    }
    void release()
    {
        m_holding = false;
        if (m_to)
            m_to->write(std::exchange(m_kept, {}));
    }

private:
    QPointer<QTcpSocket> m_to;
    bool m_holding = false;
    QByteArray m_kept;
};

/*! A relay between Citus and one worker that can hold a two-phase commit between the
    coordinator's commit and the worker's COMMIT PREPARED. */
class CommitHoldingRelay : public TcpRelay
{
public:
    explicit CommitHoldingRelay(quint16 target)
        : TcpRelay(QStringLiteral("127.0.0.1"), target)
    {
        start();
    }
    ~CommitHoldingRelay() override { stop(); }

    /*! From now on, the first connection to send COMMIT PREPARED is held. */
    void hold() { m_holding = true; }
    /*! How many connections are held. */
    int held() const { return m_held; }
    void release()
    {
        m_holding = false;
        QMetaObject::invokeMethod(this, [this] {
            for (const QPointer<HoldingPipe> &pipe : std::as_const(m_pipes)) {
                if (pipe)
                    pipe->release();
            }
        });
    }

private:
    void pipe(QTcpSocket *client, QTcpSocket *server) override
    {
        m_pipes.append(new HoldingPipe(client, server, m_holding, m_held, client));
        QObject::connect(server, &QTcpSocket::readyRead, client, [client, server] { client->write(server->readAll()); });
    }

    std::atomic<bool> m_holding = false;
    std::atomic<int> m_held = 0;
    QList<QPointer<HoldingPipe>> m_pipes; // in the relay's thread
};

/*! The port of the worker that holds the shard of \a entity in \a schema's event table. */
int workerPortOf(Schema &schema, const QUuid &entity)
{
    return scalar(schema.db(), u"SELECT n.nodeport FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid) "
                               u"WHERE p.shardid = get_shard_id_for_distribution_column('"
                                   + schema.table(QStringLiteral("event")) + u"', '" + entity.toString(QUuid::WithoutBraces)
                                   + u"')")
        .toInt();
}

/*! A new entity id whose events live on the worker at \a port. */
QUuid entityOnWorker(Schema &schema, int port)
{
    for (;;) {
        const QUuid id = QUuid::createUuid();
        if (workerPortOf(schema, id) == port)
            return id;
    }
}

} // namespace

class tst_Citus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QSqlDatabase db = rawConnection();
        const QVariant citus = scalar(db, QStringLiteral("SELECT extversion FROM pg_extension WHERE extname = 'citus'"));
        closeConnection(db);
        if (!citus.isValid())
            QSKIP("the test server is not a Citus coordinator (scripts/citus.sh)");
    }

    void distributedSchema()
    {
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(QStringLiteral("distribute=true"))));
        QVERIFY(store.isDistributed());
        const auto placement = [&schema](const char *table) {
            return scalar(schema.db(), u"SELECT partmethod::text || ':' || colocationid FROM pg_dist_partition WHERE logicalrelid = '"
                                           + schema.table(QLatin1StringView(table)) + u"'::regclass")
                .toString();
        };
        const QString events = placement("event");
        QVERIFY2(events.startsWith(u"h:"), qPrintable(events));
        QCOMPARE(placement("snapshot"), events); // sharded beside the events
        QCOMPARE(placement("command"), events);
        QCOMPARE(placement("projection"), QStringLiteral("n:0")); // the coordinator's, known to Citus
        QCOMPARE(placement("projection_lease"), QString()); // an ordinary table
        QCOMPARE(scalar(schema.db(), u"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"
                                         + schema.table(QStringLiteral("event")) + u"'::regclass AND contype = 'p'")
                     .toString(),
                 QStringLiteral("PRIMARY KEY (entity_id, seq_no)"));

        // An event written as evented writes it, through the coordinator, is folded.
        const QUuid id = QUuid::createUuid();
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) VALUES ('" + id.toString(QUuid::WithoutBraces)
                              + u"', 1, 'counter', '{\"Increased\": {\"id\": \"" + id.toString(QUuid::WithoutBraces)
                              + u"\", \"inc\": 40}}', 'null')");
        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(counter);
        QCOMPARE(counter->state().value, 40u);

        // Opened again without the option, the store knows it is distributed; a second
        // distribution changes nothing.
        store.close();
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(store.isDistributed());
        store.close();
        EVENTED_VERIFY_OK(store.open(schema.url(QStringLiteral("distribute=true"))));
        QCOMPARE(placement("event"), events);
        QCOMPARE(store.load<Counter>(id)->state().value, 40u);

        // Tables of one's own, sharded beside the entities or copied to every node.
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("balances"), QStringLiteral("id uuid PRIMARY KEY, balance bigint"),
                                            TableDistribution::byEntity(QStringLiteral("id"))));
        QCOMPARE(placement("balances"), events);
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("emails"), QStringLiteral("email text PRIMARY KEY"),
                                            TableDistribution::reference()));
        QVERIFY(placement("emails").startsWith(u"n:"));
        const Error notEntities = store.ensureTable(QStringLiteral("wrong"), QStringLiteral("id bigint PRIMARY KEY"),
                                                    TableDistribution::byEntity(QStringLiteral("id")));
        QCOMPARE(notEntities.kind(), Error::Kind::Database); // Citus: not co-locatable with uuid
    }

    void shippedPluginsKeepTheirViews()
    {
        // eventedctl migrate --distributed, then the plugins' setups as a command runs them: the
        // counter's and the accounts' views beside their entities, the users' e-mail index on
        // every node; a user registered through it is found by its address.
#ifndef EVENTEDCTL
        QSKIP("built without eventedctl (EVENTED_BUILD_TOOLS)");
#else
        Schema schema(Backend::PostgreSQL, {});
        const auto eventedctl = [&schema](const QStringList &args) {
            QProcess process;
            process.setProgram(QStringLiteral(EVENTEDCTL));
            process.setArguments(QStringList{QStringLiteral("--plugin-path"), QStringLiteral(EVENTED_PLUGIN_DIR),
                                             QStringLiteral("--url"), schema.url()}
                                 + args);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
            process.setProcessEnvironment(env);
            process.start();
            process.waitForFinished(60'000);
            return std::pair(process.exitCode(), QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
        };
        const auto migrated = eventedctl({QStringLiteral("migrate"), QStringLiteral("--distributed")});
        QCOMPARE(migrated.first, 0);
        QVERIFY2(migrated.second.contains(u"distributed over a Citus cluster"), qPrintable(migrated.second));
        const QString user = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto sent = eventedctl({QStringLiteral("send"), QStringLiteral("user"), user, QStringLiteral("Register"),
                                      QStringLiteral(R"({"email": "ada@example.org", "name": "Ada"})")});
        QVERIFY2(sent.first == 0, qPrintable(sent.second));
        const auto placement = [&schema](const char *table) {
            return scalar(schema.db(), u"SELECT partmethod::text || ':' || colocationid FROM pg_dist_partition WHERE logicalrelid = '"
                                           + schema.table(QLatin1StringView(table)) + u"'::regclass")
                .toString();
        };
        const QString events = placement("event");
        QCOMPARE(placement("counter_projection"), events);
        QCOMPARE(placement("account"), events);
        QCOMPARE(scalar(schema.db(), u"SELECT repmodel::text FROM pg_dist_partition WHERE logicalrelid = '"
                                         + schema.table(QStringLiteral("user_email")) + u"'::regclass")
                     .toString(),
                 QStringLiteral("t")); // a reference table: replicated by two-phase commit
        QCOMPARE(scalar(schema.db(), u"SELECT user_id::text FROM " + schema.table(QStringLiteral("user_email"))
                                         + u" WHERE email = 'ada@example.org'")
                     .toString(),
                 user);
        const auto again = eventedctl({QStringLiteral("send"), QStringLiteral("user"), QUuid::createUuid().toString(QUuid::WithoutBraces),
                                       QStringLiteral("Register"), QStringLiteral(R"({"email": "ada@example.org", "name": "Eve"})")});
        QVERIFY2(again.first != 0 && again.second.contains(u"belongs to another user"), qPrintable(again.second));
#endif
    }

    void distributionNeedsCitus()
    {
        QTemporaryDir dir;
        EventStore store;
        const Error refused = store.open(u"sqlite:" + dir.filePath(QStringLiteral("x.db")) + u"?distribute=true");
        QCOMPARE(refused.kind(), Error::Kind::InvalidArgument);
        QVERIFY2(refused.message().contains(u"distribute"), qPrintable(refused.message()));
    }

    void appendsCarryTheCoordinatorsOrder()
    {
        // Every form of append, routed through the coordinator, takes the coordinator's seq_no and
        // transaction id: a statement that Citus ran on a worker as a whole would take that
        // worker's (seq_nos from 2^48 up, for the first worker).
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(QStringLiteral("distribute=true"))));
        const QString event = schema.table(QStringLiteral("event"));
        const qint64 before = scalar(schema.db(), QStringLiteral("SELECT pg_current_xact_id()::text::bigint")).toLongLong();
        for (int i = 0; i < 10; ++i) {
            auto counter = store.load<Counter>(QUuid::createUuid());
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));              // one event
            EVENTED_VERIFY_OK(store.handle(counter.value(), IncreaseThrice{}));         // several
            CommandOptions options;
            options.commandId = QUuid::createUuid();
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{2}, options));     // recorded
            QVERIFY(store.handle(counter.value(), Increase{2}, options).isRepeat());     // and known again
            auto stale = store.load<Counter>(counter->id());
            EVENTED_VERIFY_OK(store.handle(stale.value(), Increase{1}));
        }
        const qint64 after = scalar(schema.db(), QStringLiteral("SELECT pg_current_xact_id()::text::bigint")).toLongLong();
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + event + u" WHERE seq_no >= 281474976710656").toLongLong(), 0);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + event + u" WHERE transaction_id::text::bigint NOT BETWEEN "
                                         + QString::number(before) + u" AND " + QString::number(after))
                     .toLongLong(),
                 0);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + event).toLongLong(), 10 * 6);
    }

    void projectionWaitsForTwoPhaseCommit()
    {
        Schema schema(Backend::PostgreSQL, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url(QStringLiteral("distribute=true"))));
        const QString event = schema.table(QStringLiteral("event"));
        const QString seen = schema.table(QStringLiteral("seen"));
        EXEC(schema.db(), u"CREATE TABLE " + seen + u" (n bigserial PRIMARY KEY, seq_no bigint NOT NULL UNIQUE)");

        // The second worker is reached through the relay from here on.
        QSqlDatabase &db = schema.db();
        const QUuid first = QUuid::createUuid();
        const int firstPort = workerPortOf(schema, first);
        const int secondPort = scalar(db, u"SELECT nodeport FROM pg_dist_node WHERE noderole = 'primary' AND groupid > 0 "
                                          u"AND nodeport <> " + QString::number(firstPort) + u" ORDER BY nodeport LIMIT 1").toInt();
        QVERIFY(secondPort > 0);
        const int secondNode = scalar(db, u"SELECT nodeid FROM pg_dist_node WHERE nodeport = " + QString::number(secondPort)).toInt();
        const QUuid second = entityOnWorker(schema, secondPort);
        const QUuid later[] = {entityOnWorker(schema, firstPort), entityOnWorker(schema, secondPort)};
        CommitHoldingRelay relay{quint16(secondPort)};
        EXEC(db, QStringLiteral("SELECT citus_update_node(%1, '127.0.0.1', %2)").arg(secondNode).arg(relay.port()));
        const auto restore = qScopeGuard([&] {
            relay.release();
            QSqlQuery(db).exec(QStringLiteral("SELECT citus_update_node(%1, '127.0.0.1', %2)").arg(secondNode).arg(secondPort));
        });

        Projection projection(&store, QStringLiteral("seen"));
        projection.setPollInterval(50);
        projection.setHandler([seen](const RecordedEvent &recorded, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("INSERT INTO %1 (seq_no) VALUES (%2)").arg(seen).arg(recorded.seqNo));
            return ListenerResult::check(query);
        });
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Live, timeoutMs);

        // A transaction over both workers, as evented (or any client) writes one, held between
        // the coordinator's commit and the second worker's COMMIT PREPARED.
        relay.hold();
        const QString values = QStringLiteral("('%1', 1, 'counter', '{\"Increased\": {\"inc\": 1}}', 'null'), "
                                              "('%2', 1, 'counter', '{\"Increased\": {\"inc\": 1}}', 'null')")
                                   .arg(first.toString(QUuid::WithoutBraces), second.toString(QUuid::WithoutBraces));
        std::atomic<qint64> heldTransaction = 0;
        std::atomic<bool> committed = false;
        std::thread writer([&] {
            QSqlDatabase own = rawConnection(QStringLiteral("writer"));
            QSqlQuery query(own);
            bool ok = own.transaction() && query.exec(QStringLiteral("SELECT pg_current_xact_id()::text::bigint")) && query.next();
            heldTransaction = ok ? query.value(0).toLongLong() : -1;
            ok = ok && query.exec(u"INSERT INTO " + event + u" (entity_id, version, type_name, event, metadata) VALUES " + values);
            committed = ok && own.commit();
            query = QSqlQuery();
            closeConnection(own);
        });
        const auto joined = qScopeGuard([&] {
            relay.release();
            writer.join();
        });
        QTRY_VERIFY_WITH_TIMEOUT(relay.held() > 0 || committed, timeoutMs);
        QVERIFY2(!committed, "the transaction committed on both workers at once: no two-phase commit was held");
        QVERIFY(heldTransaction > 0);

        // The window is real: the coordinator's barrier is past the transaction, whose event on
        // the second worker is not visible.
        const qint64 coordinatorBarrier =
            scalar(db, QStringLiteral("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).toLongLong();
        QVERIFY2(heldTransaction < coordinatorBarrier, qPrintable(QStringLiteral("%1 %2").arg(heldTransaction).arg(coordinatorBarrier)));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM " + event + u" WHERE entity_id = '" + second.toString(QUuid::WithoutBraces) + u"'")
                     .toLongLong(),
                 0);

        // Later commands on both workers commit; the projection reads none of them, nor the
        // held transaction's event that is visible, and says it waits.
        for (const QUuid &id : later) {
            auto counter = store.load<Counter>(id);
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}));
        }
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, Status::Waiting, timeoutMs);
        QTest::qWait(300); // polls at 50 ms: several pages' worth of chances to pass it
        QCOMPARE(projection.state().status, Status::Waiting);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM " + seen).toLongLong(), 0);

        // Released, the transaction commits on the second worker, and the projection applies all
        // four events once, in commit order: the held transaction's two before the later two.
        relay.release();
        QTRY_VERIFY_WITH_TIMEOUT(committed.load(), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(db, u"SELECT count(*) FROM " + seen).toLongLong(), 4, timeoutMs);
        QSqlQuery order(db);
        QVERIFY(order.exec(u"SELECT e.transaction_id::text::bigint FROM " + seen + u" s JOIN " + event
                           + u" e ON e.seq_no = s.seq_no ORDER BY s.n"));
        QList<qint64> transactions;
        while (order.next())
            transactions.append(order.value(0).toLongLong());
        QCOMPARE(transactions.size(), 4);
        QCOMPARE(transactions.at(0), heldTransaction.load());
        QCOMPARE(transactions.at(1), heldTransaction.load());
        QVERIFY(transactions.at(2) > heldTransaction && transactions.at(3) > transactions.at(2));
        projection.stop();
    }
};

QTEST_GUILESS_MAIN(tst_Citus)
#include "tst_citus.moc"
