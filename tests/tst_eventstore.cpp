// The event store against a real PostgreSQL server: commands, loads, listeners, optimistic
// locking, failures, signals, threads and migrations.

#include "counter.h"
#include "testsupport.h"

#include <evented/eventstore.h>
#include <evented/eventsubscription.h>
#include <evented/projection.h>

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProcess>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QFileInfo>
#include <QTest>

#include <atomic>
#include <barrier>
#include <thread>

using namespace CounterDomain;
using namespace TestSupport;
using Evented::Error;
using Evented::EventStore;

namespace {

struct Note
{
    Q_GADGET
    Q_PROPERTY(QString text MEMBER text)
public:
    QString text;
    friend bool operator==(const Note &, const Note &) = default;
};

// An entity with metadata and a multi-event command.
struct Audit
{
    Q_GADGET
    Q_PROPERTY(QString user MEMBER user)
public:
    QString user;
};

struct Journal
{
    using Event = std::variant<Note>;
    using Metadata = Audit;
    static constexpr auto typeName = "journal";
    QStringList notes;
    void apply(const Event &event) { notes.append(std::get<Note>(event).text); }
};

struct Write
{
    QStringList texts;
    QString user;
    Evented::Decision<Journal> handle(const QUuid &, const Journal &) const
    {
        Evented::Decision<Journal> decision;
        for (const QString &text : texts)
            decision.add(Note{text}, Audit{user});
        return decision;
    }
};

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

qint64 rowCount(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))).toLongLong();
}

} // namespace

class tst_EventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void counterCommands()
    {
        Schema schema;
        EventStore store;
        QVERIFY2(!store.open(schema.url()).isError(), "open");
        const QUuid id = QUuid::createUuid();

        auto counter = store.load<Counter>(id);
        QVERIFY(counter);
        QCOMPARE(counter->version(), 0);

        // evented: Decrease(1) on a new counter is rejected, without I/O.
        const auto rejected = store.handle(counter.value(), Decrease{1});
        QVERIFY(rejected.isRejected());
        QCOMPARE(rejected.rejection().value, 0u);
        QCOMPARE(rejected.rejection().dec, 1u);
        QCOMPARE(rowCount(schema), 0);

        QVERIFY(store.handle(counter.value(), Increase{40}).isApplied());
        QCOMPARE(counter->state().value, 40u);
        QCOMPARE(counter->version(), 1);
        QVERIFY(store.handle(counter.value(), Decrease{20}).isApplied());
        QCOMPARE(counter->state().value, 20u);
        QCOMPARE(counter->version(), 2);

        // A freshly loaded copy continues from the stored events.
        auto copy = store.load<Counter>(id);
        QVERIFY(copy);
        QCOMPARE(copy->state().value, 20u);
        QCOMPARE(copy->version(), 2);
        const auto applied = store.handle(copy.value(), Increase{22});
        QVERIFY(applied.isApplied());
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
        QCOMPARE(rowCount(schema), 3);
    }

    void storedFormatIsEventeds()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        const QUuid id = QUuid::fromString(QStringLiteral("6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"));
        auto counter = store.load<Counter>(id);
        QVERIFY(store.handle(counter.value(), Increase{40}).isApplied());
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
        QVERIFY(!store.open(schema.url()).isError());
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
        QVERIFY2(counter, qPrintable(counter.error().message()));
        QCOMPARE(counter->state().value, 42u);
        QCOMPARE(counter->version(), 3);
        QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
        QCOMPARE(counter->version(), 4);
        QCOMPARE(store.load<Counter>(id)->state().value, 43u);
    }

    void listenerMaintainsView()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        EXEC(store.database(), u"CREATE TABLE " + schema.table(QStringLiteral("counters")) + u" (id uuid PRIMARY KEY, value bigint NOT NULL)");
        if (!schema.isSqlite())
            EXEC(store.database(), u"SET search_path TO " + schema.table(QString()).chopped(1));
        store.setListener<Counter>(counterView());

        const QUuid ids[3] = {QUuid::createUuid(), QUuid::createUuid(), QUuid::createUuid()};
        auto one = store.load<Counter>(ids[0]);
        auto two = store.load<Counter>(ids[1]);
        QVERIFY(store.load<Counter>(ids[2]));
        QVERIFY(store.handle(one.value(), Increase{1}).isApplied());
        QVERIFY(store.handle(two.value(), Increase{1}).isApplied());
        QVERIFY(store.handle(two.value(), Increase{1}).isApplied());

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
        QVERIFY(!store.open(schema.url()).isError());
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto journal = store.load<Journal>(QUuid::createUuid());
        QVERIFY(store.handle(journal.value(), Write{{QStringLiteral("first")}, QStringLiteral("ann")}).isApplied());
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
        QCOMPARE(rowCount(schema), 1);
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
        QVERIFY(store.handle(journal.value(), Write{{QStringLiteral("second")}, QStringLiteral("bob")}).isApplied());
        QCOMPARE(store.load<Journal>(journal->id())->state().notes, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    }

    void killedConnectionMidAppend()
    {
        POSTGRESQL_ONLY("an embedded database has no server connection to lose");
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Increase{5}).isApplied());

        // Another session kills the store's backend while the append transaction is open.
        QSqlDatabase killer = schema.connection(QStringLiteral("killer"));
        store.setListener<Counter>([&killer](const Counter::Event &, const Evented::RecordedEvent &, QSqlDatabase &db) {
            QSqlQuery pid(db);
            pid.exec(QStringLiteral("SELECT pg_backend_pid()"));
            pid.next();
            QSqlQuery kill(killer);
            kill.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid.value(0).toInt()));
            QThread::msleep(100);
            return Evented::ListenerResult::ok();
        });
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        const auto lost = store.handle(counter.value(), Increase{7});
        QVERIFY(lost.isFailed());
        QCOMPARE(lost.error().kind(), Error::Kind::ConnectionLost);
        QCOMPARE(committed.size(), 0);
        QCOMPARE(counter->state().value, 5u);
        QCOMPARE(rowCount(schema), 1);

        // The next call reconnects; the entity loads and accepts commands.
        store.setListener<Counter>({});
        auto reloaded = store.load<Counter>(counter->id());
        QVERIFY2(reloaded, qPrintable(reloaded.error().message()));
        QCOMPARE(reloaded->state().value, 5u);
        QVERIFY(store.handle(reloaded.value(), Increase{7}).isApplied());
        QCOMPARE(rowCount(schema), 2);
        closeConnection(killer);
    }

    void metadataAndSeveralEvents()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto journal = store.load<Journal>(QUuid::createUuid());
        const auto result = store.handle(journal.value(), Write{{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, QStringLiteral("ann")});
        QVERIFY(result.isApplied());
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
        QVERIFY(store.handle(journal.value(), Write{{}, QStringLiteral("ann")}).isApplied());
        QCOMPARE(committed.size(), 1);
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
        QVERIFY(!store.open(schema.url()).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
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
        QVERIFY(store.load<Counter>(QUuid::createUuid()));
    }

    void databaseErrorsAreTyped()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        if (schema.isSqlite())
            EXEC(schema.db(), QStringLiteral("CREATE TRIGGER small BEFORE INSERT ON event WHEN NEW.version >= 2 "
                                             "BEGIN SELECT RAISE(ABORT, 'version too big'); END"));
        else
            EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("event")) + u" ADD CONSTRAINT small CHECK (version < 2)");
        QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
        const auto failed = store.handle(counter.value(), Increase{1});
        QCOMPARE(failed.error().kind(), Error::Kind::Database);
        // check_violation; SQLite's SQLITE_CONSTRAINT_TRIGGER
        QCOMPARE(failed.error().sqlState(), schema.isSqlite() ? QStringLiteral("1811") : QStringLiteral("23514"));
        QCOMPARE(counter->version(), 1);

        Evented::Entity<Counter> nullId;
        QCOMPARE(store.handle(nullId, Increase{1}).error().kind(), Error::Kind::InvalidArgument);
    }

    void openErrors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<Error::Kind>("kind");
        const QUrl server(serverUrl());
        auto variant = [&](auto change) {
            QUrl u = server;
            change(u);
            return u.toString();
        };
        QTest::newRow("not a url") << QStringLiteral("::nonsense") << Error::Kind::InvalidArgument;
        QTest::newRow("other scheme") << QStringLiteral("mysql://a@b/c") << Error::Kind::InvalidArgument;
        QTest::newRow("no database") << variant([](QUrl &u) { u.setPath(QString()); }) << Error::Kind::InvalidArgument;
        QTest::newRow("bad option value") << variant([](QUrl &u) { u.setQuery(QStringLiteral("migrate=perhaps")); }) << Error::Kind::InvalidArgument;
        QTest::newRow("schema too long") << variant([](QUrl &u) { u.setQuery(u"schema=" + QString(64, u'x')); }) << Error::Kind::InvalidArgument;
        QTest::newRow("wrong password") << variant([](QUrl &u) { u.setPassword(QStringLiteral("wrong")); }) << Error::Kind::ConnectionFailed;
        QTest::newRow("missing database") << variant([](QUrl &u) { u.setPath(QStringLiteral("/nosuchdb")); }) << Error::Kind::ConnectionFailed;
        QTest::newRow("refused") << variant([](QUrl &u) { u.setPort(1); }) << Error::Kind::ConnectionFailed;
        QTest::newRow("sqlite: no file") << QStringLiteral("sqlite:") << Error::Kind::InvalidArgument;
        QTest::newRow("sqlite: unknown option") << QStringLiteral("sqlite:/tmp/x.db?schema=s") << Error::Kind::InvalidArgument;
        QTest::newRow("sqlite: missing directory") << QStringLiteral("sqlite:/nonexistent/dir/x.db") << Error::Kind::ConnectionFailed;
    }
    void openErrors()
    {
        QFETCH(QString, url);
        QFETCH(Error::Kind, kind);
        EventStore store;
        const Error error = store.open(url);
        QCOMPARE(error.kind(), kind);
        QVERIFY(!error.message().isEmpty());
        QVERIFY(!store.isOpen());
        QCOMPARE(store.load<Counter>(QUuid::createUuid()).error().kind(), Error::Kind::NotOpen);
    }

    void sqliteFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("garbage.db")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        EventStore store;
        const Error error = store.open(u"sqlite:" + file.fileName());
        QCOMPARE(error.kind(), Error::Kind::ConnectionFailed);
        QVERIFY2(error.message().contains(QStringLiteral("not a database")), qPrintable(error.message()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(8192, 'x')); // left as it was
    }

    void sqliteInMemory()
    {
        if (!isSqlite())
            QSKIP("SQLite only: the in-memory database");
        // One private database, shared by the store's connections (its worker thread's too).
        EventStore store;
        QVERIFY(!store.open(QStringLiteral("sqlite::memory:")).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Increase{5}).isApplied());
        auto later = store.handleAsync<Counter>(counter->id(), Increase{2});
        later.waitForFinished();
        QVERIFY2(later.result().result.isApplied(), qPrintable(later.result().result.error().message()));
        QCOMPARE(store.load<Counter>(counter->id())->state().value, 7u);
        Evented::Projection projection(&store, QStringLiteral("memory"));
        std::atomic<int> handled = 0;
        projection.setHandler([&](const Evented::RecordedEvent &, QSqlDatabase &) {
            ++handled;
            return Evented::ListenerResult::ok();
        });
        projection.start();
        QTRY_COMPARE(handled.load(), 2);
        auto current = store.load<Counter>(counter->id());
        const auto third = store.handle(current.value(), Increase{1});
        QVERIFY2(third.isApplied(), qPrintable(third.error().message()));
        QTRY_COMPARE(handled.load(), 3);
        projection.stop();
        EventStore other;
        QVERIFY(!other.open(QStringLiteral("sqlite::memory:")).isError());
        QCOMPARE(other.load<Counter>(counter->id())->version(), 0); // another store, another database
    }

    void hostileSchemaName()
    {
        // A schema name on PostgreSQL, a file name on SQLite.
        Schema schema(QStringLiteral("we\"ird' name; DROP TABLE x; --"));
        EventStore store;
        const Error opened = store.open(schema.url());
        QVERIFY2(!opened.isError(), qPrintable(opened.message()));
        QCOMPARE(store.options().schema, schema.name());
        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Increase{3}).isApplied());
        QCOMPARE(store.load<Counter>(counter->id())->state().value, 3u);
        QCOMPARE(rowCount(schema), 1);
    }

    void eventedDatabaseKeepsWorking()
    {
        POSTGRESQL_ONLY("evented itself stores on PostgreSQL only");
        // A schema made with evented's own DDL and written by evented before we migrate it.
        Schema schema;
        EXEC(schema.db(), u"CREATE SCHEMA " + schema.table(QString()).chopped(1));
        EXEC(schema.db(), u"CREATE TABLE " + schema.table(QStringLiteral("event"))
                              + u" (seq_no bigserial PRIMARY KEY, entity_id uuid NOT NULL, version bigint NOT NULL, "
                                u"type_name text NOT NULL, event jsonb NOT NULL, metadata jsonb NOT NULL, "
                                u"UNIQUE (entity_id, type_name, version))");
        EXEC(schema.db(), u"CREATE TABLE " + schema.table(QStringLiteral("projection")) + u" (name text PRIMARY KEY, seq_no bigint)");
        const QUuid id = QUuid::createUuid();
        const QString insert = u"INSERT INTO " + schema.table(QStringLiteral("event"))
            + u" (entity_id, version, type_name, event, metadata) VALUES ('%1', %2, 'counter', '{\"Increased\": {\"id\": \"%1\", \"inc\": %3}}', 'null')";
        EXEC(schema.db(), insert.arg(id.toString(QUuid::WithoutBraces)).arg(1).arg(10));
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" VALUES ('p', 1)");

        EventStore store;
        const Error opened = store.open(schema.url());
        QVERIFY2(!opened.isError(), qPrintable(opened.message()));
        QCOMPARE(store.schemaVersion().value(), EventStore::currentSchemaVersion());
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->state().value, 10u);
        QVERIFY(store.handle(counter.value(), Increase{5}).isApplied());

        // evented's own insert, which knows nothing of the added columns, still works.
        EXEC(schema.db(), insert.arg(id.toString(QUuid::WithoutBraces)).arg(3).arg(100));
        QCOMPARE(store.load<Counter>(id)->state().value, 115u);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event")) + u" WHERE transaction_id IS NOT NULL AND recorded_at IS NOT NULL").toInt(), 3);
        QCOMPARE(scalar(schema.db(), u"SELECT seq_no FROM " + schema.table(QStringLiteral("projection")) + u" WHERE name = 'p'").toInt(), 1);

        // Opening again migrates nothing and keeps the data.
        EventStore again;
        QVERIFY(!again.open(schema.url()).isError());
        // Each step that ran is recorded once, up to the current version without a gap (a backend
        // that began at a later version records that version for its first tables).
        const QString migrations = schema.table(QStringLiteral("evented_migrations"));
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) FROM " + migrations).toInt(), EventStore::currentSchemaVersion());
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) - count(DISTINCT version) FROM " + migrations).toInt(), 0);
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) - min(version) + 1 - count(*) FROM " + migrations).toInt(), 0);
    }

    void upgradesFromSchemaVersion1()
    {
        POSTGRESQL_ONLY("the SQLite backend began at schema version 2");
        // A schema as the first release left it: version 1, projection without the state columns.
        Schema schema;
        {
            EventStore store;
            QVERIFY(!store.open(schema.url()).isError());
        }
        EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("projection"))
                              + u" DROP COLUMN transaction_id, DROP COLUMN status, DROP COLUMN error,"
                                u" DROP COLUMN error_seq_no, DROP COLUMN waiting_on_pid, DROP COLUMN waiting_since,"
                                u" DROP COLUMN owner, DROP COLUMN updated_at");
        EXEC(schema.db(), u"DELETE FROM " + schema.table(QStringLiteral("evented_migrations")) + u" WHERE version > 1");
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" VALUES ('old', 7)");

        EventStore store;
        const Error opened = store.open(schema.url());
        QVERIFY2(!opened.isError(), qPrintable(opened.message()));
        QCOMPARE(store.schemaVersion().value(), EventStore::currentSchemaVersion());
        QCOMPARE(scalar(schema.db(), u"SELECT seq_no FROM " + schema.table(QStringLiteral("projection"))
                                         + u" WHERE name = 'old' AND status IS NULL AND transaction_id IS NULL")
                     .toInt(),
                 7);
    }

    void upgradeDropsTheTypeIndex()
    {
        // A store at schema version 2 has an index on (type_name, seq_no) that version 3 drops.
        Schema schema;
        const QUuid id = QUuid::createUuid();
        {
            EventStore store;
            QVERIFY(!store.open(schema.url()).isError());
            auto counter = store.load<Counter>(id);
            QVERIFY(store.handle(counter.value(), Increase{5}).isApplied());
        }
        const QString index = schema.isSqlite() ? QStringLiteral("main.event_type_name_seq_no_idx")
                                                : schema.table(QStringLiteral("event_type_name_seq_no_idx"));
        const auto indexExists = [&] {
            return schema.isSqlite()
                ? scalar(schema.db(), QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'event_type_name_seq_no_idx'")).toInt() == 1
                : !scalar(schema.db(), u"SELECT to_regclass('" + index + u"')").isNull();
        };
        QVERIFY(!indexExists());
        EXEC(schema.db(), u"CREATE INDEX " + (schema.isSqlite() ? QStringLiteral("main.event_type_name_seq_no_idx ON event")
                                                                 : u"event_type_name_seq_no_idx ON " + schema.table(QStringLiteral("event")))
                              + u" (type_name, seq_no)");
        EXEC(schema.db(), u"DELETE FROM " + schema.table(QStringLiteral("evented_migrations")) + u" WHERE version > 2");
        QVERIFY(indexExists());

        EventStore store;
        const Error opened = store.open(schema.url());
        QVERIFY2(!opened.isError(), qPrintable(opened.message()));
        QCOMPARE(store.schemaVersion().value(), 3);
        QVERIFY(!indexExists());
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->state().value, 5u);
        QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
    }

    void notAnEventStore()
    {
        Schema schema;
        schema.create();
        EXEC(schema.db(), u"CREATE TABLE " + schema.table(QStringLiteral("event")) + u" (id int PRIMARY KEY, what text)");
        EventStore store;
        const Error error = store.open(schema.url());
        QCOMPARE(error.kind(), Error::Kind::Schema);
        QVERIFY2(error.message().contains(QStringLiteral("not an event store")), qPrintable(error.message()));
    }

    void tablesOfYourOwn()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        // Created once, beside the store's tables, whatever the name; a second time changes nothing.
        const QString name = QStringLiteral("my \"view\"");
        QVERIFY(!store.ensureTable(name, QStringLiteral("id integer PRIMARY KEY")).isError());
        EXEC(schema.db(), u"INSERT INTO " + store.tableName(name) + u" (id) VALUES (1)");
        QVERIFY(!store.ensureTable(name, QStringLiteral("id integer PRIMARY KEY")).isError());
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + store.tableName(name)).toInt(), 1);
        const Error bad = store.ensureTable(QStringLiteral("broken"), QStringLiteral("id nosuchtype("));
        QCOMPARE(bad.kind(), Error::Kind::Database);
    }

    void newerSchemaIsRefused()
    {
        Schema schema;
        {
            EventStore store;
            QVERIFY(!store.open(schema.url()).isError());
        }
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("evented_migrations")) + u" (version) VALUES (99)");
        EventStore store;
        const Error error = store.open(schema.url());
        QCOMPARE(error.kind(), Error::Kind::Schema);
        QVERIFY2(error.message().contains(QStringLiteral("99")), qPrintable(error.message()));

        Schema bare;
        EventStore unmigrated;
        QCOMPARE(unmigrated.open(bare.url(QStringLiteral("migrate=false"))).kind(), Error::Kind::NoStore);
        EventStore readOnly;
        QCOMPARE(readOnly.open(bare.url(QStringLiteral("read_only=true"))).kind(), Error::Kind::NoStore);
        if (isSqlite()) {
            // Without migration a missing file is not made either.
            QTemporaryDir dir;
            const QString missing = dir.filePath(QStringLiteral("missing.db"));
            EventStore none;
            const Error error = none.open(u"sqlite:" + missing + u"?migrate=false");
            QCOMPARE(error.kind(), Error::Kind::NoStore);
            QVERIFY2(error.message().contains(missing), qPrintable(error.message()));
            QVERIFY(!QFileInfo::exists(missing));
        }
    }

    void concurrentMigrations()
    {
        // Several connections migrate the same new schema at the same moment.
        Schema schema;
        constexpr int writers = 6;
        std::barrier start(writers);
        std::atomic<int> failures = 0;
        QStringList messages;
        QMutex mutex;
        std::vector<std::thread> threads;
        for (int i = 0; i < writers; ++i) {
            threads.emplace_back([&] {
                EventStore store;
                start.arrive_and_wait();
                const Error error = store.open(schema.url());
                if (error.isError()) {
                    ++failures;
                    QMutexLocker lock(&mutex);
                    messages << error.message();
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QVERIFY2(failures == 0, qPrintable(messages.join(u'\n')));
        // Each step that ran is recorded once, up to the current version without a gap (a backend
        // that began at a later version records that version for its first tables).
        const QString migrations = schema.table(QStringLiteral("evented_migrations"));
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) FROM " + migrations).toInt(), EventStore::currentSchemaVersion());
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) - count(DISTINCT version) FROM " + migrations).toInt(), 0);
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) - min(version) + 1 - count(*) FROM " + migrations).toInt(), 0);
    }

    void raceHasOneWinner()
    {
        // 8 real connections append to the same entity at the same version, 200 rounds.
        Schema schema;
        {
            EventStore migrate;
            QVERIFY(!migrate.open(schema.url()).isError());
        }
        constexpr int writers = 8;
        constexpr int rounds = 200;
        const QUuid id = QUuid::createUuid();
        std::barrier sync(writers);
        std::atomic<int> winners[rounds] = {};
        std::atomic<int> conflicts[rounds] = {};
        std::atomic<int> others = 0;
        std::atomic<bool> badConflict = false;
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&] {
                EventStore store;
                if (store.open(schema.url()).isError()) {
                    ++others;
                    for (int r = 0; r < rounds * 2; ++r)
                        sync.arrive_and_wait();
                    return;
                }
                for (int r = 0; r < rounds; ++r) {
                    Evented::Entity<Counter> counter(id, Counter{quint64(r)}, r); // everyone at version r
                    sync.arrive_and_wait();
                    const auto result = store.handle(counter, Increase{1});
                    if (result.isApplied())
                        ++winners[r];
                    else if (result.isConflict()) {
                        ++conflicts[r];
                        if (result.error().expectedVersion() != r || result.error().actualVersion() != r + 1)
                            badConflict = true;
                    } else
                        ++others;
                    sync.arrive_and_wait(); // the round is over for everyone
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(others.load(), 0);
        QVERIFY(!badConflict);
        for (int r = 0; r < rounds; ++r) {
            QCOMPARE(winners[r].load(), 1);
            QCOMPARE(conflicts[r].load(), writers - 1);
        }
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->version(), rounds);
        QCOMPARE(counter->state().value, quint64(rounds));
        QCOMPARE(scalar(schema.db(), u"SELECT count(DISTINCT version) = max(version) AND min(version) = 1 FROM "
                                         + schema.table(QStringLiteral("event"))).toBool(), true);
    }

    void twoProcessesAppendToOneEntity()
    {
        // Two processes increment the same counter 150 times each, every time from a fresh load.
        Schema schema;
        {
            EventStore migrate;
            QVERIFY(!migrate.open(schema.url()).isError());
        }
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        constexpr int each = 150;
        QProcess one, two;
        for (QProcess *p : {&one, &two}) {
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(QCoreApplication::applicationDirPath() + QStringLiteral("/append_runner"),
                     {schema.url(), id, QString::number(each)});
        }
        int conflicts = 0;
        for (QProcess *p : {&one, &two}) {
            QVERIFY(p->waitForFinished(120'000));
            QCOMPARE(p->exitCode(), 0); // nothing but typed conflicts went wrong
            const QList<QByteArray> words = p->readAllStandardOutput().trimmed().split(' ');
            QCOMPARE(words.value(1).toInt(), each);
            conflicts += words.value(3).toInt();
        }
        qInfo() << "typed conflicts between the two processes:" << conflicts;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        const auto counter = store.load<Counter>(QUuid::fromString(id));
        QCOMPARE(counter->version(), 2 * each); // nothing lost
        QCOMPARE(counter->state().value, quint64(2 * each));
    }

    void versionsNeverStoredLeaveNoGap()
    {
        // The store skips its own version lookup only for a version it read or wrote itself:
        // any other expected version is checked, so that no gap can open in the versions.
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        const QUuid id = QUuid::createUuid();
        auto loaded = store.load<Counter>(id);
        QVERIFY(store.handle(loaded.value(), Increase{1}).isApplied());
        QVERIFY(store.handle(loaded.value(), Increase{1}).isApplied());

        const auto expectConflict = [&](Evented::Entity<Counter> entity, qint64 expected, qint64 actual) {
            const auto result = store.handle(entity, Increase{1});
            if (!result.isConflict())
                return false;
            return result.error().expectedVersion() == expected && result.error().actualVersion() == actual;
        };
        // A version made up by the caller.
        QVERIFY(expectConflict(Evented::Entity<Counter>(id, Counter{2}, 5), 5, 2));
        // A version counted by applying an event that was never stored.
        auto ahead = loaded.value();
        ahead.apply(Increased{id, 1});
        QVERIFY(expectConflict(ahead, 3, 2));
        // A version read by another opening of a store, here of another database.
        Schema other;
        EventStore elsewhere;
        QVERIFY(!elsewhere.open(other.url()).isError());
        const auto there = elsewhere.handle(loaded.value(), Increase{1});
        QVERIFY(there.isConflict());
        QCOMPARE(there.error().actualVersion(), 0);
        QCOMPARE(rowCount(other), 0);
        // The same store object reopened is another opening.
        QVERIFY(!store.open(other.url()).isError());
        QVERIFY(expectConflict(loaded.value(), 2, 0));

        QCOMPARE(rowCount(schema), 2);
        QCOMPARE(scalar(schema.db(), u"SELECT max(version) FROM " + schema.table(QStringLiteral("event"))).toLongLong(), 2);
        // And the version the store wrote itself appends on the fast path, after a reopen too.
        QVERIFY(!store.open(schema.url()).isError());
        auto again = store.load<Counter>(id);
        QVERIFY(store.handle(again.value(), Increase{1}).isApplied());
        QCOMPARE(again->version(), 3);
    }

    void retryReloadsOnConflict()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        const QUuid id = QUuid::createUuid();
        auto mine = store.load<Counter>(id);
        auto theirs = store.load<Counter>(id);
        QVERIFY(store.handle(theirs.value(), Increase{10}).isApplied());
        // Stale: the conflict reloads the entity and the command is decided again.
        const auto result = store.handleWithRetry(mine.value(), Increase{4}, 3);
        QVERIFY2(result.isApplied(), qPrintable(result.error().message()));
        QCOMPARE(mine->state().value, 14u);
        QCOMPARE(mine->version(), 2);
        // A retry can turn into the domain's rejection once the real state is known.
        auto stale = Evented::Entity<Counter>(id, Counter{100}, 0);
        const auto rejected = store.handleWithRetry(stale, Decrease{50}, 2);
        QVERIFY(rejected.isRejected());
        QCOMPARE(rejected.rejection().value, 14u);
        QCOMPARE(stale.version(), 2);
        // Without retries the conflict is returned as it is.
        auto stale2 = Evented::Entity<Counter>(id, Counter{}, 1);
        QVERIFY(store.handle(stale2, Increase{1}).isConflict());
    }

    void signalsOnlyAfterCommit()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QSignalSpy all(&store, &EventStore::eventsCommitted);
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        auto subscriptionA = std::unique_ptr<Evented::EventSubscription>(Evented::EventSubscription::create<Counter>(&store, a));
        auto subscriptionCounters = std::unique_ptr<Evented::EventSubscription>(Evented::EventSubscription::create<Counter>(&store));
        Evented::EventSubscription journals(&store, QStringLiteral("journal"));
        QSignalSpy onlyA(subscriptionA.get(), &Evented::EventSubscription::eventsCommitted);
        QSignalSpy counters(subscriptionCounters.get(), &Evented::EventSubscription::eventsCommitted);
        QSignalSpy journalEvents(&journals, &Evented::EventSubscription::eventsCommitted);

        auto counterA = store.load<Counter>(a);
        auto counterB = store.load<Counter>(b);
        auto staleB = counterB.value();
        QVERIFY(store.handle(counterA.value(), Increase{1}).isApplied());
        QVERIFY(store.handle(counterB.value(), Increase{2}).isApplied());
        QVERIFY(store.handle(counterA.value(), Decrease{5}).isRejected());
        QVERIFY(store.handle(staleB, Increase{2}).isConflict());
        QCOMPARE(all.size(), 2);
        QCOMPARE(onlyA.size(), 1);
        QCOMPARE(onlyA.first().first().value<QList<Evented::RecordedEvent>>().first().entityId, a);
        QCOMPARE(counters.size(), 2);
        QCOMPARE(journalEvents.size(), 0);
    }

    void notificationAfterCommit()
    {
        POSTGRESQL_ONLY("SQLite has no notifications; other processes poll");
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url(QStringLiteral("notify_interval_ms=50"))).isError());
        QSqlDatabase listener = schema.connection(QStringLiteral("listen"));
        QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("evented")));
        QSignalSpy notified(listener.driver(), &QSqlDriver::notification);

        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Decrease{1}).isRejected());
        QTest::qWait(200);
        QCOMPARE(notified.size(), 0);

        // A burst of commits is announced at once, then coalesced: at most one wake-up per
        // 50 ms interval the burst spans, and one after the burst's last commit.
        QElapsedTimer burst;
        burst.start();
        qint64 lastNotified = -1;
        connect(listener.driver(), &QSqlDriver::notification, this, [&] { lastNotified = burst.elapsed(); });
        for (int i = 0; i < 10; ++i)
            QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
        const qint64 lastCommit = burst.elapsed();
        const qint64 intervals = lastCommit / 50 + 1;
        QTRY_VERIFY(lastNotified >= lastCommit); // the last commits are announced too
        QTest::qWait(150); // nothing more comes once the trailing wake-up was sent
        QVERIFY2(notified.size() <= intervals + 1,
                 qPrintable(QStringLiteral("%1 wake-ups for %2 intervals").arg(notified.size()).arg(intervals)));
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("evented"));
        QCOMPARE(notified.first().at(2).toString(), schema.name());
        listener.driver()->unsubscribeFromNotification(QStringLiteral("evented"));
        closeConnection(listener);
    }

    void asyncCallsDoNotBlock()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        const QUuid id = QUuid::createUuid();

        // Hold the write lock from another session: the async call waits on it, this thread does not.
        QSqlDatabase blocker = schema.connection(QStringLiteral("blocker"));
        if (schema.isSqlite()) {
            EXEC(blocker, QStringLiteral("BEGIN IMMEDIATE"));
        } else {
            QVERIFY(blocker.transaction());
            EXEC(blocker, u"LOCK TABLE " + schema.table(QStringLiteral("event")) + u" IN EXCLUSIVE MODE");
        }
        auto future = store.handleAsync<Counter>(id, Increase{3});
        QTest::qWait(300);
        QVERIFY(!future.isFinished());
        QVERIFY(blocker.commit());

        QTRY_VERIFY(future.isFinished());
        const auto handled = future.result();
        QVERIFY2(handled.result.isApplied(), qPrintable(handled.result.error().message()));
        QCOMPARE(handled.entity.state().value, 3u);
        QCOMPARE(handled.entity.version(), 1);
        // The signal arrives in the store's thread.
        QTRY_COMPARE(committed.size(), 1);

        auto loaded = store.loadAsync<Counter>(id);
        QTRY_VERIFY(loaded.isFinished());
        QCOMPARE(loaded.result()->state().value, 3u);
        auto rejected = store.handleAsync<Counter>(id, Decrease{10});
        rejected.waitForFinished();
        QVERIFY(rejected.result().result.isRejected());
        closeConnection(blocker);
    }

    void blockingCallFromAnotherThread()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        Error::Kind kind = Error::Kind::None;
        std::thread other([&] { kind = store.load<Counter>(QUuid::createUuid()).error().kind(); });
        other.join();
        QCOMPARE(kind, Error::Kind::WrongThread);
    }

    void openFromExistingConnection()
    {
        Schema schema;
        QSqlDatabase mine = schema.connection(QStringLiteral("mine"));
        EventStore store;
        EventStore::Options options;
        options.schema = schema.name();
        QVERIFY(!store.open(mine, options).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        QVERIFY(store.handle(counter.value(), Increase{1}).isApplied());
        QVERIFY(mine.isOpen()); // the caller's connection is left alone
        QCOMPARE(rowCount(schema), 1);
        store.close();
        closeConnection(mine);
    }
};

QTEST_GUILESS_MAIN(tst_EventStore)
#include "tst_eventstore.moc"
