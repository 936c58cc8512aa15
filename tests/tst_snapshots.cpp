// Snapshots on both backends: taken after the commits that make one due, used by loads and
// replays so that they give what a fold of every event gives, ignored when they are of another
// state version, cannot be decoded or are ahead of the events, never left behind by a writer
// that lost a race, and taken on request only of a committed state.

#include "testevolution.h"
#include "testsupport.h"

#include <evented/domain.h>
#include <evented/eventstore.h>

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace TestEvolution;
using namespace TestSupport;
using namespace Evented;

namespace {

constexpr int timeoutMs = 20'000;

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(Json::compact(value));
}

/*! The state as JSON text, whichever Tally it is. */
QString stateOf(const Tally &tally)
{
    return compact(toJson(tally));
}

/*! The snapshot row of a tally, if there is one. */
struct SnapshotRow
{
    bool exists = false;
    qint64 version = 0;
    int stateVersion = 0;
    QString state; //!< compact JSON
};

SnapshotRow snapshotOf(Schema &schema, const QUuid &id)
{
    SnapshotRow row;
    QSqlQuery query(schema.db());
    if (!query.exec(u"SELECT version, schema_version, CAST(state AS TEXT) FROM " + schema.table(QStringLiteral("snapshot"))
                    + u" WHERE type_name = 'tally' AND entity_id = '" + id.toString(QUuid::WithoutBraces) + u'\'')) {
        qWarning() << query.lastError().text();
        return row;
    }
    if (query.next()) {
        row.exists = true;
        row.version = query.value(0).toLongLong();
        row.stateVersion = query.value(1).toInt();
        row.state = compact(QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object());
    }
    return row;
}

qint64 snapshotCount(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("snapshot"))).toLongLong();
}

/*! Changes the stored snapshot of \a id behind the store's back. */
bool updateSnapshot(Schema &schema, const QUuid &id, const QString &assignments, const QVariantList &values = {})
{
    QSqlQuery query(schema.db());
    query.prepare(u"UPDATE " + schema.table(QStringLiteral("snapshot")) + u" SET " + assignments
                  + u" WHERE type_name = 'tally' AND entity_id = ?");
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!query.exec() || query.numRowsAffected() != 1) {
        qWarning() << "cannot update the snapshot:" << query.lastError().text();
        return false;
    }
    return true;
}

/*! Inserts a tally event as another writer would, without an event_version. */
bool insertEvent(Schema &schema, const QUuid &id, qint64 version, const QString &event)
{
    QSqlQuery query(schema.db());
    query.prepare(u"INSERT INTO " + schema.table(QStringLiteral("event"))
                  + u" (entity_id, version, type_name, event, metadata) VALUES (?, ?, 'tally', ?, 'null')");
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(version);
    query.addBindValue(event.arg(id.toString(QUuid::WithoutBraces)));
    if (!query.exec()) {
        qWarning() << "cannot insert" << event << query.lastError().text();
        return false;
    }
    return true;
}

/*! The state of \a id folded from its first event, by a type without snapshots. */
QString foldedState(EventStore &store, const QUuid &id, qint64 *version = nullptr)
{
    auto plain = store.load<Tally>(id);
    if (!succeeded(plain))
        return {};
    if (version)
        *version = plain->version();
    return stateOf(plain->state());
}

/*! Handles one Add of each amount, one command each. */
template<typename E>
bool addEach(EventStore &store, Entity<E> &entity, const QList<qint64> &amounts)
{
    for (const qint64 amount : amounts) {
        if (!succeeded(store.handle(entity, Add<E>{{amount}})))
            return false;
    }
    return true;
}

} // namespace

class tst_Snapshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void takenWhenDue()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(tally);
        QCOMPARE(tally->snapshotVersion(), 0);

        QVERIFY(addEach(store, tally.value(), {1, 2}));
        QVERIFY(!snapshotOf(schema, id).exists);
        QCOMPARE(tally->snapshotVersion(), 0);

        // The third event makes one due: taken of the committed state.
        QVERIFY(addEach(store, tally.value(), {3}));
        SnapshotRow row = snapshotOf(schema, id);
        QVERIFY(row.exists);
        QCOMPARE(row.version, 3);
        QCOMPARE(row.stateVersion, SnappedTally::stateVersion);
        QCOMPARE(row.state, stateOf(tally->state()));
        QCOMPARE(tally->snapshotVersion(), 3);

        QVERIFY(addEach(store, tally.value(), {4, 5}));
        QCOMPARE(snapshotOf(schema, id).version, 3);
        QVERIFY(addEach(store, tally.value(), {6}));
        QCOMPARE(snapshotOf(schema, id).version, 6);

        // A command of several events: one snapshot, after all of them.
        EVENTED_VERIFY_OK(store.handle(tally.value(), Add<SnappedTally>{{7, 8, 9, 10}}));
        row = snapshotOf(schema, id);
        QCOMPARE(row.version, 10);
        QCOMPARE(row.state, stateOf(tally->state()));
        QCOMPARE(tally->snapshotVersion(), 10);

        // From the worker thread as well.
        for (qint64 amount = 11; amount <= 13; ++amount) {
            auto future = store.handleAsync<SnappedTally>(id, Add<SnappedTally>{{amount}});
            QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), timeoutMs);
            EVENTED_VERIFY_OK(future.result().result);
        }
        row = snapshotOf(schema, id);
        QCOMPARE(row.version, 13);
        QCOMPARE(row.state, foldedState(store, id));

        // A type without snapshots never takes one.
        const QUuid plainId = QUuid::createUuid();
        auto plain = store.load<Tally>(plainId);
        QVERIFY(addEach(store, plain.value(), {1, 2, 3, 4}));
        QVERIFY(!snapshotOf(schema, plainId).exists);
        QCOMPARE(snapshotCount(schema), 1);
    }

    void loadFromSnapshotEqualsFullFold()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {5, 7, 11, 13, 17, 19, 23}));
        QCOMPARE(snapshotOf(schema, id).version, 6);

        auto loaded = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(loaded);
        QCOMPARE(loaded->snapshotVersion(), 6);
        QCOMPARE(loaded->version(), 7);
        qint64 foldedVersion = 0;
        QCOMPARE(stateOf(loaded->state()), foldedState(store, id, &foldedVersion));
        QCOMPARE(foldedVersion, 7);
        QCOMPARE(loaded->state().events, 7);
        QCOMPARE(stateOf(loaded->state()), stateOf(tally->state()));

        // A domain's replay: from the snapshot unless told not to, with the same state.
        Domain domain;
        domain.addEntityType<SnappedTally>();
        const auto fromSnapshot = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(fromSnapshot);
        QCOMPARE(fromSnapshot->snapshotVersion, 6);
        QCOMPARE(fromSnapshot->version, 7);
        const auto whole = domain.replay(store, QStringLiteral("tally"), id, -1, false);
        EVENTED_VERIFY_OK(whole);
        QCOMPARE(whole->snapshotVersion, 0);
        QCOMPARE(whole->version, 7);
        QCOMPARE(compact(fromSnapshot->state), compact(whole->state));
        QCOMPARE(compact(whole->state), stateOf(loaded->state()));

        // The load starts from the snapshot, not from the first event: what it holds is taken
        // as the state at its version.
        SnappedTally planted;
        planted.total = 1000;
        planted.events = 6;
        planted.lastNote = QStringLiteral("planted");
        planted.firstNote = QStringLiteral("planted");
        QVERIFY(updateSnapshot(schema, id, QStringLiteral("state = ?"), {compact(toJson(planted))}));
        auto trusting = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(trusting);
        QCOMPARE(trusting->state().total, 1023);
        QCOMPARE(trusting->state().lastNote, QStringLiteral("n23"));
        const auto replayed = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->state.toObject().value(QStringLiteral("total")).toInteger(), 1023);
        QCOMPARE(domain.replay(store, QStringLiteral("tally"), id, -1, false)->state.toObject().value(QStringLiteral("total")).toInteger(), 95);
    }

    void eventsAfterTheSnapshotAreFolded()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2, 3}));
        QCOMPARE(snapshotOf(schema, id).version, 3);

        // Another writer (evented, raw SQL) appends after it.
        QVERIFY(insertEvent(schema, id, 4, QStringLiteral(R"({"Added": {"id": "%1", "amount": 40, "note": "raw"}})")));
        QVERIFY(insertEvent(schema, id, 5, QStringLiteral(R"({"Cleared": {"id": "%1"}})")));
        QVERIFY(insertEvent(schema, id, 6, QStringLiteral(R"({"Added": {"id": "%1", "amount": 6, "note": "last"}})")));

        auto loaded = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(loaded);
        QCOMPARE(loaded->snapshotVersion(), 3);
        QCOMPARE(loaded->version(), 6);
        QCOMPARE(loaded->state().total, 6);
        QCOMPARE(loaded->state().lastNote, QStringLiteral("last"));
        QCOMPARE(stateOf(loaded->state()), foldedState(store, id));

        // And the next command continues after them.
        EVENTED_VERIFY_OK(store.handle(loaded.value(), Add<SnappedTally>{{1}}));
        QCOMPARE(loaded->version(), 7);
        QCOMPARE(snapshotOf(schema, id).version, 7);
    }

    void otherStateVersionsAreIgnored()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2, 3, 4, 5, 6}));
        QCOMPARE(snapshotOf(schema, id).stateVersion, 1);

        // The code of the next state version folds from the first event, and its next
        // snapshot replaces the one it cannot use.
        auto v2 = store.load<TallyV2>(id);
        EVENTED_VERIFY_OK(v2);
        QCOMPARE(v2->snapshotVersion(), 0);
        QCOMPARE(v2->version(), 6);
        QCOMPARE(stateOf(v2->state()), foldedState(store, id));
        QVERIFY(addEach(store, v2.value(), {7}));
        SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 7);
        QCOMPARE(row.stateVersion, 2);
        QCOMPARE(snapshotCount(schema), 1);

        // Back to the older code: the snapshot is not its own either.
        auto v1 = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(v1);
        QCOMPARE(v1->snapshotVersion(), 0);
        QCOMPARE(stateOf(v1->state()), foldedState(store, id));
        QVERIFY(addEach(store, v1.value(), {8}));
        row = snapshotOf(schema, id);
        QCOMPARE(row.version, 8);
        QCOMPARE(row.stateVersion, 1);

        // A state version changed behind the store's back: ignored, and replaced by the next
        // snapshot even at the same version.
        QVERIFY(updateSnapshot(schema, id, QStringLiteral("schema_version = 9")));
        auto again = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(again);
        QCOMPARE(again->snapshotVersion(), 0);
        QCOMPARE(again->version(), 8);
        EVENTED_VERIFY_OK(store.takeSnapshot(again.value()));
        row = snapshotOf(schema, id);
        QCOMPARE(row.version, 8);
        QCOMPARE(row.stateVersion, 1);
        QCOMPARE(row.state, stateOf(again->state()));
        QCOMPARE(store.load<SnappedTally>(id)->snapshotVersion(), 8);
    }

    void corruptSnapshotsAreIgnored_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("why");
        // Only SQLite's text column can hold it; jsonb refuses it.
        QTest::newRow("not JSON") << QStringLiteral(R"({"total": )") << QStringLiteral("not valid JSON");
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << QStringLiteral("expected an object");
        QTest::newRow("a field of the wrong type")
            << QStringLiteral(R"({"total": "many", "events": 3, "lastNote": "n3", "firstNote": "n1"})")
            << QStringLiteral("field total");
        QTest::newRow("a missing property") << QStringLiteral(R"({"total": 6, "lastNote": "n3", "firstNote": "n1"})")
                                            << QStringLiteral("missing field events");
        // A plain decode would take null for it; a snapshot must have every property.
        QTest::newRow("a missing JSON property") << QStringLiteral(R"({"total": 6, "events": 3, "lastNote": "n3"})")
                                                 << QStringLiteral("missing field firstNote");
    }

    void corruptSnapshotsAreIgnored()
    {
        QFETCH(QString, state);
        QFETCH(QString, why);
        if (QByteArrayView(QTest::currentDataTag()) == "not JSON" && !isSqlite())
            QSKIP("SQLite only: jsonb cannot hold malformed JSON");
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2, 3, 4}));
        QCOMPARE(snapshotOf(schema, id).version, 3);
        QVERIFY(updateSnapshot(schema, id, QStringLiteral("state = ?"), {state}));

        const QRegularExpression warning(u"snapshot of tally " + id.toString(QUuid::WithoutBraces)
                                         + u" at version 3.*" + QRegularExpression::escape(why));
        QTest::ignoreMessage(QtWarningMsg, warning);
        auto loaded = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(loaded);
        QCOMPARE(loaded->snapshotVersion(), 0);
        QCOMPARE(loaded->version(), 4);
        QCOMPARE(loaded->state().total, 10);
        QCOMPARE(stateOf(loaded->state()), foldedState(store, id));

        Domain domain;
        domain.addEntityType<SnappedTally>();
        QTest::ignoreMessage(QtWarningMsg, warning);
        const auto replayed = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->snapshotVersion, 0);
        QCOMPARE(replayed->version, 4);
        QCOMPARE(compact(replayed->state), stateOf(loaded->state()));

        // The next snapshot due replaces it.
        QVERIFY(addEach(store, loaded.value(), {5}));
        const SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 5);
        QCOMPARE(row.state, stateOf(loaded->state()));
        auto healed = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(healed);
        QCOMPARE(healed->snapshotVersion(), 5);
    }

    void snapshotAheadOfTheEventsIsIgnored()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2, 3, 4}));

        // A snapshot at a version the entity has not reached (kept from another database, or
        // written by hand): its state is not the entity's at any stored version.
        SnappedTally stranger;
        stranger.total = 99999;
        stranger.events = 8;
        stranger.lastNote = QStringLiteral("stranger");
        stranger.firstNote = QStringLiteral("stranger");
        QVERIFY(updateSnapshot(schema, id, QStringLiteral("version = 8, state = ?"), {compact(toJson(stranger))}));

        auto loaded = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(loaded);
        QCOMPARE(loaded->snapshotVersion(), 0);
        QCOMPARE(loaded->version(), 4);
        QCOMPARE(stateOf(loaded->state()), foldedState(store, id));
        Domain domain;
        domain.addEntityType<SnappedTally>();
        const auto replayed = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->snapshotVersion, 0);
        QCOMPARE(replayed->version, 4);

        // The next snapshot replaces it, so that it is never taken for the entity's state once
        // the events reach its version.
        QVERIFY(addEach(store, loaded.value(), {5}));
        SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 5);
        QCOMPARE(row.state, stateOf(loaded->state()));
        QVERIFY(addEach(store, loaded.value(), {6, 7, 8, 9}));
        auto later = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(later);
        QCOMPARE(later->version(), 9);
        QCOMPARE(later->snapshotVersion(), 8);
        QCOMPARE(stateOf(later->state()), foldedState(store, id));
    }

    void losingRacerLeavesNoSnapshot()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2}));

        // Two copies at version 2; the next event of either makes a snapshot due.
        auto winner = store.load<SnappedTally>(id);
        auto loser = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(store.handle(winner.value(), Add<SnappedTally>{{10}}));
        const auto lost = store.handle(loser.value(), Add<SnappedTally>{{20}});
        QVERIFY2(lost.isConflict(), qPrintable(describe(lost)));
        QCOMPARE(loser->version(), 2);
        QCOMPARE(loser->snapshotVersion(), 0);

        QCOMPARE(snapshotCount(schema), 1);
        SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 3);
        QCOMPARE(row.state, stateOf(winner->state()));
        QCOMPARE(winner->state().lastNote, QStringLiteral("n10"));
        QCOMPARE(row.state, foldedState(store, id));

        // Retried, the loser starts from the winner's snapshot.
        EVENTED_VERIFY_OK(store.handleWithRetry(loser.value(), Add<SnappedTally>{{20}}));
        QCOMPARE(loser->version(), 4);
        QCOMPARE(loser->snapshotVersion(), 3);
        QCOMPARE(loser->state().total, 33);
        QCOMPARE(snapshotOf(schema, id).version, 3);
    }

    void takeSnapshotOnlyOfCommittedState()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(tally);
        // Nothing to take of an entity without events.
        QCOMPARE(store.takeSnapshot(tally.value()).kind(), Error::Kind::InvalidArgument);
        QVERIFY(addEach(store, tally.value(), {1, 2}));

        // Changed here, not in the store.
        Entity<SnappedTally> changed = tally.value();
        changed.apply(Added{id, 500, QStringLiteral("local")});
        QCOMPARE(store.takeSnapshot(changed).kind(), Error::Kind::InvalidArgument);
        Entity<SnappedTally> made(id, tally->state(), 2);
        QCOMPARE(store.takeSnapshot(made).kind(), Error::Kind::InvalidArgument);
        // Loaded by another opening: this store cannot know that its version is stored.
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        auto elsewhere = other.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(elsewhere);
        QCOMPARE(store.takeSnapshot(elsewhere.value()).kind(), Error::Kind::InvalidArgument);
        QCOMPARE(snapshotCount(schema), 0);

        // Of what it committed: taken at once, before the policy would, and the policy counts
        // from it.
        EVENTED_VERIFY_OK(store.takeSnapshot(tally.value()));
        QCOMPARE(tally->snapshotVersion(), 2);
        SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 2);
        QCOMPARE(row.state, stateOf(tally->state()));
        auto fromSnapshot = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(fromSnapshot);
        QCOMPARE(fromSnapshot->snapshotVersion(), 2);
        QCOMPARE(fromSnapshot->version(), 2);
        QCOMPARE(stateOf(fromSnapshot->state()), stateOf(tally->state()));
        EVENTED_VERIFY_OK(other.takeSnapshot(elsewhere.value()));
        QVERIFY(addEach(store, tally.value(), {3, 4}));
        QCOMPARE(snapshotOf(schema, id).version, 2);
        QVERIFY(addEach(store, tally.value(), {5}));
        QCOMPARE(snapshotOf(schema, id).version, 5);
    }

    void domainSnapshots()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Domain domain;
        domain.addEntityType<SnappedTally>();
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<SnappedTally>(id);
        QVERIFY(addEach(store, tally.value(), {1, 2}));

        auto replayed = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->snapshotVersion, 0);

        const auto taken = domain.takeSnapshot(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(taken);
        QCOMPARE(taken.value(), 2);
        SnapshotRow row = snapshotOf(schema, id);
        QCOMPARE(row.version, 2);
        QCOMPARE(row.stateVersion, 1);
        QCOMPARE(row.state, stateOf(tally->state()));

        // Events after it, by another writer.
        QVERIFY(insertEvent(schema, id, 3, QStringLiteral(R"({"Added": {"id": "%1", "amount": 3, "note": "raw"}})")));
        QVERIFY(insertEvent(schema, id, 4, QStringLiteral(R"({"Added": {"id": "%1", "amount": 4, "note": "raw"}})")));
        replayed = domain.replay(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->snapshotVersion, 2);
        QCOMPARE(replayed->version, 4);
        const auto whole = domain.replay(store, QStringLiteral("tally"), id, -1, false);
        EVENTED_VERIFY_OK(whole);
        QCOMPARE(whole->snapshotVersion, 0);
        QCOMPARE(compact(replayed->state), compact(whole->state));
        QCOMPARE(compact(whole->state), foldedState(store, id));
        // A replay to a version is folded from the first event.
        const auto partial = domain.replay(store, QStringLiteral("tally"), id, 3);
        EVENTED_VERIFY_OK(partial);
        QCOMPARE(partial->snapshotVersion, 0);
        QCOMPARE(partial->version, 3);
        QCOMPARE(partial->state.toObject().value(QStringLiteral("total")).toInteger(), 6);

        // The domain's snapshot is the typed load's too, and a later one replaces it.
        auto loaded = store.load<SnappedTally>(id);
        EVENTED_VERIFY_OK(loaded);
        QCOMPARE(loaded->snapshotVersion(), 2);
        QCOMPARE(stateOf(loaded->state()), compact(whole->state));
        const auto again = domain.takeSnapshot(store, QStringLiteral("tally"), id);
        EVENTED_VERIFY_OK(again);
        QCOMPARE(again.value(), 4);
        QCOMPARE(snapshotOf(schema, id).version, 4);
        QCOMPARE(domain.replay(store, QStringLiteral("tally"), id)->snapshotVersion, 4);

        // What cannot be taken.
        Domain plain;
        plain.addEntityType<Tally>();
        QCOMPARE(plain.takeSnapshot(store, QStringLiteral("tally"), id).error().kind(), Error::Kind::InvalidArgument);
        QCOMPARE(plain.replay(store, QStringLiteral("tally"), id)->snapshotVersion, 0);
        QCOMPARE(domain.takeSnapshot(store, QStringLiteral("nosuchtype"), id).error().kind(), Error::Kind::InvalidArgument);
        const QUuid empty = QUuid::createUuid();
        QCOMPARE(domain.takeSnapshot(store, QStringLiteral("tally"), empty).error().kind(), Error::Kind::InvalidArgument);
        QVERIFY(!snapshotOf(schema, empty).exists);
        QCOMPARE(snapshotCount(schema), 1);
    }

    void policyOfItsOwn()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        auto tally = store.load<DueTally>(id);
        QVERIFY(addEach(store, tally.value(), {50}));
        QVERIFY(!snapshotOf(schema, id).exists);
        QVERIFY(addEach(store, tally.value(), {60}));
        QCOMPARE(snapshotOf(schema, id).version, 2);
        QVERIFY(addEach(store, tally.value(), {1}));
        QCOMPARE(snapshotOf(schema, id).version, 3);
        QCOMPARE(store.load<DueTally>(id)->snapshotVersion(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_Snapshots)
#include "tst_snapshots.moc"
