// The commit follower on both backends: what commits after start() is delivered once, in
// commit order, whether it was committed by this store, another connection or another process,
// and a transaction that commits late is delivered when it commits.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/commitfollower.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

constexpr int timeoutMs = 20'000;

/*! The seq_nos \a follower delivers, in the order it delivers them. */
struct Delivered
{
    QList<qint64> seqNos;
    QList<RecordedEvent> events;

    explicit Delivered(CommitFollower &follower)
    {
        QObject::connect(&follower, &CommitFollower::eventsArrived, &follower,
                         [this](const QList<RecordedEvent> &arrived) {
                             for (const RecordedEvent &event : arrived) {
                                 seqNos.append(event.seqNo);
                                 events.append(event);
                             }
                         });
    }
};

/*!
    A store, a second one on the same database (another connection, as another process would
    write) and a follower of the first, stopped, that reads only when told.
*/
struct Followed
{
    Schema schema;
    EventStore store;
    EventStore other;
    CommitFollower follower{&store};
    Delivered delivered{follower};
};

bool open(Followed &followed)
{
    followed.follower.setPollInterval(0);
    return succeeded(followed.store.open(followed.schema.url())) && succeeded(followed.other.open(followed.schema.url()));
}

/*! Appends \a n increments to counter \a id through \a store; the seq_nos in commit order. */
QList<qint64> increase(EventStore &store, const QUuid &id, int n)
{
    QList<qint64> seqNos;
    auto counter = store.load<Counter>(id);
    if (!counter)
        return {};
    for (int i = 0; i < n; ++i) {
        const auto result = store.handle(counter.value(), Increase{1});
        if (!succeeded(result))
            return {};
        seqNos.append(result.events().first().seqNo);
    }
    return seqNos;
}

QString rawIncrease(Schema &schema)
{
    return u"INSERT INTO " + schema.table(QStringLiteral("event"))
        + u" (entity_id, version, type_name, event, metadata) VALUES ('" + QUuid::createUuid().toString(QUuid::WithoutBraces)
        + u"', 1, 'counter', '{\"Increased\":{\"inc\":1}}', 'null')";
}

} // namespace

class tst_CommitFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void nothingBeforeStart()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        QCOMPARE(increase(store, QUuid::createUuid(), 3).size(), 3);

        QVERIFY(!follower.isRunning());
        // Stopped: neither this store's commits nor another's are delivered.
        QCOMPARE(increase(store, QUuid::createUuid(), 2).size(), 2);
        QCOMPARE(increase(other, QUuid::createUuid(), 2).size(), 2);
        QCOMPARE(follower.pollNow(), 0);
        QVERIFY(delivered.seqNos.isEmpty());

        // Started: what was committed before is not delivered, what commits after is.
        EVENTED_VERIFY_OK(follower.start());
        QVERIFY(follower.isRunning());
        QCOMPARE(follower.pollNow(), 0);
        QVERIFY(delivered.seqNos.isEmpty());
        const QList<qint64> after = increase(other, QUuid::createUuid(), 2);
        QCOMPARE(follower.pollNow(), 2);
        QCOMPARE(delivered.seqNos, after);

        // Stopped again: nothing more.
        follower.stop();
        QCOMPARE(increase(store, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(increase(other, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(delivered.seqNos, after);
    }

    void eachOnceInCommitOrder()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        follower.setPollInterval(20);
        EVENTED_VERIFY_OK(follower.start());

        // This store's own commits: at once, through its signal.
        QList<qint64> expected = increase(store, QUuid::createUuid(), 3);
        QCOMPARE(delivered.seqNos, expected);
        // Another connection's, by the poll (and on PostgreSQL its notification).
        expected += increase(other, QUuid::createUuid(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.seqNos, expected, timeoutMs);
        // Others' commits, then an own one before the next read: still in commit order.
        follower.setPollInterval(0);
        expected += increase(other, QUuid::createUuid(), 50);
        expected += increase(store, QUuid::createUuid(), 1);
        QCOMPARE(delivered.seqNos, expected);
        // And each once, however often it is read.
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(delivered.seqNos, expected);
        QCOMPARE(delivered.events.last().eventName, QStringLiteral("Increased"));
    }

    void fromAnotherProcess()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        follower.setPollInterval(50);
        EVENTED_VERIFY_OK(follower.start());

        constexpr int n = 20;
        const QUuid id = QUuid::createUuid();
        QProcess runner;
        runner.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        runner.start(QCoreApplication::applicationDirPath() + QStringLiteral("/append_runner"),
                     {schema.url(), id.toString(QUuid::WithoutBraces), QString::number(n)});
        QTRY_COMPARE_WITH_TIMEOUT(delivered.seqNos.size(), n, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), QProcess::NotRunning, timeoutMs);
        QCOMPARE(runner.exitCode(), 0);
        // One writer, one after the other: versions 1 to n, in order, each once.
        for (int i = 0; i < n; ++i) {
            QCOMPARE(delivered.events.at(i).entityId, id);
            QCOMPARE(delivered.events.at(i).version, i + 1);
        }
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(delivered.seqNos.size(), n);
    }

    void byNotification()
    {
        if (isSqlite())
            QSKIP("SQLite has no notifications: the follower polls it (eachOnceInCommitOrder)");
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        follower.setPollInterval(0); // no polling: only the notification can bring the events
        EVENTED_VERIFY_OK(follower.start());
        const QList<qint64> expected = increase(other, QUuid::createUuid(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.seqNos, expected, timeoutMs);
    }

    void lateCommit()
    {
        POSTGRESQL_ONLY("a transaction that took its seq_no early and commits late");
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        EVENTED_VERIFY_OK(follower.start());

        QSqlDatabase raw = schema.connection(QStringLiteral("late"));
        EXEC(raw, QStringLiteral("BEGIN"));
        EXEC(raw, rawIncrease(schema));
        const qint64 late = scalar(raw, u"SELECT max(seq_no) FROM " + schema.table(QStringLiteral("event"))).toLongLong();
        const QList<qint64> committed = increase(other, QUuid::createUuid(), 5);
        QVERIFY(committed.first() > late);
        // The commit order waits for the open transaction; what came after is delivered all the same.
        QCOMPARE(follower.pollNow(), 5);
        QCOMPARE(delivered.seqNos, committed);
        EXEC(raw, QStringLiteral("COMMIT"));
        // The late event when it commits, and then nothing twice.
        QCOMPARE(follower.pollNow(), 1);
        QCOMPARE(delivered.seqNos, committed + QList<qint64>{late});
        QCOMPARE(increase(other, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(follower.pollNow(), 1);
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(delivered.seqNos.size(), 7);
        closeConnection(raw);
    }

    void openAtStartIsNotDeliveredAsNew()
    {
        POSTGRESQL_ONLY("a transaction open at start()");
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        // Held back behind an open transaction when the follower starts: before its start.
        QSqlDatabase raw = schema.connection(QStringLiteral("open"));
        EXEC(raw, QStringLiteral("BEGIN"));
        EXEC(raw, rawIncrease(schema));
        QCOMPARE(increase(other, QUuid::createUuid(), 2).size(), 2);
        EVENTED_VERIFY_OK(follower.start());
        QCOMPARE(follower.pollNow(), 0);
        EXEC(raw, QStringLiteral("COMMIT"));
        QCOMPARE(follower.pollNow(), 1); // the open one committed after start()
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(delivered.seqNos.size(), 1);
        closeConnection(raw);
    }

    void undecodableIsDeliveredAsText()
    {
        if (!isSqlite())
            QSKIP("PostgreSQL's jsonb holds only valid JSON");
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        EVENTED_VERIFY_OK(follower.start());
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) VALUES ('"
                              + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'counter', '{broken', 'null')");
        QCOMPARE(follower.pollNow(), 1);
        QCOMPARE(delivered.events.last().event, QJsonValue(QStringLiteral("{broken")));
        // Following goes on past it.
        QCOMPARE(increase(store, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(delivered.seqNos.size(), 2);
        QCOMPARE(follower.pollNow(), 0);
    }

    void errorsAreReportedAndFollowingGoesOn()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        QSignalSpy errors(&follower, &CommitFollower::errorOccurred);

        // Not started on a closed store: the error, and nothing runs.
        EventStore closed;
        CommitFollower none(&closed);
        QVERIFY(none.start().isError());
        QVERIFY(!none.isRunning());

        EVENTED_VERIFY_OK(follower.start());
        const QString event = schema.table(QStringLiteral("event"));
        const QString hidden = QStringLiteral("event_hidden");
        EXEC(schema.db(), u"ALTER TABLE " + event + u" RENAME TO " + hidden);
        QCOMPARE(follower.pollNow(), 0);
        QCOMPARE(errors.size(), 1);
        const Error error = errors.first().first().value<Error>();
        QVERIFY(error.isError());
        EXEC(schema.db(), u"ALTER TABLE " + schema.table(hidden) + u" RENAME TO event");
        const QList<qint64> expected = increase(other, QUuid::createUuid(), 2);
        QCOMPARE(follower.pollNow(), 2);
        QCOMPARE(delivered.seqNos, expected);
        QCOMPARE(errors.size(), 1);
    }

    void filtered()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        const QUuid wanted = QUuid::createUuid();
        EventFilter filter;
        filter.entityId = wanted;
        follower.setFilter(filter);
        QCOMPARE(follower.filter().entityId, wanted);
        EVENTED_VERIFY_OK(follower.start());
        QCOMPARE(increase(other, QUuid::createUuid(), 2).size(), 2);
        const QList<qint64> expected = increase(other, wanted, 2);
        QCOMPARE(increase(store, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(follower.pollNow(), 0); // the own commit read the others' first
        QCOMPARE(delivered.seqNos, expected);
    }

    void readsInTheStartSnapshot()
    {
        Followed followed;
        QVERIFY(open(followed));
        auto &[schema, store, other, follower, delivered] = followed;
        QCOMPARE(increase(store, QUuid::createUuid(), 3).size(), 3);
        qint64 counted = 0;
        EVENTED_VERIFY_OK(follower.start([&]() -> Error {
            const auto stats = EventLog(&store).stats();
            if (!stats)
                return stats.error();
            counted = stats->events;
            return {};
        }));
        QCOMPARE(counted, 3);
        // A failing read: its error, and nothing changes.
        const Error refused(Error::Kind::InvalidArgument, QStringLiteral("refused"));
        QCOMPARE(follower.start([&] { return refused; }), refused);
        QVERIFY(follower.isRunning());
        QCOMPARE(increase(store, QUuid::createUuid(), 1).size(), 1);
        QCOMPARE(counted + delivered.seqNos.size(), 4);
    }
};

QTEST_GUILESS_MAIN(tst_CommitFollower)
#include "tst_commitfollower.moc"
