// Events that change shape, on both backends: rows written in older shapes (by evented or an
// older version of the application, with or without event_version) are read in the current
// shapes by loads, domains, projections and the event log; what no upcaster can bring to a
// current shape fails with DecodeFailed and is never dropped; appends store the version of
// each event's shape, and exports carry it.

#include "accounts.h"
#include "testevolution.h"
#include "testsupport.h"

#include <evented/domain.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QJsonDocument>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace TestEvolution;
using namespace TestSupport;
using namespace Evented;

namespace {

constexpr int timeoutMs = 20'000;

/*! \a value as compact JSON text, for comparisons that print what differs. */
QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(Json::compact(value));
}

QJsonValue parse(const QString &json)
{
    return QJsonDocument::fromJson('[' + json.toUtf8() + ']').array().first();
}

/*! \a json with the entity id for %1, which it may not have. */
QString withId(QString json, const QString &uuid)
{
    return json.replace(QStringLiteral("%1"), uuid);
}

/*! The tag of an externally tagged event. */
QString nameOf(const QJsonValue &event)
{
    return event.isString() ? event.toString() : event.toObject().constBegin().key();
}

/*! Inserts an event as evented or an older version of the application wrote it: without an
    event_version when \a eventVersion is 0. Returns its seq_no, or -1 after a warning. */
qint64 insertEvent(Schema &schema, const QString &typeName, const QUuid &id, qint64 version, const QString &event,
                   int eventVersion = 0)
{
    QSqlQuery insert(schema.db());
    insert.prepare(u"INSERT INTO " + schema.table(QStringLiteral("event"))
                   + u" (entity_id, version, type_name, event, metadata, event_version) VALUES (?, ?, ?, ?, 'null', ?) "
                     u"RETURNING seq_no");
    insert.addBindValue(id.toString(QUuid::WithoutBraces));
    insert.addBindValue(version);
    insert.addBindValue(typeName);
    insert.addBindValue(event);
    insert.addBindValue(eventVersion > 0 ? QVariant(eventVersion) : QVariant(QMetaType::fromType<int>()));
    if (!insert.exec() || !insert.next()) {
        qWarning() << "cannot insert" << event << insert.lastError().text();
        return -1;
    }
    const qint64 seqNo = insert.value(0).toLongLong();
    insert.finish(); // SQLite commits an INSERT … RETURNING when the statement is done
    return seqNo;
}

/*! The stored event_version of event \a seqNo: null for none. */
QVariant storedEventVersion(Schema &schema, qint64 seqNo)
{
    return scalar(schema.db(), u"SELECT event_version FROM " + schema.table(QStringLiteral("event"))
                                   + u" WHERE seq_no = " + QString::number(seqNo));
}

/*! (version, event_version, event) of each stored event of \a id, in version order. */
QList<std::tuple<qint64, int, QJsonValue>> storedEvents(Schema &schema, const QUuid &id)
{
    QList<std::tuple<qint64, int, QJsonValue>> out;
    QSqlQuery query(schema.db());
    if (!query.exec(u"SELECT version, event_version, CAST(event AS TEXT) FROM " + schema.table(QStringLiteral("event"))
                    + u" WHERE entity_id = '" + id.toString(QUuid::WithoutBraces) + u"' ORDER BY version")) {
        qWarning() << query.lastError().text();
        return out;
    }
    while (query.next())
        out.append({query.value(0).toLongLong(), query.value(1).isNull() ? 0 : query.value(1).toInt(),
                    parse(query.value(2).toString())});
    return out;
}

/*! Every event \a log reads, or the error that ended the read. */
Result<QList<RecordedEvent>> readAll(const EventLog &log, const EventFilter &filter = EventFilter::all())
{
    QList<RecordedEvent> events;
    const Error error = log.read(filter, [&events](const RecordedEvent &event) {
        events.append(event);
        return true;
    });
    if (error.isError())
        return error;
    return events;
}

/*! The error of loading \a id as the entity type named \a typeName (none when it loads). */
Error loadError(EventStore &store, const QString &typeName, const QUuid &id)
{
    if (typeName == u"ledger")
        return store.load<Ledger>(id).error();
    if (typeName == u"faulty")
        return store.load<Faulty>(id).error();
    return store.load<Gauge>(id).error();
}

/*! The accounts domain as its plugin declares it. */
Domain accountsDomain()
{
    using namespace AccountsDomain;
    Domain domain;
    domain.addEntityType<Account>()
        .addCommand<Account, Create>()
        .addCommand<Account, Deposit>()
        .addCommand<Account, Withdraw>();
    return domain;
}

/*! What a projection's handler received; filled in the projection's thread. */
struct Received
{
    mutable QMutex mutex;
    QList<RecordedEvent> recorded;
    QList<Ledger::Event> typed;

    qsizetype size() const
    {
        QMutexLocker lock(&mutex);
        return recorded.size();
    }
    Projection::Handler handler()
    {
        return [this](const RecordedEvent &event, QSqlDatabase &) {
            QMutexLocker lock(&mutex);
            recorded.append(event);
            return ListenerResult::ok();
        };
    }
    std::function<ListenerResult(const Ledger::Event &, const RecordedEvent &, QSqlDatabase &)> typedHandler()
    {
        return [this](const Ledger::Event &event, const RecordedEvent &recorded, QSqlDatabase &) {
            QMutexLocker lock(&mutex);
            typed.append(event);
            this->recorded.append(recorded);
            return ListenerResult::ok();
        };
    }
};

/*! Runs a projection named \a name with \a configure until it has handled \a expected events. */
bool runProjection(EventStore &store, const QString &name, const std::function<void(Projection &)> &configure,
                   const Received &received, qsizetype expected)
{
    Projection projection(&store, name);
    configure(projection);
    QSignalSpy caughtUp(&projection, &Projection::caughtUp);
    projection.start();
    const bool done = QTest::qWaitFor([&] { return !caughtUp.isEmpty() && received.size() >= expected; }, timeoutMs);
    projection.stop();
    if (!done)
        qWarning() << name << "did not catch up:" << describe(projection.state());
    if (received.size() != expected)
        qWarning() << name << "received" << received.size() << "events, not" << expected;
    return done && received.size() == expected;
}

/*! Old shapes of a ledger's history, each with the event as stored at version 1, 2, … */
struct OldLedger
{
    QUuid id = QUuid::createUuid();
    QString uuid = id.toString(QUuid::WithoutBraces);
    QStringList events{
        QStringLiteral(R"({"Opened": {"id": "%1", "owner": "ann"}})").arg(uuid),
        QStringLiteral(R"({"Priced": {"id": "%1", "amount": 5}})").arg(uuid),
        QStringLiteral(R"({"Tagged": {"id": "%1", "label": "rent"}})").arg(uuid),
        QStringLiteral(R"({"Noted": {"id": "%1", "text": "paid late"}})").arg(uuid),
        QStringLiteral(R"({"Priced": {"id": "%1", "units": 2, "currency": "CHF"}})").arg(uuid),
        QStringLiteral(R"({"Closed": {"id": "%1", "reason": "moved"}})").arg(uuid),
    };
    QList<int> versions{0, 0, 0, 1, 3, 0}; // 0: no event_version, as evented writes
    /*! The names and versions a reader of current shapes sees. */
    QStringList currentNames{QStringLiteral("Opened"), QStringLiteral("Priced"), QStringLiteral("Labelled"),
                             QStringLiteral("Remarked"), QStringLiteral("Priced"), QStringLiteral("Closed")};
    QList<int> currentVersions{1, 4, 2, 1, 4, 2};

    bool insert(Schema &schema) const
    {
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (insertEvent(schema, QStringLiteral("ledger"), id, i + 1, events.at(i), versions.at(i)) < 0)
                return false;
        }
        return true;
    }

    /*! The state those events give. */
    static Ledger state()
    {
        Ledger ledger;
        ledger.owner = QStringLiteral("ann");
        ledger.cents = 700;
        ledger.currencies = QStringList{QStringLiteral("EUR"), QStringLiteral("CHF")};
        ledger.labels = QStringList{QStringLiteral("rent/grey")};
        ledger.remarks = QStringList{QStringLiteral("paid late")};
        ledger.closed = true;
        return ledger;
    }
};

} // namespace

class tst_Evolution : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void upcastToCurrent_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<int>("storedVersion"); // 0: no event_version
        QTest::addColumn<QString>("current");
        QTest::addColumn<int>("currentVersion");
        const QString v1 = QStringLiteral(R"({"Priced": {"id": "%1", "amount": 5}})");
        const QString priced = QStringLiteral(R"({"Priced": {"id": "%1", "cents": %2, "currency": "%3"}})");
        QTest::newRow("v1 without event_version to v4") << v1 << 0 << priced.arg(u"%1", u"500", u"EUR") << 4;
        QTest::newRow("v1 with event_version 1 to v4") << v1 << 1 << priced.arg(u"%1", u"500", u"EUR") << 4;
        QTest::newRow("v1 keeps the field a default would add")
            << QStringLiteral(R"({"Priced": {"id": "%1", "amount": 5, "currency": "USD"}})") << 0
            << priced.arg(u"%1", u"500", u"USD") << 4;
        QTest::newRow("v2 to v4") << QStringLiteral(R"({"Priced": {"id": "%1", "amount": 7, "currency": "GBP"}})") << 2
                                  << priced.arg(u"%1", u"700", u"GBP") << 4;
        QTest::newRow("v3 through the step of its own")
            << QStringLiteral(R"({"Priced": {"id": "%1", "units": 3, "currency": "CHF"}})") << 3
            << priced.arg(u"%1", u"300", u"CHF") << 4;
        QTest::newRow("v4 is current") << priced.arg(u"%1", u"42", u"SEK") << 4 << priced.arg(u"%1", u"42", u"SEK") << 4;
        QTest::newRow("renamed, then a field with its default")
            << QStringLiteral(R"({"Tagged": {"id": "%1", "label": "rent"}})") << 0
            << QStringLiteral(R"({"Labelled": {"id": "%1", "label": "rent", "colour": "grey"}})") << 2;
        QTest::newRow("renamed already, the field's default")
            << QStringLiteral(R"({"Labelled": {"id": "%1", "label": "rent"}})") << 1
            << QStringLiteral(R"({"Labelled": {"id": "%1", "label": "rent", "colour": "grey"}})") << 2;
        QTest::newRow("renamed at the same version")
            << QStringLiteral(R"({"Noted": {"id": "%1", "text": "hi"}})") << 0
            << QStringLiteral(R"({"Remarked": {"id": "%1", "text": "hi"}})") << 1;
        QTest::newRow("a field dropped")
            << QStringLiteral(R"({"Closed": {"id": "%1", "reason": "moved"}})") << 0
            << QStringLiteral(R"({"Closed": {"id": "%1"}})") << 2;
        QTest::newRow("never changed")
            << QStringLiteral(R"({"Opened": {"id": "%1", "owner": "ann"}})") << 0
            << QStringLiteral(R"({"Opened": {"id": "%1", "owner": "ann"}})") << 1;
    }

    void upcastToCurrent()
    {
        QFETCH(QString, stored);
        QFETCH(int, storedVersion);
        QFETCH(QString, current);
        QFETCH(int, currentVersion);
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const QString uuid = id.toString(QUuid::WithoutBraces);
        const QJsonValue asStored = parse(withId(stored, uuid));
        const QJsonValue expected = parse(withId(current, uuid));
        const qint64 seqNo = insertEvent(schema, QStringLiteral("ledger"), id, 1, withId(stored, uuid), storedVersion);
        QVERIFY(seqNo > 0);

        // The load folds the event in its current shape.
        auto ledger = store.load<Ledger>(id);
        EVENTED_VERIFY_OK(ledger);
        QCOMPARE(ledger->version(), 1);
        Ledger::Event event;
        QString why;
        QVERIFY2(fromJson(expected, event, &why), qPrintable(why));
        Ledger want;
        want.apply(event);
        QCOMPARE(compact(toJson(ledger->state())), compact(toJson(want)));

        // So does a domain's replay.
        Domain domain;
        domain.addEntityType<Ledger>();
        const auto replayed = domain.replay(store, QStringLiteral("ledger"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(compact(replayed->state), compact(toJson(want)));

        // The event log reads it upcast (the load made Ledger's schema known): shape, version
        // and name, so that a filter by the current name finds it.
        EventLog log(&store);
        auto read = readAll(log);
        EVENTED_VERIFY_OK(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().seqNo, seqNo);
        QCOMPARE(compact(read->first().event), compact(expected));
        QCOMPARE(read->first().eventVersion, currentVersion);
        QCOMPARE(read->first().eventName, nameOf(expected));
        auto byName = readAll(log, EventFilter::byEvent({nameOf(expected)}));
        EVENTED_VERIFY_OK(byName);
        QCOMPARE(byName->size(), 1);

        // Without upcasting, as stored.
        log.setUpcast(false);
        read = readAll(log);
        EVENTED_VERIFY_OK(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(compact(read->first().event), compact(asStored));
        QCOMPARE(read->first().eventVersion, storedVersion == 0 ? 1 : storedVersion);
        QCOMPARE(read->first().eventName, nameOf(asStored));

        // Reading never rewrote the row.
        const auto rows = storedEvents(schema, id);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(std::get<1>(rows.first()), storedVersion);
        QCOMPARE(compact(std::get<2>(rows.first())), compact(asStored));
    }

    void historyInOldShapes()
    {
        // A whole history in old shapes, mixed with rows that have an event_version, then a
        // command that continues it in the current shapes.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const OldLedger old;
        QVERIFY(old.insert(schema));

        auto ledger = store.load<Ledger>(old.id);
        EVENTED_VERIFY_OK(ledger);
        QCOMPARE(ledger->version(), 6);
        QCOMPARE(compact(toJson(ledger->state())), compact(toJson(OldLedger::state())));

        EVENTED_VERIFY_OK(store.handle(ledger.value(), Record{{Priced{old.id, 25, QStringLiteral("EUR")}}}));
        auto reloaded = store.load<Ledger>(old.id);
        EVENTED_VERIFY_OK(reloaded);
        QCOMPARE(reloaded->version(), 7);
        QCOMPARE(reloaded->state().cents, 725);
        QVERIFY(reloaded->state() == ledger->state());
    }

    void upcastFailures_data()
    {
        QTest::addColumn<QString>("typeName");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<int>("storedVersion");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("newer than the code knows")
            << QStringLiteral("ledger") << QStringLiteral(R"({"Priced": {"id": "%1", "cents": 5, "currency": "EUR"}})") << 5
            << QStringList{QStringLiteral("ledger"), QStringLiteral("Priced"), QStringLiteral("version 5"),
                           QStringLiteral("(4)")};
        QTest::newRow("no chain reaches it")
            << QStringLiteral("ledger") << QStringLiteral(R"({"Vanished": {"id": "%1"}})") << 0
            << QStringList{QStringLiteral("ledger"), QStringLiteral("Vanished")};
        QTest::newRow("a step that fails")
            << QStringLiteral("ledger") << QStringLiteral(R"({"Priced": {"id": "%1", "currency": "CHF"}})") << 3
            << QStringList{QStringLiteral("ledger"), QStringLiteral("Priced"), QStringLiteral("version 3"),
                           QStringLiteral("no units to make cents of")};
        QTest::newRow("a payload that is not an object")
            << QStringLiteral("ledger") << QStringLiteral(R"({"Tagged": 5})") << 0
            << QStringList{QStringLiteral("ledger"), QStringLiteral("Labelled"), QStringLiteral("not an object")};
        QTest::newRow("renames in a circle")
            << QStringLiteral("faulty") << QStringLiteral(R"({"Ping": {}})") << 0
            << QStringList{QStringLiteral("faulty"), QStringLiteral("circle")};
        QTest::newRow("a step that changes nothing")
            << QStringLiteral("faulty") << QStringLiteral(R"({"Stuck": {"id": "%1"}})") << 0
            << QStringList{QStringLiteral("faulty"), QStringLiteral("Stuck"), QStringLiteral("version 1"),
                           QStringLiteral("forward")};
        QTest::newRow("a step that goes back")
            << QStringLiteral("faulty") << QStringLiteral(R"({"Backwards": {"id": "%1"}})") << 2
            << QStringList{QStringLiteral("faulty"), QStringLiteral("Backwards"), QStringLiteral("version 2"),
                           QStringLiteral("forward")};
        QTest::newRow("an older version without an upcaster")
            << QStringLiteral("gauge") << QStringLiteral(R"({"Measured": {"id": "%1", "millimetres": 5}})") << 0
            << QStringList{QStringLiteral("gauge"), QStringLiteral("Measured"), QStringLiteral("version 1"),
                           QStringLiteral("version 2")};
    }

    void upcastFailures()
    {
        QFETCH(QString, typeName);
        QFETCH(QString, stored);
        QFETCH(int, storedVersion);
        QFETCH(QStringList, says);
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const QString uuid = id.toString(QUuid::WithoutBraces);
        // A first event in a current shape, then the one that cannot be brought to one.
        const QHash<QString, std::pair<QString, int>> valid{
            {QStringLiteral("ledger"), {QStringLiteral(R"({"Opened": {"id": "%1", "owner": "ann"}})"), 1}},
            {QStringLiteral("faulty"), {QStringLiteral(R"({"Fine": {"id": "%1"}})"), 1}},
            {QStringLiteral("gauge"), {QStringLiteral(R"({"Measured": {"id": "%1", "millimetres": 50}})"), 2}}};
        QVERIFY(insertEvent(schema, typeName, id, 1, withId(valid[typeName].first, uuid), valid[typeName].second) > 0);
        const qint64 seqNo = insertEvent(schema, typeName, id, 2, withId(stored, uuid), storedVersion);
        QVERIFY(seqNo > 0);

        const Error error = loadError(store, typeName, id);
        QCOMPARE(error.kind(), Error::Kind::DecodeFailed);
        QCOMPARE(error.seqNo(), seqNo);
        QVERIFY2(error.message().contains(QString::number(seqNo)), qPrintable(error.message()));
        for (const QString &part : std::as_const(says))
            QVERIFY2(error.message().contains(part), qPrintable(part + u" not in: " + error.message()));

        // Nothing was dropped or rewritten.
        QCOMPARE(eventCount(schema), 2);
        const QVariant version = storedEventVersion(schema, seqNo);
        QCOMPARE(version.isNull() ? 0 : version.toInt(), storedVersion);

        // The event log (the load made the schema known) stops at it too ...
        EventLog log(&store);
        const auto read = readAll(log);
        QVERIFY(!read);
        QCOMPARE(read.error().kind(), Error::Kind::DecodeFailed);
        QCOMPARE(read.error().seqNo(), seqNo);
        // ... unless it keeps what it cannot decode, as stored ...
        log.setKeepUndecodable(true);
        auto kept = readAll(log);
        EVENTED_VERIFY_OK(kept);
        QCOMPARE(kept->size(), 2);
        QCOMPARE(compact(kept->last().event), compact(parse(withId(stored, uuid))));
        QCOMPARE(kept->last().eventVersion, storedVersion == 0 ? 1 : storedVersion);
        // ... or reads every event as stored.
        log.setKeepUndecodable(false);
        log.setUpcast(false);
        auto asStored = readAll(log);
        EVENTED_VERIFY_OK(asStored);
        QCOMPARE(asStored->size(), 2);
        QCOMPARE(asStored->last().seqNo, seqNo);

        // The store stays usable.
        auto other = store.load<Ledger>(QUuid::createUuid());
        EVENTED_VERIFY_OK(other);
        EVENTED_VERIFY_OK(store.handle(other.value(), Record{{Opened{other->id(), QStringLiteral("bob")}}}));
    }

    void appendsStoreEventVersions()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        const QUuid id = QUuid::createUuid();
        auto ledger = store.load<Ledger>(id);
        EVENTED_VERIFY_OK(ledger);

        // One event; then several; then several from a store that did not load the entity,
        // which checks the version it continues from: each form of the append.
        const auto one = store.handle(ledger.value(), Record{{Priced{id, 250, QStringLiteral("EUR")}}});
        EVENTED_VERIFY_OK(one);
        QCOMPARE(one.events().first().eventVersion, 4);
        const auto several = store.handle(ledger.value(), Record{{Opened{id, QStringLiteral("ann")},
                                                                  Labelled{id, QStringLiteral("rent"), QStringLiteral("red")},
                                                                  Remarked{id, QStringLiteral("hi")}, Closed{id}}});
        EVENTED_VERIFY_OK(several);
        QList<int> versions;
        for (const RecordedEvent &event : several.events())
            versions << event.eventVersion;
        QCOMPARE(versions, (QList<int>{1, 2, 1, 2}));
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        EVENTED_VERIFY_OK(other.handle(ledger.value(), Record{{Priced{id, 5, QStringLiteral("SEK")},
                                                               Labelled{id, QStringLiteral("x"), QStringLiteral("blue")}}}));

        const auto rows = storedEvents(schema, id);
        QList<std::pair<qint64, int>> stored;
        for (const auto &[version, eventVersion, event] : rows)
            stored.append({version, eventVersion});
        QCOMPARE(stored, (QList<std::pair<qint64, int>>{{1, 4}, {2, 1}, {3, 2}, {4, 1}, {5, 2}, {6, 4}, {7, 2}}));
        QCOMPARE(compact(std::get<2>(rows.at(2))),
                 compact(parse(QStringLiteral(R"({"Labelled": {"id": "%1", "label": "rent", "colour": "red"}})")
                                   .arg(id.toString(QUuid::WithoutBraces)))));

        // The signal has the versions too.
        QCOMPARE(committed.size(), 2);
        const auto signalled = committed.last().first().value<QList<RecordedEvent>>();
        QCOMPARE(signalled.size(), 4);
        QCOMPARE(signalled.at(1).eventVersion, 2);

        // They load as they are.
        auto reloaded = store.load<Ledger>(id);
        EVENTED_VERIFY_OK(reloaded);
        QCOMPARE(reloaded->version(), 7);
        QVERIFY(reloaded->state() == ledger->state());
    }

    void projectionsSeeCurrentShapes()
    {
        Schema schema;
        const OldLedger old;
        {
            EventStore opener; // creates the tables
            EVENTED_VERIFY_OK(opener.open(schema.url()));
        }
        QVERIFY(old.insert(schema));
        const qsizetype n = old.events.size();

        // A store that knows no schema: an untyped handler sees the events as stored.
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            Received received;
            QVERIFY(runProjection(store, QStringLiteral("untyped_unknown"),
                                  [&](Projection &p) { p.setHandler(received.handler()); }, received, n));
            for (qsizetype i = 0; i < n; ++i) {
                QCOMPARE(compact(received.recorded.at(i).event), compact(parse(old.events.at(i))));
                QCOMPARE(received.recorded.at(i).eventVersion, old.versions.at(i) == 0 ? 1 : old.versions.at(i));
            }
        }

        // Once the entity type is registered, current shapes, versions and names.
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            store.registerEntityType<Ledger>();
            Received received;
            QVERIFY(runProjection(store, QStringLiteral("untyped"),
                                  [&](Projection &p) { p.setHandler(received.handler()); }, received, n));
            Ledger folded;
            for (qsizetype i = 0; i < n; ++i) {
                const RecordedEvent &event = received.recorded.at(i);
                QCOMPARE(event.eventName, old.currentNames.at(i));
                QCOMPARE(event.eventVersion, old.currentVersions.at(i));
                QCOMPARE(nameOf(event.event), old.currentNames.at(i));
                Ledger::Event decoded;
                QString why;
                QVERIFY2(fromJson(event.event, decoded, &why), qPrintable(why));
                folded.apply(decoded);
            }
            QCOMPARE(compact(toJson(folded)), compact(toJson(OldLedger::state())));

            // A filter by the current names finds events stored under old ones.
            Received filtered;
            QVERIFY(runProjection(store, QStringLiteral("untyped_filtered"),
                                  [&](Projection &p) {
                                      p.setHandler(filtered.handler(),
                                                   EventFilter::byEvent({QStringLiteral("Labelled"), QStringLiteral("Remarked")}));
                                  },
                                  filtered, 2));
            QCOMPARE(filtered.recorded.at(0).version, 3);
            QCOMPARE(filtered.recorded.at(1).version, 4);
        }

        // A typed handler needs no registration: it decodes the current shapes.
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            Received received;
            QVERIFY(runProjection(store, QStringLiteral("typed"),
                                  [&](Projection &p) { p.setHandler<Ledger>(received.typedHandler()); }, received, n));
            Ledger folded;
            for (qsizetype i = 0; i < n; ++i) {
                QCOMPARE(received.recorded.at(i).eventVersion, old.currentVersions.at(i));
                folded.apply(received.typed.at(i));
            }
            QCOMPARE(compact(toJson(folded)), compact(toJson(OldLedger::state())));
            QCOMPARE(std::get<Priced>(received.typed.at(1)).cents, 500);

            Received some;
            QVERIFY(runProjection(store, QStringLiteral("typed_filtered"),
                                  [&](Projection &p) {
                                      p.setHandler<Ledger>(some.typedHandler(),
                                                           {QStringLiteral("Labelled"), QStringLiteral("Remarked")});
                                  },
                                  some, 2));
            QVERIFY(std::holds_alternative<Labelled>(some.typed.at(0)));
            QCOMPARE(std::get<Remarked>(some.typed.at(1)).text, QStringLiteral("paid late"));
        }
    }

    void eventLogNeedsTheSchema()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const OldLedger old;
        QVERIFY(old.insert(schema));
        EventLog log(&store);
        const auto names = [&]() {
            QStringList out;
            const auto read = readAll(log);
            if (succeeded(read)) {
                for (const RecordedEvent &event : read.value())
                    out << event.eventName + u'/' + QString::number(event.eventVersion);
            }
            return out;
        };
        const QStringList asStored{QStringLiteral("Opened/1"), QStringLiteral("Priced/1"), QStringLiteral("Tagged/1"),
                                   QStringLiteral("Noted/1"),  QStringLiteral("Priced/3"), QStringLiteral("Closed/1")};
        const QStringList current{QStringLiteral("Opened/1"),   QStringLiteral("Priced/4"), QStringLiteral("Labelled/2"),
                                  QStringLiteral("Remarked/1"), QStringLiteral("Priced/4"), QStringLiteral("Closed/2")};
        // Nothing is known of the type yet: as stored.
        QCOMPARE(names(), asStored);

        // A domain's registration makes it known; without upcasting, the log reads as stored.
        Domain domain;
        domain.addEntityType<Ledger>();
        domain.registerSchemas(store);
        QCOMPARE(names(), current);
        log.setUpcast(false);
        QCOMPARE(names(), asStored);

        // So does registerEntityType(), for the log of another store; a dropped field is gone.
        EventStore second;
        EVENTED_VERIFY_OK(second.open(schema.url()));
        EventLog secondLog(&second);
        second.registerEntityType<Ledger>();
        const auto read = readAll(secondLog);
        EVENTED_VERIFY_OK(read);
        QCOMPARE(read->at(2).eventName, QStringLiteral("Labelled"));
        QCOMPARE(read->at(5).event.toObject().value(QStringLiteral("Closed")).toObject().keys(), QStringList{QStringLiteral("id")});
    }

    void exportCarriesEventVersion()
    {
        RecordedEvent event;
        event.seqNo = 7;
        event.typeName = QStringLiteral("ledger");
        event.entityId = QUuid::createUuid();
        event.version = 3;
        event.event = QJsonObject{{QStringLiteral("Priced"),
                                   QJsonObject{{QStringLiteral("id"), event.entityId.toString(QUuid::WithoutBraces)},
                                               {QStringLiteral("units"), 2}}}};
        event.eventName = QStringLiteral("Priced");
        event.metadata = QJsonValue::Null;
        event.recordedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);

        // Version 1: the line is as it was before event versions.
        event.eventVersion = 1;
        QByteArray line = EventLog::toJsonLine(event);
        QVERIFY2(!line.contains("event_version"), line.constData());
        auto parsed = EventLog::fromJsonLine(line);
        EVENTED_VERIFY_OK(parsed);
        QCOMPARE(parsed->eventVersion, 1);
        QVERIFY(parsed.value() == event);

        event.eventVersion = 3;
        line = EventLog::toJsonLine(event);
        QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("event_version")), QJsonValue(3));
        parsed = EventLog::fromJsonLine(line);
        EVENTED_VERIFY_OK(parsed);
        QCOMPARE(parsed->eventVersion, 3);
        QVERIFY(parsed.value() == event);

        for (const QJsonValue &bad : {QJsonValue(0), QJsonValue(-2), QJsonValue(QStringLiteral("3"))}) {
            QJsonObject object = QJsonDocument::fromJson(line).object();
            object.insert(QStringLiteral("event_version"), bad);
            const auto refused = EventLog::fromJsonLine(QJsonDocument(object).toJson(QJsonDocument::Compact));
            QVERIFY2(!refused, qPrintable(compact(bad)));
            QVERIFY2(refused.error().message().contains(u"event_version"), qPrintable(refused.error().message()));
        }
    }

    void exportAndImportKeepEventVersions()
    {
        Schema from;
        Schema to;
        EventStore source;
        EVENTED_VERIFY_OK(source.open(from.url()));
        const OldLedger old;
        QVERIFY(old.insert(from));

        // An export reads the events as stored, lines and back.
        EventLog log(&source);
        log.setUpcast(false);
        source.registerEntityType<Ledger>(); // known, but not applied
        const auto read = readAll(log);
        EVENTED_VERIFY_OK(read);
        QList<RecordedEvent> events;
        for (const RecordedEvent &event : read.value()) {
            const QByteArray line = EventLog::toJsonLine(event);
            QCOMPARE(line.contains("event_version"), event.eventVersion != 1);
            auto back = EventLog::fromJsonLine(line);
            EVENTED_VERIFY_OK(back);
            events.append(back.value());
        }
        QCOMPARE(events.size(), old.events.size());
        QCOMPARE(events.at(4).eventVersion, 3);

        EventStore target;
        EVENTED_VERIFY_OK(target.open(to.url()));
        const auto imported = EventLog(&target).import(events);
        EVENTED_VERIFY_OK(imported);
        QCOMPARE(imported.value(), qint64(old.events.size()));
        const auto rows = storedEvents(to, old.id);
        QCOMPARE(rows.size(), old.events.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            // Version 1 may be written as 1 or left out: both read as 1.
            const int imported = std::get<1>(rows.at(i));
            QCOMPARE(imported == 0 ? 1 : imported, old.versions.at(i) == 0 ? 1 : old.versions.at(i));
            QCOMPARE(compact(std::get<2>(rows.at(i))), compact(parse(old.events.at(i))));
        }
        auto ledger = target.load<Ledger>(old.id);
        EVENTED_VERIFY_OK(ledger);
        QCOMPARE(compact(toJson(ledger->state())), compact(toJson(OldLedger::state())));
    }

    void accountsOverTodaysShapes()
    {
        using namespace AccountsDomain;
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const QString uuid = id.toString(QUuid::WithoutBraces);
        // As evented and the application before event versions stored them.
        QVERIFY(insertEvent(schema, QStringLiteral("account"), id, 1, QStringLiteral(R"({"Created": {"id": "%1"}})").arg(uuid)) > 0);
        QVERIFY(insertEvent(schema, QStringLiteral("account"), id, 2,
                            QStringLiteral(R"({"Deposited": {"id": "%1", "amount": 100}})").arg(uuid)) > 0);
        QVERIFY(insertEvent(schema, QStringLiteral("account"), id, 3,
                            QStringLiteral(R"({"Withdrawn": {"id": "%1", "amount": 30}})").arg(uuid)) > 0);

        const Domain domain = accountsDomain();
        const auto replayed = domain.replay(store, QStringLiteral("account"), id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->version, 3);
        QCOMPARE(compact(replayed->state),
                 compact(QJsonObject{{QStringLiteral("open"), true},
                                     {QStringLiteral("balance"), 70},
                                     {QStringLiteral("currency"), QStringLiteral("EUR")}}));

        auto account = store.load<Account>(id);
        EVENTED_VERIFY_OK(account);
        QCOMPARE(account->version(), 3);
        QVERIFY(account->state().open);
        QCOMPARE(account->state().balance, 70);
        QCOMPARE(account->state().currency, QStringLiteral("EUR"));

        // New events are written in the current shapes, with their versions.
        const auto withdrawn = store.handle(account.value(), Withdraw{20});
        EVENTED_VERIFY_OK(withdrawn);
        QCOMPARE(withdrawn.events().first().eventName, QStringLiteral("Debited"));
        QCOMPARE(withdrawn.events().first().eventVersion, 2);
        const DomainResult deposited = domain.handle(store, QStringLiteral("account"), id, QStringLiteral("Deposit"),
                                                     {{QStringLiteral("amount"), 5}});
        EVENTED_VERIFY_OK(deposited);
        QCOMPARE(deposited.version, 5);
        const auto rows = storedEvents(schema, id);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(std::get<1>(rows.at(3)), 2);
        QCOMPARE(compact(std::get<2>(rows.at(3))),
                 compact(parse(QStringLiteral(R"({"Debited": {"id": "%1", "amount": 20, "currency": "EUR"}})").arg(uuid))));
        QCOMPARE(std::get<1>(rows.at(4)), 2);
        QCOMPARE(compact(std::get<2>(rows.at(4))),
                 compact(parse(QStringLiteral(R"({"Deposited": {"id": "%1", "amount": 5, "currency": "EUR"}})").arg(uuid))));
        // The old rows are as they were.
        QCOMPARE(std::get<1>(rows.at(2)), 0);
        QCOMPARE(nameOf(std::get<2>(rows.at(2))), QStringLiteral("Withdrawn"));

        auto reloaded = store.load<Account>(id);
        EVENTED_VERIFY_OK(reloaded);
        QCOMPARE(reloaded->version(), 5);
        QCOMPARE(reloaded->state().balance, 55);
    }
};

QTEST_GUILESS_MAIN(tst_Evolution)
#include "tst_evolution.moc"
