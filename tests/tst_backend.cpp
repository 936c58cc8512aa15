// The backend seam on both backends: every statement returns the columns its readers take by
// name, identifiers are checked and quoted by the backend, migrations record the steps that ran,
// and the thread rule holds for opening.

#include "dialect_p.h"
#include "statements_p.h"
#include "testoutcomes.h"
#include "testsupport.h"

#include <evented/eventfilter.h>
#include <evented/eventstore.h>

#include <QRegularExpression>
#include <QSqlRecord>
#include <QTest>

#include <thread>

using namespace Evented;
using namespace TestSupport;
Q_DECLARE_METATYPE(Evented::EventFilter)

namespace {
struct Noted
{
    Q_GADGET
public:
    friend bool operator==(const Noted &, const Noted &) = default;
};
struct Notebook
{
    using Event = std::variant<Noted>;
    static constexpr auto typeName = "notebook";
    void apply(const Event &) {}
};
struct Note
{
    Evented::Decision<Notebook> handle(const QUuid &, const Notebook &) const { return Noted{}; }
};
} // namespace


class tst_Backend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void statementsHaveTheirNamedColumns()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSqlDatabase db = store.database();
        const auto dialect = Detail::Dialect::forDriver(db.driverName(), nullptr);
        QVERIFY(dialect);
        // On a distributed store (a Citus coordinator) the barrier of the commit order is a parameter.
        const bool distributed = store.isDistributed();
        const Detail::Statements s = dialect->statements(schema.name(), distributed);
        QVariantList barrier = distributed ? QVariantList{QStringLiteral("0")} : QVariantList();
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString counter = QStringLiteral("counter");
        const QString pairs = QStringLiteral("[[{\"Increased\": {\"inc\": 1}}, null, 1]]");
        const QString correlation = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString causation = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString command = QUuid::createUuid().toString(QUuid::WithoutBraces);
        struct Statement
        {
            const char *name;
            QString sql;
            QVariantList values;
            int columns;
        };
        QList<Statement> statements = {
            {"appendOne", s.appendOne, {id, counter, 0, QStringLiteral("{\"Increased\": {\"inc\": 1}}"), QStringLiteral("null"), 1, correlation, causation},
             Detail::AppendColumn::Count},
            {"appendStored", s.appendStored, {id, counter, 1, pairs, correlation, causation}, Detail::AppendColumn::Count},
            {"appendChecked", s.appendChecked, {id, counter, 2, pairs, correlation, causation}, Detail::AppendColumn::Count},
            {"recordCommand", s.recordCommand, {command, counter, id, QStringLiteral("[1, 2, 3]")}, 0},
            {"commandEvents", s.commandEvents, {command}, Detail::EventColumn::CausationId + 1},
            {"load", s.load, {id, counter}, Detail::LoadColumn::Count},
            {"saveSnapshot", s.saveSnapshot, {id, counter, 1, 1, QStringLiteral("{\"value\": 1}")}, 0},
            {"loadFromSnapshot", s.loadFromSnapshot, {id, counter, 1}, Detail::LoadColumn::Count},
            {"historyPage", s.historyPage, {counter, QUuid().toString(QUuid::WithoutBraces), 0, 10}, Detail::HistoryColumn::Count},
            {"orphanSnapshots", s.orphanSnapshots, {counter}, Detail::OrphanSnapshotColumn::Count},
            {"snapshotStats", s.snapshotStats, {}, Detail::SnapshotStatsColumn::Count},
            {"version", s.version, {id, counter}, 1},
            {"catchUp", s.catchUp, QVariantList{QStringLiteral("0"), 0, 10} + barrier, Detail::EventColumn::Count},
            {"position", s.position, {QStringLiteral("nothing")}, Detail::PositionColumn::Count},
            {"idle", s.idle, QVariantList{QStringLiteral("0"), 0} + barrier, Detail::IdleColumn::Count},
            {"states", s.states, {}, Detail::StateColumn::Count},
            {"settledPosition", s.settledPosition, barrier, 2},
            {"typeStats", s.typeStats, {}, Detail::TypeStatsColumn::Count},
            {"eventsPerMinute", s.eventsPerMinute, {QStringLiteral("2026-01-01T00:00:00.000Z")}, Detail::MinuteCountColumn::Count},
            {"head", s.head, {}, 1},
            {"databaseSize", s.databaseSize, {}, 1},
            {"entities", s.entities, {}, Detail::EntityColumn::Count},
            {"entitiesOfType", s.entitiesOfType, {counter}, Detail::EntityColumn::Count},
            {"eventsByEntity", s.eventsByEntity, {}, Detail::EventColumn::CausationId + 1},
        };
        if (!s.beyondSettled.isEmpty())
            statements.append({"beyondSettled", s.beyondSettled, barrier, 1});
        if (distributed) {
            statements.append({"barrier", s.barrier, {}, 2});
            statements.append({"dropStaleSnapshot", s.dropStaleSnapshot, {id, counter, 1, 1}, 0});
        }
        for (const Statement &statement : std::as_const(statements)) {
            QSqlQuery query(db);
            QVERIFY2(query.prepare(statement.sql), qPrintable(QStringLiteral("%1: ").arg(QLatin1StringView(statement.name)) + query.lastError().text()));
            for (const QVariant &value : statement.values)
                query.addBindValue(value);
            QVERIFY2(query.exec(), qPrintable(QStringLiteral("%1: ").arg(QLatin1StringView(statement.name)) + query.lastError().text()));
            QVERIFY2(query.record().count() == statement.columns,
                     qPrintable(QStringLiteral("%1 has %2 columns, its readers take %3")
                                    .arg(QLatin1StringView(statement.name))
                                    .arg(query.record().count())
                                    .arg(statement.columns)));
            // The three appends each inserted their event, in order.
            if (QByteArrayView(statement.name).startsWith("append")) {
                QVERIFY2(query.next(), statement.name);
                QCOMPARE(query.value(Detail::AppendColumn::Version).toLongLong(), statement.values.at(2).toLongLong() + 1);
            }
            // The snapshot at version 1 comes first, as seq_no 0, then the events after it.
            if (QByteArrayView(statement.name) == "loadFromSnapshot") {
                QList<std::pair<qint64, qint64>> loaded;
                while (query.next())
                    loaded.append({query.value(Detail::LoadColumn::SeqNo).toLongLong(), query.value(Detail::LoadColumn::Version).toLongLong()});
                QCOMPARE(loaded.size(), 3);
                QCOMPARE(loaded.at(0), std::make_pair(qint64(0), qint64(1)));
                QCOMPARE(loaded.at(1).second, 2);
                QCOMPARE(loaded.at(2).second, 3);
            }
        }

        // The statements that return events select them in EventColumn's order.
        if (distributed) {
            QSqlQuery settled(db);
            QVERIFY2(settled.exec(s.barrier) && settled.next(), qPrintable(settled.lastError().text()));
            QCOMPARE(settled.value(1).toString(), QString()); // no two-phase commit in doubt here
            barrier = {settled.value(0)};
        }
        QSqlQuery catchUp(db);
        QVERIFY(catchUp.prepare(s.catchUp));
        for (const QVariant &value : QVariantList{QStringLiteral("0"), 0, 10} + barrier)
            catchUp.addBindValue(value);
        QVERIFY2(catchUp.exec(), qPrintable(catchUp.lastError().text()));
        const QSqlRecord record = catchUp.record();
        QCOMPARE(record.fieldName(Detail::EventColumn::SeqNo), QStringLiteral("seq_no"));
        QCOMPARE(record.fieldName(Detail::EventColumn::TypeName), QStringLiteral("type_name"));
        QCOMPARE(record.fieldName(Detail::EventColumn::EntityId), QStringLiteral("entity_id"));
        QCOMPARE(record.fieldName(Detail::EventColumn::Version), QStringLiteral("version"));
        QCOMPARE(record.fieldName(Detail::EventColumn::Event), QStringLiteral("event"));
        QCOMPARE(record.fieldName(Detail::EventColumn::Metadata), QStringLiteral("metadata"));
        QCOMPARE(record.fieldName(Detail::EventColumn::EventVersion), QStringLiteral("event_version"));
        int rows = 0;
        while (catchUp.next()) {
            ++rows;
            QCOMPARE(catchUp.value(Detail::EventColumn::EntityId).toString(), id);
            QCOMPARE(catchUp.value(Detail::EventColumn::Version).toLongLong(), rows);
            QCOMPARE(catchUp.value(Detail::EventColumn::Head).toLongLong(), 3);
        }
        QCOMPARE(rows, 3);

        // The appends that record the command in the same statement, on another entity.
        if (schema.isSqlite() || distributed)
            return; // its appends run in a transaction, which records the command after them
        const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QList<Statement> recording = {
            {"appendOneCommand", s.appendOneCommand, {other, counter, 0, QStringLiteral("{\"Increased\": {\"inc\": 1}}"),
                                                      QStringLiteral("null"), 1, correlation, causation,
                                                      QUuid::createUuid().toString(QUuid::WithoutBraces)}, Detail::AppendColumn::Count},
            {"appendStoredCommand", s.appendStoredCommand, {other, counter, 1, pairs, correlation, causation,
                                                            QUuid::createUuid().toString(QUuid::WithoutBraces)}, Detail::AppendColumn::Count},
            {"appendCheckedCommand", s.appendCheckedCommand, {other, counter, 2, pairs, correlation, causation,
                                                              QUuid::createUuid().toString(QUuid::WithoutBraces)}, Detail::AppendColumn::Count}};
        for (const Statement &statement : recording) {
            QSqlQuery query(db);
            QVERIFY2(query.prepare(statement.sql), qPrintable(QStringLiteral("%1: ").arg(QLatin1StringView(statement.name)) + query.lastError().text()));
            for (const QVariant &value : statement.values)
                query.addBindValue(value);
            QVERIFY2(query.exec(), qPrintable(QStringLiteral("%1: ").arg(QLatin1StringView(statement.name)) + query.lastError().text()));
            QCOMPARE(query.record().count(), statement.columns);
            QVERIFY2(query.next(), statement.name);
            QCOMPARE(query.value(Detail::AppendColumn::Version).toLongLong(), statement.values.at(2).toLongLong() + 1);
        }
        QCOMPARE(scalar(db, u"SELECT count(*) FROM " + schema.table(QStringLiteral("command"))).toInt(), 4);
    }

    void loadFromSnapshotReadsOnlyTheEventsAfterIt()
    {
        // A load from a snapshot 10 events before the end of an entity that fills the table,
        // planned with and without statistics, custom and generic: the snapshot's check and the
        // events after it through the index; no row of the entity's other events read.
        POSTGRESQL_ONLY("SQLite's planner reads the index range whatever it knows");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        if (store.isDistributed())
            QSKIP("a plan of one server: on a Citus cluster each worker plans its shard's part");
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) SELECT '" + id
                              + u"', v, 'counter', '{\"Increased\": {\"inc\": 1}}', 'null' FROM generate_series(1, 20000) v");
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("snapshot"))
                              + u" (entity_id, type_name, version, schema_version, state) VALUES ('" + id
                              + u"', 'counter', 19990, 1, '{}')");
        const auto dialect = Detail::Dialect::forDriver(QStringLiteral("QPSQL"), nullptr);
        EXEC(schema.db(), u"PREPARE load_from_snapshot AS " + dialect->statements(schema.name(), false).loadFromSnapshot);
        for (const bool analysed : {false, true}) {
            if (analysed)
                EXEC(schema.db(), u"ANALYZE " + schema.table(QStringLiteral("event")));
            for (const char *mode : {"force_custom_plan", "force_generic_plan"}) {
                EXEC(schema.db(), QStringLiteral("SET plan_cache_mode = %1").arg(QLatin1StringView(mode)));
                QSqlQuery explain(schema.db());
                QVERIFY2(explain.exec(QStringLiteral("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) "
                                                     "EXECUTE load_from_snapshot('%1', 'counter', 1)")
                                          .arg(id)),
                         qPrintable(explain.lastError().text()));
                QString plan;
                while (explain.next())
                    plan += explain.value(0).toString() + u'\n';
                const QString context = (analysed ? QStringLiteral("analysed, ") : QStringLiteral("not analysed, "))
                    + QLatin1StringView(mode) + u":\n" + plan;
                QVERIFY2(!plan.contains(QStringLiteral("Seq Scan on event")), qPrintable(context));
                QVERIFY2(!plan.contains(QStringLiteral("Rows Removed")), qPrintable(context));
                // No step reads more rows than the snapshot and the 10 events after it.
                qint64 most = 0;
                for (const QRegularExpressionMatch &m : QRegularExpression(QStringLiteral("actual rows=(\\d+)")).globalMatch(plan))
                    most = std::max(most, m.captured(1).toLongLong());
                QVERIFY2(most == 11, qPrintable(context));
            }
        }
        EXEC(schema.db(), QStringLiteral("RESET plan_cache_mode"));
    }

    void migrationRecordsTheStepsThatRan()
    {
        // A new store records the version its backend's tables start at, then each step after
        // it: no version is recorded that no script made.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const auto dialect = Detail::Dialect::forDriver(store.database().driverName(), nullptr);
        QList<int> expected;
        for (int version = std::max(1, dialect->baselineVersion()); version <= EventStore::currentSchemaVersion(); ++version)
            expected.append(version);
        QList<int> recorded;
        QSqlQuery query(schema.db());
        QVERIFY(query.exec(u"SELECT version FROM " + schema.table(QStringLiteral("evented_migrations")) + u" ORDER BY version"));
        while (query.next())
            recorded.append(query.value(0).toInt());
        QCOMPARE(recorded, expected);
        // Migrating again changes nothing.
        EVENTED_VERIFY_OK(store.migrate());
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("evented_migrations"))).toInt(),
                 expected.size());
    }

    void identifiersAreCheckedAndQuoted()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        // A hostile name is a name: quoted, it creates that table and nothing else happens.
        const QString hostile = QStringLiteral("view\"; DROP TABLE event; --");
        EVENTED_VERIFY_OK(store.ensureTable(hostile, QStringLiteral("id integer")));
        EXEC(schema.db(), u"INSERT INTO " + store.tableName(hostile) + u" (id) VALUES (7)");
        QCOMPARE(scalar(schema.db(), u"SELECT id FROM " + store.tableName(hostile)).toInt(), 7);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))).toInt(), 0);

        QCOMPARE(store.ensureTable(QString(), QStringLiteral("id integer")).kind(), Error::Kind::InvalidArgument);
        // PostgreSQL would cut a longer name to 63 bytes, and two names would meet in one table.
        const Error tooLong = store.ensureTable(QString(64, u'x'), QStringLiteral("id integer"));
        if (schema.isSqlite())
            EVENTED_VERIFY_OK(tooLong);
        else
            QCOMPARE(tooLong.kind(), Error::Kind::InvalidArgument);
    }

    void schemaNamesAreChecked()
    {
        POSTGRESQL_ONLY("SQLite's schema is always main");
        EventStore store;
        QCOMPARE(store.open(withSchema(serverUrl(), QString(64, u's'))).kind(), Error::Kind::InvalidArgument);
        QCOMPARE(store.open(withSchema(serverUrl(), QString())).kind(), Error::Kind::InvalidArgument);
        QVERIFY(!store.isOpen());
    }

    void openedOnlyInItsThread()
    {
        // A store belongs to its thread: opening it from another is refused, and it stays closed.
        Schema schema;
        EventStore store;
        Error error;
        std::thread other([&] { error = store.open(schema.url()); });
        other.join();
        QCOMPARE(error.kind(), Error::Kind::WrongThread);
        QVERIFY(!store.isOpen());
        QCOMPARE(store.load<Notebook>(QUuid::createUuid()).error().kind(), Error::Kind::NotOpen);
        EVENTED_VERIFY_OK(store.open(schema.url()));
    }

    void readOnlyCopyRefusesWrites()
    {
        // A store opened read-only on a copy of a writable store's connection writes nothing.
        Schema schema;
        EventStore writable;
        EVENTED_VERIFY_OK(writable.open(schema.url()));
        EventStore::Options options = writable.options();
        options.readOnly = true;
        EventStore reader;
        EVENTED_VERIFY_OK(reader.open(writable.database(), options));
        auto notebook = reader.load<Notebook>(QUuid::createUuid());
        EVENTED_VERIFY_OK(notebook);
        const auto written = reader.handle(notebook.value(), Note{});
        QCOMPARE(written.outcome(), Outcome::Failed);
        QCOMPARE(written.error().kind(), Error::Kind::Database);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))).toInt(), 0);
        // The writable store still writes.
        auto mine = writable.load<Notebook>(QUuid::createUuid());
        EVENTED_VERIFY_OK(writable.handle(mine.value(), Note{}));
    }

    void filterMatches_data()
    {
        QTest::addColumn<EventFilter>("filter");
        QTest::addColumn<bool>("matches");
        const QUuid id = QUuid::fromString(QStringLiteral("6a1f0000-0000-4000-8000-000000000001"));
        QTest::newRow("all") << EventFilter::all() << true;
        QTest::newRow("type") << EventFilter::byType(QStringLiteral("counter")) << true;
        QTest::newRow("other type") << EventFilter::byType(QStringLiteral("account")) << false;
        QTest::newRow("entity") << EventFilter::byEntity(QStringLiteral("counter"), id) << true;
        QTest::newRow("other entity") << EventFilter::byEntity(QStringLiteral("counter"), QUuid::createUuid()) << false;
        QTest::newRow("event") << EventFilter::byEvent({QStringLiteral("Decreased"), QStringLiteral("Increased")}) << true;
        QTest::newRow("other event") << EventFilter::byEvent({QStringLiteral("Decreased")}) << false;
        QTest::newRow("type, other event") << EventFilter::byType(QStringLiteral("counter")).withEvents({QStringLiteral("Reset")})
                                           << false;
        EventFilter from;
        from.fromSeqNo = 5;
        QTest::newRow("from its seq_no") << from << true;
        from.fromSeqNo = 6;
        QTest::newRow("from after it") << from << false;
        EventFilter to;
        to.toSeqNo = 5;
        QTest::newRow("to its seq_no") << to << true;
        to.toSeqNo = 4;
        QTest::newRow("to before it") << to << false;
    }

    void filterMatches()
    {
        QFETCH(EventFilter, filter);
        QFETCH(bool, matches);
        RecordedEvent event;
        event.seqNo = 5;
        event.typeName = QStringLiteral("counter");
        event.entityId = QUuid::fromString(QStringLiteral("6a1f0000-0000-4000-8000-000000000001"));
        event.eventName = QStringLiteral("Increased");
        QCOMPARE(filter.matches(event), matches);
        QCOMPARE(filter.matchesType(event.typeName), filter.typeNames.isEmpty() || filter.typeNames.contains(event.typeName));
    }
};

QTEST_GUILESS_MAIN(tst_Backend)
#include "tst_backend.moc"
