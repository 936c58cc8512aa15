// Commands through the store on both backends: decisions and rejections, the stored format,
// loading what others wrote, metadata and several events per command, decode and database
// errors, and listeners in the append transaction (views, failures, a lost connection).

#include "testcounter.h"
#include "testjournal.h"
#include "testsupport.h"

#include <evented/eventstore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace TestDomain;
using namespace TestSupport;
using Evented::Error;
using Evented::EventStore;

namespace {

/*! A listener that keeps counters(id, value) up to date, from the recorded events' JSON. */
Evented::Listener<Counter> counterView()
{
    return [](const Counter::Event &, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral(
            "INSERT INTO counters (id, value) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET value = counters.value + EXCLUDED.value"));
        query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
        const QJsonObject event = recorded.event.toObject();
        const qint64 delta = recorded.eventName == QLatin1StringView("Increased")
            ? event[QStringLiteral("Increased")][QStringLiteral("inc")].toInteger()
            : -event[QStringLiteral("Decreased")][QStringLiteral("dec")].toInteger();
        query.addBindValue(delta);
        query.exec();
        return Evented::ListenerResult::check(query);
    };
}

} // namespace

class tst_StoreAppend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void counterCommands()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();

        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(counter);
        QCOMPARE(counter->version(), 0);

        // evented: Decrease(1) on a new counter is rejected, without I/O.
        const auto rejected = store.handle(counter.value(), Decrease{1});
        QVERIFY(rejected.isRejected());
        QCOMPARE(rejected.rejection().value, 0u);
        QCOMPARE(rejected.rejection().by, 1u);
        QCOMPARE(eventCount(schema), 0);

        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{40}));
        QCOMPARE(counter->state().value, 40u);
        QCOMPARE(counter->version(), 1);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Decrease{20}));
        QCOMPARE(counter->state().value, 20u);
        QCOMPARE(counter->version(), 2);

        // A freshly loaded copy continues from the stored events.
        auto copy = store.load<Counter>(id);
        EVENTED_VERIFY_OK(copy);
        QCOMPARE(copy->state().value, 20u);
        QCOMPARE(copy->version(), 2);
        const auto applied = store.handle(copy.value(), Increase{22});
        EVENTED_VERIFY_OK(applied);
        QCOMPARE(copy->state().value, 42u);
        QCOMPARE(applied.events().size(), 1);
        QCOMPARE(applied.events().first().version, 3);

        // Overflow is the domain's rejection too.
        const auto overflow = store.handle(copy.value(), Increase{std::numeric_limits<quint64>::max()});
        QVERIFY(overflow.isRejected());
        QCOMPARE(overflow.rejection().value, 42u);

        // The stale entity lost the race: a typed conflict, not an SQL error.
        const auto stale = store.handle(counter.value(), Increase{1});
        QVERIFY(stale.isConflict());
        QCOMPARE(stale.error().expectedVersion(), 2);
        QCOMPARE(stale.error().actualVersion(), 3);
        QCOMPARE(counter->state().value, 20u);
        QCOMPARE(eventCount(schema), 3);
    }

    void storedFormatIsEventeds()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::fromString(QStringLiteral("6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"));
        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{40}));
        QSqlQuery query(schema.db());
        QVERIFY(query.exec(u"SELECT entity_id, version, type_name, CAST(event AS TEXT), CAST(metadata AS TEXT) FROM "
                           + schema.table(QStringLiteral("event"))));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), id.toString(QUuid::WithoutBraces));
        QCOMPARE(query.value(1).toLongLong(), 1);
        QCOMPARE(query.value(2).toString(), QStringLiteral("counter"));
        // jsonb prints with spaces, SQLite keeps the compact text: the same JSON.
        QCOMPARE(QJsonDocument::fromJson(query.value(3).toString().toUtf8()),
                 QJsonDocument::fromJson(R"({"Increased": {"id": "6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b", "inc": 40}})"));
        QCOMPARE(query.value(4).toString(), QStringLiteral("null"));
    }

    void handInsertedEventsLoad()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const QString uuid = id.toString(QUuid::WithoutBraces);
        const QString insert = u"INSERT INTO " + schema.table(QStringLiteral("event"))
            + u" (entity_id, version, type_name, event, metadata) VALUES ('%1', %2, '%3', '%4', 'null')";
        EXEC(schema.db(), insert.arg(uuid).arg(1).arg(QStringLiteral("counter"),
                                                     QStringLiteral(R"({"Increased": {"id": "%1", "inc": 40}})").arg(uuid)));
        EXEC(schema.db(), insert.arg(uuid).arg(2).arg(QStringLiteral("counter"),
                                                     QStringLiteral(R"({"Decreased": {"id": "%1", "dec": 20}})").arg(uuid)));
        EXEC(schema.db(), insert.arg(uuid).arg(3).arg(QStringLiteral("counter"),
                                                     QStringLiteral(R"({"Increased": {"id": "%1", "inc": 22}})").arg(uuid)));
        // Same id and version, other type name: ignored by load and by the version check.
        EXEC(schema.db(), insert.arg(uuid).arg(1).arg(QStringLiteral("other"), QStringLiteral(R"({"Whatever": {}})")));

        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(counter);
        QCOMPARE(counter->state().value, 42u);
        QCOMPARE(counter->version(), 3);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
        QCOMPARE(counter->version(), 4);
        QCOMPARE(store.load<Counter>(id)->state().value, 43u);
    }

    void metadataAndSeveralEvents()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto journal = store.load<Journal>(QUuid::createUuid());
        const auto result = store.handle(journal.value(), Write{{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, QStringLiteral("ann")});
        EVENTED_VERIFY_OK(result);
        QCOMPARE(result.events().size(), 3);
        QCOMPARE(journal->version(), 3);
        QCOMPARE(committed.size(), 1);
        const auto events = committed.first().first().value<QList<Evented::RecordedEvent>>();
        QCOMPARE(events, result.events());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(events[i].version, i + 1);
            QCOMPARE(events[i].typeName, QStringLiteral("journal"));
            QCOMPARE(events[i].entityId, journal->id());
            QCOMPARE(events[i].eventName, QStringLiteral("Note"));
            QCOMPARE(events[i].metadata, QJsonValue(QJsonObject{{QStringLiteral("user"), QStringLiteral("ann")}}));
            QVERIFY(events[i].recordedAt.isValid());
            QCOMPARE(events[i].recordedAt.timeSpec(), Qt::UTC);
            QVERIFY(qAbs(events[i].recordedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
            if (i > 0)
                QVERIFY(events[i].seqNo > events[i - 1].seqNo);
        }
        QSqlQuery stored(schema.db());
        QVERIFY(stored.exec(u"SELECT CAST(metadata AS TEXT) FROM " + schema.table(QStringLiteral("event")) + u" ORDER BY version"));
        QStringList users;
        while (stored.next())
            users << QJsonDocument::fromJson(stored.value(0).toString().toUtf8())[QStringLiteral("user")].toString();
        QCOMPARE(users, (QStringList{QStringLiteral("ann"), QStringLiteral("ann"), QStringLiteral("ann")}));

        // No events: no I/O and no signal.
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{}, QStringLiteral("ann")}));
        QCOMPARE(committed.size(), 1);
    }

    void commandIdsAreHandledOnce()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        // The seq_nos a command's record holds, parsed.
        const auto recorded = [&](const QUuid &commandId) {
            QSqlQuery query(schema.db());
            query.prepare(u"SELECT CAST(seq_nos AS TEXT) FROM " + schema.table(QStringLiteral("command")) + u" WHERE command_id = ?");
            query.addBindValue(commandId.toString(QUuid::WithoutBraces));
            QList<qint64> seqNos;
            if (query.exec() && query.next()) {
                for (const QJsonValue v : QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array())
                    seqNos.append(v.toInteger());
            }
            return seqNos;
        };
        const auto seqNosOf = [](const QList<Evented::RecordedEvent> &events) {
            QList<qint64> seqNos;
            for (const auto &e : events)
                seqNos.append(e.seqNo);
            return seqNos;
        };

        // One event (a statement of its own on PostgreSQL) and several: handled again under the
        // same id, a repeat that returns the first events and appends nothing.
        auto counter = store.load<Counter>(QUuid::createUuid());
        const Evented::CommandOptions once{QUuid::createUuid(), {}};
        const auto first = store.handle(counter.value(), Increase{5}, once);
        EVENTED_VERIFY_OK(first);
        QVERIFY(!first.isRepeat());
        QCOMPARE(first.events().size(), 1);
        QCOMPARE(first.events().first().causationId, once.commandId);
        QCOMPARE(recorded(once.commandId), seqNosOf(first.events()));
        const auto again = store.handle(counter.value(), Increase{5}, once);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.isRepeat());
        QCOMPARE(seqNosOf(again.events()), seqNosOf(first.events()));
        QCOMPARE(counter->state().value, 5u);
        QCOMPARE(counter->version(), 1);

        auto journal = store.load<Journal>(QUuid::createUuid());
        const Evented::CommandOptions write{QUuid::createUuid(), {}};
        const Write three{{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, QStringLiteral("ann")};
        const auto written = store.handle(journal.value(), three, write);
        EVENTED_VERIFY_OK(written);
        QCOMPARE(written.events().size(), 3);
        QCOMPARE(recorded(write.commandId), seqNosOf(written.events()));
        const auto rewritten = store.handle(journal.value(), three, write);
        EVENTED_VERIFY_OK(rewritten);
        QVERIFY(rewritten.isRepeat());
        QCOMPARE(seqNosOf(rewritten.events()), seqNosOf(written.events()));
        QCOMPARE(eventCount(schema), 4);

        // A new id is a new command.
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}, Evented::CommandOptions{QUuid::createUuid(), {}}));
        QCOMPARE(counter->state().value, 10u);
        QCOMPARE(eventCount(schema), 5);
    }

    void decodeFailures_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("why");
        QTest::newRow("unknown event name") << QStringLiteral(R"({"Exploded": {"id": "6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"}})") << QStringLiteral("unknown variant Exploded");
        QTest::newRow("wrong field type") << QStringLiteral(R"({"Increased": {"id": "6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b", "inc": "many"}})") << QStringLiteral("field inc");
        QTest::newRow("not tagged") << QStringLiteral("[1, 2]") << QStringLiteral("externally tagged");
        // Only SQLite's text column can hold it; jsonb refuses it on insert.
        QTest::newRow("malformed JSON") << QStringLiteral(R"({"Increased": )") << QStringLiteral("not valid JSON");
    }

    void decodeFailures()
    {
        QFETCH(QString, event);
        QFETCH(QString, why);
        if (QByteArrayView(QTest::currentDataTag()) == "malformed JSON" && !isSqlite())
            QSKIP("SQLite only: jsonb cannot hold malformed JSON");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        auto counter = store.load<Counter>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
        QSqlQuery insert(schema.db());
        insert.prepare(u"INSERT INTO " + schema.table(QStringLiteral("event"))
                       + u" (entity_id, version, type_name, event, metadata) VALUES (?, 2, 'counter', ?, 'null') RETURNING seq_no");
        insert.addBindValue(counter->id().toString(QUuid::WithoutBraces));
        insert.addBindValue(event);
        QVERIFY2(insert.exec() && insert.next(), qPrintable(insert.lastError().text()));
        const qint64 seqNo = insert.value(0).toLongLong();
        insert.finish(); // SQLite commits an INSERT … RETURNING when the statement is done

        const auto loaded = store.load<Counter>(counter->id());
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().kind(), Error::Kind::DecodeFailed);
        QCOMPARE(loaded.error().seqNo(), seqNo);
        QVERIFY2(loaded.error().message().contains(why), qPrintable(loaded.error().message()));
        QVERIFY(loaded.error().message().contains(QString::number(seqNo)));
        // The store stays usable.
        EVENTED_VERIFY_OK(store.load<Counter>(QUuid::createUuid()));
    }

    void databaseErrorsAreTyped()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        auto counter = store.load<Counter>(QUuid::createUuid());
        if (schema.isSqlite())
            EXEC(schema.db(), QStringLiteral("CREATE TRIGGER small BEFORE INSERT ON event WHEN NEW.version >= 2 "
                                             "BEGIN SELECT RAISE(ABORT, 'version too big'); END"));
        else
            EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("event")) + u" ADD CONSTRAINT small CHECK (version < 2)");
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
        const auto failed = store.handle(counter.value(), Increase{1});
        QCOMPARE(failed.error().kind(), Error::Kind::Database);
        // check_violation; SQLite's SQLITE_CONSTRAINT_TRIGGER
        QCOMPARE(failed.error().sqlState(), schema.isSqlite() ? QStringLiteral("1811") : QStringLiteral("23514"));
        QCOMPARE(counter->version(), 1);

        Evented::Entity<Counter> nullId;
        QCOMPARE(store.handle(nullId, Increase{1}).error().kind(), Error::Kind::InvalidArgument);
    }

    void listenerMaintainsView()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EXEC(store.database(), u"CREATE TABLE " + schema.table(QStringLiteral("counters")) + u" (id uuid PRIMARY KEY, value bigint NOT NULL)");
        if (!schema.isSqlite())
            EXEC(store.database(), u"SET search_path TO " + schema.table(QString()).chopped(1));
        store.setListener<Counter>(counterView());

        const QUuid ids[3] = {QUuid::createUuid(), QUuid::createUuid(), QUuid::createUuid()};
        auto one = store.load<Counter>(ids[0]);
        auto two = store.load<Counter>(ids[1]);
        EVENTED_VERIFY_OK(store.load<Counter>(ids[2]));
        EVENTED_VERIFY_OK(store.handle(one.value(), Increase{1}));
        EVENTED_VERIFY_OK(store.handle(two.value(), Increase{1}));
        EVENTED_VERIFY_OK(store.handle(two.value(), Increase{1}));

        const auto value = [&](const QUuid &id) {
            return scalar(schema.db(), u"SELECT value FROM " + schema.table(QStringLiteral("counters")) + u" WHERE id = '"
                                           + id.toString(QUuid::WithoutBraces) + u'\'');
        };
        QCOMPARE(value(ids[0]).toLongLong(), 1);
        QCOMPARE(value(ids[1]).toLongLong(), 2);
        QVERIFY(!value(ids[2]).isValid());
    }

    void listenerFailureRollsBack()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto journal = store.load<Journal>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("first")}, QStringLiteral("ann")}));
        QCOMPARE(committed.size(), 1);

        int calls = 0;
        store.setListener<Journal>([&calls](const Journal::Event &event, const Evented::RecordedEvent &, QSqlDatabase &) {
            ++calls;
            return std::get<Note>(event).text == QLatin1StringView("bad")
                ? Evented::ListenerResult::failure(QStringLiteral("no bad notes"))
                : Evented::ListenerResult::ok();
        });
        const auto failed = store.handle(journal.value(), Write{{QStringLiteral("good"), QStringLiteral("bad")}, QStringLiteral("bob")});
        QVERIFY(failed.isFailed());
        QCOMPARE(failed.error().kind(), Error::Kind::ListenerFailed);
        QVERIFY2(failed.error().message().contains(QStringLiteral("no bad notes")), qPrintable(failed.error().message()));
        QCOMPARE(calls, 2);
        QCOMPARE(eventCount(schema), 1);
        QCOMPARE(journal->version(), 1);
        QCOMPARE(journal->state().notes, QStringList{QStringLiteral("first")});
        QCOMPARE(committed.size(), 1);

        // An exception in a listener is a listener failure too.
        store.setListener<Journal>([](const Journal::Event &, const Evented::RecordedEvent &, QSqlDatabase &) -> Evented::ListenerResult {
            throw std::runtime_error("boom");
        });
        const auto thrown = store.handle(journal.value(), Write{{QStringLiteral("x")}, QStringLiteral("bob")});
        QCOMPARE(thrown.error().kind(), Error::Kind::ListenerFailed);
        QVERIFY(thrown.error().message().contains(QStringLiteral("boom")));

        store.setListener<Journal>({});
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("second")}, QStringLiteral("bob")}));
        QCOMPARE(store.load<Journal>(journal->id())->state().notes, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    }

    void killedConnectionMidAppend()
    {
        POSTGRESQL_ONLY("an embedded database has no server connection to lose");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        auto counter = store.load<Counter>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}));

        // Another session kills the store's backend while the append transaction is open.
        QSqlDatabase killer = schema.connection(QStringLiteral("killer"));
        store.setListener<Counter>([&killer](const Counter::Event &, const Evented::RecordedEvent &, QSqlDatabase &db) {
            QSqlQuery pid(db);
            pid.exec(QStringLiteral("SELECT pg_backend_pid()"));
            pid.next();
            QSqlQuery kill(killer);
            kill.exec(QStringLiteral("SELECT pg_terminate_backend(%1, 10000)").arg(pid.value(0).toInt()));
            // With a timeout, pg_terminate_backend returns once the backend has exited: the
            // append's next statement meets a dead connection.
            return kill.next() && kill.value(0).toBool() ? Evented::ListenerResult::ok()
                                                         : Evented::ListenerResult::failure(QStringLiteral("not killed"));
        });
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        const auto lost = store.handle(counter.value(), Increase{7});
        QVERIFY(lost.isFailed());
        // The connection broke at the COMMIT: from the client's side its outcome is unknown
        // (here nothing was stored, as the count below shows).
        QCOMPARE(lost.error().kind(), Error::Kind::CommitUnknown);
        QCOMPARE(committed.size(), 0);
        QCOMPARE(counter->state().value, 5u);
        QCOMPARE(eventCount(schema), 1);

        // The next call reconnects; the entity loads and accepts commands.
        store.setListener<Counter>({});
        auto reloaded = store.load<Counter>(counter->id());
        EVENTED_VERIFY_OK(reloaded);
        QCOMPARE(reloaded->state().value, 5u);
        EVENTED_VERIFY_OK(store.handle(reloaded.value(), Increase{7}));
        QCOMPARE(eventCount(schema), 2);
        closeConnection(killer);
    }
};

QTEST_GUILESS_MAIN(tst_StoreAppend)
#include "tst_store_append.moc"
