// The store behind a real PgBouncer (scripts/pgbouncer.sh, started by ctest) in transaction and
// session mode: commands from several eventedctl processes, two eventedctl run instances of one
// projection, the lease's fencing of an instance that was paused past it, and how projections are
// woken through a pooler. Also the pooler options' errors and the literals that transaction mode
// writes into its statements.

#include "testcounter.h"
#include "testoutcomes.h"
#include "testsupport.h"

#include "dialect_p.h"
#include "storequery_p.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QProcess>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Evented;
using namespace TestDomain;
using namespace TestSupport;

namespace {

constexpr int timeoutMs = 30'000;

QString poolerUrl(const char *mode)
{
    const QString url = qEnvironmentVariable(mode[0] == 't' ? "EVENTED_TEST_POOLER_TRANSACTION_URL"
                                                             : "EVENTED_TEST_POOLER_SESSION_URL");
    if (url.isEmpty())
        qFatal("the pooler URLs are not set: run the tests through ctest, which starts PgBouncer");
    return url;
}

/*! \a pooled (a URL with ?pooler=…) with schema=\a schema added. */
QString inSchema(const QString &pooled, const Schema &schema)
{
    return withSchema(pooled, schema.name());
}

/*! eventedctl with \a args, without a store or plugins from the environment. */
void prepare(QProcess &process, const QStringList &args)
{
    process.setProgram(QStringLiteral(EVENTEDCTL));
    process.setArguments(QStringList{QStringLiteral("--plugin-path"), QStringLiteral(EVENTED_PLUGIN_DIR)} + args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EVENTED_URL"));
    env.remove(QStringLiteral("EVENTED_PLUGIN_PATH"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
}

/*! An eventedctl run --projection counter in the background, with what it printed so far. */
struct Host
{
    QProcess process;
    QByteArray output;

    Host(const QString &url, int leaseMs)
    {
        prepare(process, {QStringLiteral("--url"), url, QStringLiteral("run"), QStringLiteral("--projection"),
                          QStringLiteral("counter"), QStringLiteral("--lease"), QString::number(leaseMs)});
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start();
    }
    ~Host()
    {
        if (QTest::currentTestFailed())
            qWarning("eventedctl run printed:\n%s", QByteArray(output + process.readAllStandardOutput()).constData());
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGCONT);
            process.kill();
            process.waitForFinished();
        }
    }
    bool printed(const char *text)
    {
        output += process.readAllStandardOutput();
        return output.contains(text);
    }
    pid_t pid() const { return pid_t(process.processId()); }
};

/*! Lanes of eventedctl send processes, each sending its commands one after the other. */
class Senders
{
public:
    Senders(const QString &url, const QString &counterId, int lanes, int commandsPerLane)
        : m_url(url)
        , m_id(counterId)
        , m_perLane(commandsPerLane)
    {
        for (int i = 0; i < lanes; ++i) {
            auto lane = std::make_unique<Lane>();
            Lane *raw = lane.get();
            QObject::connect(&raw->process, &QProcess::finished, &raw->process, [this, raw](int code, QProcess::ExitStatus status) {
                if (status != QProcess::NormalExit || code != 0) {
                    ++m_failed;
                    m_errors += raw->process.readAllStandardError();
                }
                if (++raw->sent < m_perLane)
                    start(*raw);
            });
            m_lanes.push_back(std::move(lane));
        }
        for (const auto &lane : m_lanes)
            start(*lane);
    }
    bool finished() const
    {
        for (const auto &lane : m_lanes) {
            if (lane->sent < m_perLane)
                return false;
        }
        return true;
    }
    int failed() const { return m_failed; }
    QByteArray errors() const { return m_errors; }

private:
    struct Lane
    {
        QProcess process;
        int sent = 0;
    };
    void start(Lane &lane)
    {
        prepare(lane.process, {QStringLiteral("--url"), m_url, QStringLiteral("send"), QStringLiteral("counter"), m_id,
                               QStringLiteral("Increase"), QStringLiteral(R"({"inc": 1})")});
        lane.process.start();
    }

    QString m_url;
    QString m_id;
    int m_perLane;
    int m_failed = 0;
    QByteArray m_errors;
    std::vector<std::unique_ptr<Lane>> m_lanes;
};

qint64 viewValue(Schema &schema, const QString &id)
{
    return scalar(schema.db(), u"SELECT COALESCE(sum(value), 0) FROM " + schema.table(QStringLiteral("counter_projection"))
                                   + u" WHERE id = '" + id + u'\'')
        .toLongLong();
}

qint64 leaseToken(Schema &schema)
{
    return scalar(schema.db(), u"SELECT token FROM " + schema.table(QStringLiteral("projection_lease")) + u" WHERE name = 'counter'")
        .toLongLong();
}

/*! How far behind the newest event the counter projection's stored position is. */
qint64 positionLag(Schema &schema)
{
    return scalar(schema.db(), u"SELECT (SELECT max(seq_no) FROM " + schema.table(QStringLiteral("event")) + u") - seq_no FROM "
                                   + schema.table(QStringLiteral("projection")) + u" WHERE name = 'counter'")
        .toLongLong();
}

} // namespace

class tst_Pooler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void literalsInStatements()
    {
        EventStore store;
        EVENTED_VERIFY_OK(store.open(withSchema(poolerUrl("transaction"), QStringLiteral("public"))));
        const QSqlDriver &driver = *store.database().driver();
        using Detail::withValues;
        QCOMPARE(withValues(QStringLiteral("SELECT $1::uuid, $2, $1"), {QStringLiteral("ab"), 5}, driver),
                 QStringLiteral("SELECT 'ab'::uuid, 5, 'ab'"));
        // Placeholders inside quotes, identifiers, dollar quotes and comments are text.
        QCOMPARE(withValues(QStringLiteral("SELECT '$1 ?', \"$2\", $x$ $1 $x$, $$?$$ -- $1\n, $1"), {7}, driver),
                 QStringLiteral("SELECT '$1 ?', \"$2\", $x$ $1 $x$, $$?$$ -- $1\n, 7"));
        QCOMPARE(withValues(QStringLiteral("SELECT E'\\' $1', $1 /* ? */"), {1}, driver),
                 QStringLiteral("SELECT E'\\' $1', 1 /* ? */"));
        // Values: quotes doubled, NULL for null values, negative numbers kept whole.
        QCOMPARE(withValues(QStringLiteral("SELECT ?, ?, ?, 1 - ?"),
                            {QStringLiteral("it's"), QVariant(QMetaType::fromType<QString>()), QVariant(), -3}, driver),
                 QStringLiteral("SELECT 'it''s', NULL, NULL, 1 - (-3)"));
        // A placeholder without a value stays, for the server to refuse.
        QCOMPARE(withValues(QStringLiteral("SELECT $2"), {1}, driver), QStringLiteral("SELECT $2"));

        // Through the pooler, on the server: the literal round-trips exactly.
        Detail::StoreQuery query(store.database(), *Detail::Dialect::forStore(QStringLiteral("QPSQL"), store.options(), nullptr));
        QVERIFY(query.prepare(QStringLiteral("SELECT $1::text, $2::bigint, $3::text IS NULL")));
        const QString tricky = QStringLiteral("a'b\\c $1 ? \u00e9");
        query.addBindValue(tricky);
        query.addBindValue(-9'000'000'000LL);
        query.addBindValue(QVariant(QMetaType::fromType<QString>()));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), tricky);
        QCOMPARE(query.value(1).toLongLong(), -9'000'000'000LL);
        QCOMPARE(query.value(2).toBool(), true);
    }

    void badOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("unknown pooler") << QStringLiteral("pooler=statement");
        QTest::newRow("direct without a port") << QStringLiteral("direct=localhost");
        QTest::newRow("direct as a URL") << QStringLiteral("direct=postgresql://h:1/db");
        QTest::newRow("read-only through a transaction pooler") << QStringLiteral("pooler=transaction&read_only=true");
    }
    void badOptions()
    {
        QFETCH(QString, option);
        EventStore store;
        const Error error = store.open(serverUrl() + u'?' + option);
        QCOMPARE(error.kind(), Error::Kind::InvalidArgument);
        QVERIFY(!store.isOpen());
    }

    void poolerIsForPostgreSQL()
    {
        Schema schema(Backend::SQLite, {});
        EventStore store;
        QCOMPARE(store.open(schema.url(QStringLiteral("pooler=transaction"))).kind(), Error::Kind::InvalidArgument);
        StoreOptions options;
        options.pooler = StoreOptions::Pooler::Transaction;
        QCOMPARE(store.open(schema.db(), options).kind(), Error::Kind::InvalidArgument);
        QVERIFY(!store.isOpen());
    }

    void probe_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("transaction") << QStringLiteral("transaction");
        QTest::newRow("session") << QStringLiteral("session");
    }
    void probe()
    {
        // Four processes send 50 commands each to one counter through PgBouncer; in transaction
        // mode two eventedctl run instances host the projection meanwhile. In session mode each
        // client keeps its server connections while it lives, and the pool has four: a sender
        // there sends no wake-ups (its notifier would be a second connection, and four senders
        // waiting for a second one with the first held would wait for ever), and one host runs
        // the projection after the sends.
        QFETCH(QString, mode);
        const bool transaction = mode == u"transaction";
        Schema schema(Backend::PostgreSQL, {});
        QString url = inSchema(poolerUrl(transaction ? "transaction" : "session"), schema);
        if (!transaction)
            url += QStringLiteral("&notify_interval_ms=-1");
        {
            EventStore store; // migrates, so that the processes do not race to
            EVENTED_VERIFY_OK(store.open(url));
        }
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::unique_ptr<Host> one, two;
        if (transaction) {
            one = std::make_unique<Host>(url, 3000);
            QTRY_VERIFY_WITH_TIMEOUT(one->printed("counter: live"), timeoutMs);
            two = std::make_unique<Host>(url, 3000);
            QTRY_VERIFY_WITH_TIMEOUT(two->printed("counter: standby"), timeoutMs);
        }
        Senders senders(url, id, 4, 50);
        QTRY_VERIFY_WITH_TIMEOUT(senders.finished(), 120'000);
        QVERIFY2(senders.failed() == 0, senders.errors().constData());
        QCOMPARE(eventCount(schema), 200);
        if (!transaction)
            one = std::make_unique<Host>(url, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(viewValue(schema, id), 200, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(positionLag(schema), 0, timeoutMs);
        QCOMPARE(leaseToken(schema), 1); // one active instance all along: never taken over
        if (transaction) {
            QVERIFY2(!two->printed("counter: live"), two->output.constData());
            QVERIFY(one->printed("lease 1, woken by polling"));
        }

        // Nothing of the store stays on the server connections: none has a prepared statement.
        EventStore reader;
        EVENTED_VERIFY_OK(reader.open(url));
        for (int i = 0; i < 12; ++i) {
            QSqlQuery query(reader.database());
            QVERIFY2(query.exec(QStringLiteral("SELECT count(*) FROM pg_prepared_statements")) && query.next(),
                     qPrintable(query.lastError().text()));
            if (transaction)
                QCOMPARE(query.value(0).toInt(), 0);
        }
    }

    void pausedOwnerIsFenced()
    {
        // The active instance is stopped (SIGSTOP) past its lease; the standby takes over and
        // commits; the old one, resumed, finds its lease gone and commits nothing.
        Schema schema(Backend::PostgreSQL, {});
        const QString url = inSchema(poolerUrl("transaction"), schema);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(url));
        QVERIFY(!store.ensureTable(QStringLiteral("counter_projection"), QStringLiteral("id uuid PRIMARY KEY, value bigint NOT NULL")).isError());
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto send = [&](int commands) {
            Senders senders(url, id, 1, commands);
            QTRY_VERIFY_WITH_TIMEOUT(senders.finished(), timeoutMs);
            QVERIFY2(senders.failed() == 0, senders.errors().constData());
        };
        constexpr int leaseMs = 1000;
        Host first(url, leaseMs);
        QTRY_VERIFY_WITH_TIMEOUT(first.printed("counter: live"), timeoutMs);
        Host second(url, leaseMs);
        QTRY_VERIFY_WITH_TIMEOUT(second.printed("counter: standby"), timeoutMs);
        send(5);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(viewValue(schema, id), 5, timeoutMs);
        QCOMPARE(leaseToken(schema), 1);

        QCOMPARE(::kill(first.pid(), SIGSTOP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(second.printed("lease 2"), timeoutMs);
        send(5);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(viewValue(schema, id), 10, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(positionLag(schema), 0, timeoutMs);

        QCOMPARE(::kill(first.pid(), SIGCONT), 0);
        QTRY_VERIFY_WITH_TIMEOUT(first.printed("lost its lease (token 1)"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(first.printed("counter: standby"), timeoutMs);
        send(5);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(viewValue(schema, id), 15, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(positionLag(schema), 0, timeoutMs);
        QTest::qWait(2 * leaseMs); // the old owner had every chance to commit what it had read
        QCOMPARE(viewValue(schema, id), 15);
        QCOMPARE(leaseToken(schema), 2);
        const QList<ProjectionState> states = ProjectionState::read(&store).value();
        QCOMPARE(states.size(), 1);
        QVERIFY(states.first().owner.endsWith(u':' + QString::number(second.pid())));
        QCOMPARE(states.first().leaseToken, 2);
    }

    void wakeup_data()
    {
        QTest::addColumn<bool>("direct");
        QTest::newRow("polling") << false;
        QTest::newRow("direct connection") << true;
    }
    void wakeup()
    {
        // Through a transaction pooler a projection polls, unless the store names a direct
        // connection for LISTEN: then a commit of another process wakes it at once.
        QFETCH(bool, direct);
        Schema schema(Backend::PostgreSQL, {});
        QString url = inSchema(poolerUrl("transaction"), schema);
        if (direct)
            url += u"&direct=127.0.0.1:" + QString::number(QUrl(serverUrl()).port());
        EventStore store;
        EVENTED_VERIFY_OK(store.open(url));
        EventStore elsewhere;
        EVENTED_VERIFY_OK(elsewhere.open(url));
        int seen = 0;
        Projection projection(&store, QStringLiteral("woken"));
        projection.setPollInterval(direct ? 60'000 : 200);
        projection.setHandler([&seen](const RecordedEvent &, QSqlDatabase &) {
            ++seen;
            return ListenerResult::ok();
        });
        projection.start();
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, ProjectionState::Status::Live, timeoutMs);
        const auto expected = direct ? ProjectionState::Wakeup::Notifications : ProjectionState::Wakeup::Polling;
        QCOMPARE(projection.state().wakeup, expected);
        QVERIFY(!ProjectionState::wakeupText(expected).isEmpty());
        QCOMPARE(elsewhere.listenForCommits(), direct);

        auto counter = elsewhere.load<Counter>(QUuid::createUuid());
        QVERIFY(succeeded(elsewhere.handle(counter.value(), Increase{1})));
        QTRY_COMPARE_WITH_TIMEOUT(seen, 1, 5000);
        projection.stop();
    }
};

QTEST_GUILESS_MAIN(tst_Pooler)
#include "tst_pooler.moc"
