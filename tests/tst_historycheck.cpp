// The history check and the event upgrade, on both backends: a sound store passes; a broken
// upcaster, a stale snapshot, an undecodable and an orphaned snapshot are each found; pages
// end inside an entity; the upgrade rewrites old shapes once and leaves what it cannot read.

#include "testsupport.h"

#include <evented/domain.h>
#include <evented/eventupgrade.h>
#include <evented/historycheck.h>

using namespace Evented;
using namespace TestSupport;

namespace {

// A ledger whose Booked event was {"value": n} at version 1 and is {"amount": n} at version 2.
struct Opened
{
    Q_GADGET
public:
    friend bool operator==(const Opened &, const Opened &) = default;
};

struct Booked
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    static constexpr int eventVersion = 2;
    qint64 amount = 0;
    friend bool operator==(const Booked &, const Booked &) = default;
};

struct Ledger
{
    Q_GADGET
    Q_PROPERTY(qint64 total MEMBER total)
    Q_PROPERTY(qint64 bookings MEMBER bookings)
public:
    using Event = std::variant<Opened, Booked>;
    static constexpr auto typeName = "ledger";
    static constexpr int stateVersion = 1;
    static Upcasters upcasters()
    {
        return Upcasters().renameField(QStringLiteral("Booked"), 1, QStringLiteral("value"), QStringLiteral("amount"));
    }
    qint64 total = 0;
    qint64 bookings = 0;
    void apply(const Event &event)
    {
        if (const auto *booked = std::get_if<Booked>(&event)) {
            total += booked->amount;
            ++bookings;
        }
    }
};

/*! A new build of the same type whose upcaster is broken. */
struct BrokenLedger : Ledger
{
    static Upcasters upcasters()
    {
        return Upcasters().add(QStringLiteral("Booked"), 1, [](EventShape &, QString *why) {
            *why = QStringLiteral("no value");
            return false;
        });
    }
};

/*! A new build whose apply() changed (bookings are no longer counted) without a new stateVersion. */
struct ChangedLedger : Ledger
{
    void apply(const Event &event)
    {
        if (const auto *booked = std::get_if<Booked>(&event))
            total += booked->amount;
    }
};

template<typename E>
Domain domainOf()
{
    Domain domain;
    domain.addEntityType<E>();
    return domain;
}

} // namespace

class tst_HistoryCheck : public QObject
{
    Q_OBJECT

    /*! Inserts a ledger event as an older build or evented would: \a eventVersion 0 leaves the column null. */
    static void insert(Schema &schema, const QUuid &id, qint64 version, const QString &event, int eventVersion = 0)
    {
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata, event_version) VALUES ('"
                              + id.toString(QUuid::WithoutBraces) + u"', " + QString::number(version) + u", 'ledger', '"
                              + event + u"', 'null', " + (eventVersion ? QString::number(eventVersion) : QStringLiteral("NULL")) + u')');
    }

    /*! Three ledgers of 1 + n events in the first shapes, n = 2, 3, 4. */
    static QList<QUuid> seed(Schema &schema)
    {
        QList<QUuid> ids;
        for (int bookings = 2; bookings <= 4; ++bookings) {
            const QUuid id = QUuid::createUuid();
            insert(schema, id, 1, QStringLiteral("\"Opened\""));
            for (int i = 1; i <= bookings; ++i)
                insert(schema, id, 1 + i, QStringLiteral("{\"Booked\": {\"value\": %1}}").arg(i * 10));
            ids.append(id);
        }
        return ids;
    }

    static QString problems(const HistoryReport &report)
    {
        QStringList lines;
        for (const HistoryTypeReport &type : report.types) {
            for (const HistoryProblem &problem : type.problems)
                lines.append(QStringLiteral("%1 v%2 #%3: %4").arg(int(problem.kind)).arg(problem.version).arg(problem.seqNo).arg(problem.reason));
        }
        return lines.join(u'\n');
    }

private Q_SLOTS:
    BACKEND_DATA

    void soundStorePasses()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = seed(schema);
        const Domain domain = domainOf<Ledger>();
        for (const QUuid &id : ids)
            QVERIFY(domain.takeSnapshot(store, QStringLiteral("ledger"), id));

        HistoryCheck check(&store, domain);
        check.setPageSize(4); // pages end inside entities
        QList<qint64> seen;
        const Result<HistoryReport> report = check.run([&seen](qint64 read, qint64 total) {
            seen.append(read);
            return total == 12;
        });
        EVENTED_VERIFY_OK(report.error());
        QVERIFY2(report->isSound(), qPrintable(problems(report.value())));
        QCOMPARE(report->types.size(), 1);
        const HistoryTypeReport &ledger = report->types.first();
        QCOMPARE(ledger.events, 12);
        QCOMPARE(ledger.entities, 3);
        QCOMPARE(ledger.snapshotsCompared, 3);
        QCOMPARE(ledger.snapshotsOutdated, 0);
        QCOMPARE(seen, QList<qint64>({4, 8, 12}));
        QCOMPARE(report->unknownTypes, QStringList());
    }

    void typesWithoutCodeAreListed()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        seed(schema);
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) VALUES ('"
                              + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'stranger', '\"Came\"', 'null')");
        const Result<HistoryReport> report = HistoryCheck(&store, domainOf<Ledger>()).run();
        EVENTED_VERIFY_OK(report.error());
        QVERIFY(report->isSound());
        QCOMPARE(report->unknownTypes, QStringList{QStringLiteral("stranger")});
        HistoryCheck unknown(&store, domainOf<Ledger>());
        unknown.setTypes({QStringLiteral("stranger")});
        QCOMPARE(unknown.run().error().kind(), Error::Kind::InvalidArgument);
        // Without any domain code: every type is unknown, and there is nothing to upgrade.
        const Result<HistoryReport> nothingKnown = HistoryCheck(&store, Domain()).run();
        EVENTED_VERIFY_OK(nothingKnown.error());
        QCOMPARE(nothingKnown->unknownTypes, QStringList({QStringLiteral("ledger"), QStringLiteral("stranger")}));
        const Result<EventUpgradeReport> upgraded = EventUpgrade(&store, Domain()).run();
        EVENTED_VERIFY_OK(upgraded.error());
        QCOMPARE(upgraded->events, 0);
    }

    void findsABrokenUpcasterAndAnUnknownVersion()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = seed(schema);
        // A version no code knows, on the second ledger's last event.
        EXEC(schema.db(), u"UPDATE " + schema.table(QStringLiteral("event")) + u" SET event_version = 7 WHERE entity_id = '"
                              + ids.at(1).toString(QUuid::WithoutBraces) + u"' AND version = 4");

        Result<HistoryReport> report = HistoryCheck(&store, domainOf<Ledger>()).run();
        EVENTED_VERIFY_OK(report.error());
        QVERIFY(!report->isSound());
        QCOMPARE(report->problemCount(), 1);
        const HistoryProblem problem = report->types.first().problems.first();
        QCOMPARE(problem.kind, HistoryProblem::Kind::Event);
        QCOMPARE(problem.entityId, ids.at(1));
        QCOMPARE(problem.version, 4);
        QVERIFY(problem.seqNo > 0);
        QVERIFY2(problem.reason.contains(QStringLiteral("version 7")) && problem.reason.contains(QStringLiteral("Booked")),
                 qPrintable(problem.reason));

        // The broken build fails on the first version-1 Booked of every ledger, and judges
        // nothing after it in that entity.
        report = HistoryCheck(&store, domainOf<BrokenLedger>()).run();
        EVENTED_VERIFY_OK(report.error());
        QCOMPARE(report->problemCount(), 3);
        for (const HistoryProblem &each : report->types.first().problems) {
            QCOMPARE(each.version, 2);
            QVERIFY2(each.reason.contains(QStringLiteral("no value")), qPrintable(each.reason));
        }
        QCOMPARE(report->types.first().events, 12); // every event was read all the same
    }

    void findsStaleUndecodableAndOrphanedSnapshots()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = seed(schema);
        const Domain domain = domainOf<Ledger>();
        for (const QUuid &id : ids)
            QVERIFY(domain.takeSnapshot(store, QStringLiteral("ledger"), id));

        // The changed build folds another state at the snapshots' versions.
        Result<HistoryReport> report = HistoryCheck(&store, domainOf<ChangedLedger>()).run();
        EVENTED_VERIFY_OK(report.error());
        QCOMPARE(report->problemCount(), 3);
        for (const HistoryProblem &each : report->types.first().problems) {
            QCOMPARE(each.kind, HistoryProblem::Kind::SnapshotDisagrees);
            QVERIFY2(each.reason.endsWith(QStringLiteral("bookings")), qPrintable(each.reason));
        }

        // With the right code: one snapshot that does not decode, one beyond the events, one of
        // another state version (ignored by loads: counted, not a problem).
        const QString snapshot = schema.table(QStringLiteral("snapshot"));
        const auto where = [](const QUuid &id) -> QString { return u" WHERE entity_id = '" + id.toString(QUuid::WithoutBraces) + u'\''; };
        EXEC(schema.db(), u"UPDATE " + snapshot + u" SET state = '{\"total\": 30}'" + where(ids.at(0)));
        EXEC(schema.db(), u"UPDATE " + snapshot + u" SET version = 99" + where(ids.at(1)));
        EXEC(schema.db(), u"UPDATE " + snapshot + u" SET schema_version = 0" + where(ids.at(2)));
        report = HistoryCheck(&store, domain).run();
        EVENTED_VERIFY_OK(report.error());
        const HistoryTypeReport &ledger = report->types.first();
        QCOMPARE(ledger.snapshotsCompared, 0);
        QCOMPARE(ledger.snapshotsOutdated, 1);
        QCOMPARE(ledger.problems.size(), 2);
        QList<HistoryProblem::Kind> kinds;
        for (const HistoryProblem &each : ledger.problems)
            kinds.append(each.kind);
        QVERIFY2(kinds.contains(HistoryProblem::Kind::SnapshotUndecodable), qPrintable(problems(report.value())));
        QVERIFY2(kinds.contains(HistoryProblem::Kind::SnapshotOrphaned), qPrintable(problems(report.value())));
    }

    void stopsWhenTold()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        seed(schema);
        HistoryCheck check(&store, domainOf<Ledger>());
        check.setPageSize(5);
        const Result<HistoryReport> report = check.run([](qint64, qint64) { return false; });
        EVENTED_VERIFY_OK(report.error());
        QVERIFY(!report->complete);
        QVERIFY(!report->isSound());
        QCOMPARE(report->types.first().events, 5);
    }

    void upgradeRewritesOldShapesOnce()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = seed(schema);
        insert(schema, ids.first(), 4, QStringLiteral("{\"Booked\": {\"value\": 5}}"), 9); // no code reads version 9
        const Domain domain = domainOf<Ledger>();
        const auto stored = [&schema](const QString &where) {
            return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event")) + u" WHERE " + where).toInt();
        };
        const QString oldShape = schema.isSqlite() ? QStringLiteral("json_extract(event, '$.Booked.value') IS NOT NULL")
                                                   : QStringLiteral("event->'Booked' ? 'value'");

        EventUpgrade dry(&store, domain);
        dry.setDryRun(true);
        Result<EventUpgradeReport> report = dry.run();
        EVENTED_VERIFY_OK(report.error());
        QCOMPARE(report->events, 13);
        QCOMPARE(report->rewritten, 9);
        QCOMPARE(report->failures.size(), 1);
        QCOMPARE(stored(oldShape), 10); // nothing written

        EventUpgrade upgrade(&store, domain);
        upgrade.setBatchSize(4);
        report = upgrade.run();
        EVENTED_VERIFY_OK(report.error());
        QCOMPARE(report->rewritten, 9);
        QCOMPARE(report->failures.size(), 1);
        QVERIFY2(report->failures.first().message.contains(QStringLiteral("version 9")), qPrintable(report->failures.first().message));
        QCOMPARE(stored(oldShape), 1); // the one it cannot read is left as it was
        QCOMPARE(stored(QStringLiteral("event_version = 2")), 9);
        QCOMPARE(stored(QStringLiteral("event_version IS NULL")), 3); // the Opened events were current

        // Run again: everything it can read is current.
        report = EventUpgrade(&store, domain).run();
        EVENTED_VERIFY_OK(report.error());
        QCOMPARE(report->rewritten, 0);
        QCOMPARE(report->failures.size(), 1);
        // And the rewritten history still folds to the same states.
        EXEC(schema.db(), u"DELETE FROM " + schema.table(QStringLiteral("event")) + u" WHERE event_version = 9");
        for (int i = 0; i < ids.size(); ++i) {
            const Result<Domain::Replayed> replayed = domain.replay(store, QStringLiteral("ledger"), ids.at(i));
            EVENTED_VERIFY_OK(replayed.error());
            qint64 total = 0;
            for (int booking = 1; booking <= i + 2; ++booking)
                total += booking * 10;
            QCOMPARE(replayed->state.toObject().value(QStringLiteral("total")).toInteger(), total);
        }
        QVERIFY(HistoryCheck(&store, domain).run()->isSound());
    }
};

QTEST_GUILESS_MAIN(tst_HistoryCheck)
#include "tst_historycheck.moc"
