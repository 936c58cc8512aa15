// Opening a store on both backends: URLs and their errors, SQLite files and memory, an existing
// connection, and the schema: migrations from evented's tables and older versions, refusals,
// concurrent migrations and tables of the application's own.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <barrier>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using Evented::Error;
using Evented::EventStore;

namespace {

/*! Each migration step that ran is recorded once, up to the current version without a gap (a
    backend that began at a later version records that version for its first tables). */
void checkMigrationsRecorded(Schema &schema)
{
    const QString migrations = schema.table(QStringLiteral("evented_migrations"));
    QCOMPARE(scalar(schema.db(), u"SELECT max(version) FROM " + migrations).toInt(), EventStore::currentSchemaVersion());
    QCOMPARE(scalar(schema.db(), u"SELECT count(*) - count(DISTINCT version) FROM " + migrations).toInt(), 0);
    QCOMPARE(scalar(schema.db(), u"SELECT max(version) - min(version) + 1 - count(*) FROM " + migrations).toInt(), 0);
}

} // namespace

class tst_StoreOpen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

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
        EVENTED_VERIFY_OK(store.open(QStringLiteral("sqlite::memory:")));
        auto counter = store.load<Counter>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}));
        auto later = store.handleAsync<Counter>(counter->id(), Increase{2});
        later.waitForFinished();
        EVENTED_VERIFY_OK(later.result().result);
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
        EVENTED_VERIFY_OK(third);
        QTRY_COMPARE(handled.load(), 3);
        projection.stop();
        EventStore other;
        EVENTED_VERIFY_OK(other.open(QStringLiteral("sqlite::memory:")));
        QCOMPARE(other.load<Counter>(counter->id())->version(), 0); // another store, another database
    }

    void hostileSchemaName()
    {
        // A schema name on PostgreSQL, a file name on SQLite.
        Schema schema(QStringLiteral("we\"ird' name; DROP TABLE x; --"));
        EventStore store;
        const Error opened = store.open(schema.url());
        EVENTED_VERIFY_OK(opened);
        QCOMPARE(store.options().schema, schema.name());
        auto counter = store.load<Counter>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{3}));
        QCOMPARE(store.load<Counter>(counter->id())->state().value, 3u);
        QCOMPARE(eventCount(schema), 1);
    }

    void openFromExistingConnection()
    {
        Schema schema;
        QSqlDatabase mine = schema.connection(QStringLiteral("mine"));
        EventStore store;
        EventStore::Options options;
        options.schema = schema.name();
        EVENTED_VERIFY_OK(store.open(mine, options));
        auto counter = store.load<Counter>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
        QVERIFY(mine.isOpen()); // the caller's connection is left alone
        QCOMPARE(eventCount(schema), 1);
        store.close();
        closeConnection(mine);
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
        EVENTED_VERIFY_OK(opened);
        QCOMPARE(store.schemaVersion().value(), EventStore::currentSchemaVersion());
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->state().value, 10u);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}));

        // evented's own insert, which knows nothing of the added columns, still works.
        EXEC(schema.db(), insert.arg(id.toString(QUuid::WithoutBraces)).arg(3).arg(100));
        QCOMPARE(store.load<Counter>(id)->state().value, 115u);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event")) + u" WHERE transaction_id IS NOT NULL AND recorded_at IS NOT NULL").toInt(), 3);
        QCOMPARE(scalar(schema.db(), u"SELECT seq_no FROM " + schema.table(QStringLiteral("projection")) + u" WHERE name = 'p'").toInt(), 1);

        // Opening again migrates nothing and keeps the data.
        EventStore again;
        EVENTED_VERIFY_OK(again.open(schema.url()));
        checkMigrationsRecorded(schema);
    }

    void upgradesFromSchemaVersion1()
    {
        POSTGRESQL_ONLY("the SQLite backend began at schema version 2");
        // A schema as the first release left it: version 1, projection without the state columns.
        Schema schema;
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
        }
        EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("projection"))
                              + u" DROP COLUMN transaction_id, DROP COLUMN status, DROP COLUMN error,"
                                u" DROP COLUMN error_seq_no, DROP COLUMN waiting_on_pid, DROP COLUMN waiting_since,"
                                u" DROP COLUMN owner, DROP COLUMN updated_at");
        EXEC(schema.db(), u"DELETE FROM " + schema.table(QStringLiteral("evented_migrations")) + u" WHERE version > 1");
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" VALUES ('old', 7)");

        EventStore store;
        const Error opened = store.open(schema.url());
        EVENTED_VERIFY_OK(opened);
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
            EVENTED_VERIFY_OK(store.open(schema.url()));
            auto counter = store.load<Counter>(id);
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{5}));
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
        // Back to version 2: without what steps 4, 5, 7 and 8 added either.
        for (const char *column : {"event_version", "correlation_id", "causation_id"})
            EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("event")) + u" DROP COLUMN " + QLatin1StringView(column));
        EXEC(schema.db(), u"DROP TABLE " + schema.table(QStringLiteral("snapshot")));
        EXEC(schema.db(), u"DROP TABLE " + schema.table(QStringLiteral("command")));
        for (const char *column : {"digest", "digest_events"}) // and step 7
            EXEC(schema.db(), u"ALTER TABLE " + schema.table(QStringLiteral("projection")) + u" DROP COLUMN " + QLatin1StringView(column));
        EXEC(schema.db(), u"DROP TABLE " + schema.table(QStringLiteral("projection_checkpoint")));
        EXEC(schema.db(), u"DROP TABLE " + schema.table(QStringLiteral("projection_parked"))); // step 8
        EXEC(schema.db(), u"DELETE FROM " + schema.table(QStringLiteral("evented_migrations")) + u" WHERE version > 2");
        QVERIFY(indexExists());

        EventStore store;
        const Error opened = store.open(schema.url());
        EVENTED_VERIFY_OK(opened);
        QCOMPARE(store.schemaVersion().value(), EventStore::currentSchemaVersion());
        QVERIFY(!indexExists());
        auto counter = store.load<Counter>(id);
        QCOMPARE(counter->state().value, 5u);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}));
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

    void newerSchemaIsRefused()
    {
        Schema schema;
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
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
        checkMigrationsRecorded(schema);
    }

    void tablesOfYourOwn()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        // Created once, beside the store's tables, whatever the name; a second time changes nothing.
        const QString name = QStringLiteral("my \"view\"");
        EVENTED_VERIFY_OK(store.ensureTable(name, QStringLiteral("id integer PRIMARY KEY")));
        EXEC(schema.db(), u"INSERT INTO " + store.tableName(name) + u" (id) VALUES (1)");
        EVENTED_VERIFY_OK(store.ensureTable(name, QStringLiteral("id integer PRIMARY KEY")));
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + store.tableName(name)).toInt(), 1);
        const Error bad = store.ensureTable(QStringLiteral("broken"), QStringLiteral("id nosuchtype("));
        QCOMPARE(bad.kind(), Error::Kind::Database);
    }
};

QTEST_GUILESS_MAIN(tst_StoreOpen)
#include "tst_store_open.moc"
