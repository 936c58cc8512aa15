// Evented::EventLog, the store as a whole as the tools see it, on both backends: export lines
// (parsing, errors that name the field, byte-stable output), keyset pages of entities, pages and
// reads of events through EventFilter, import and verify.

#include "testcounter.h"
#include "testjournal.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/json.h>
#include <evented/eventstore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

const QUuid sampleId = QUuid::fromString(QStringLiteral("6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"));

/*! An event as an export line describes it. */
RecordedEvent sampleEvent()
{
    RecordedEvent event;
    event.seqNo = 7;
    event.typeName = QStringLiteral("counter");
    event.entityId = sampleId;
    event.version = 2;
    event.eventName = QStringLiteral("Increased");
    event.event = QJsonObject{{QStringLiteral("Increased"),
                               QJsonObject{{QStringLiteral("id"), sampleId.toString(QUuid::WithoutBraces)},
                                           {QStringLiteral("inc"), 40}}}};
    event.metadata = QJsonObject{{QStringLiteral("user"), QStringLiteral("ann")}};
    event.recordedAt = QDateTime(QDate(2026, 11, 29), QTime(9, 30, 14, 560), Qt::UTC);
    return event;
}

/*! The export line of sampleEvent(), byte for byte: keys in a fixed order. */
const QByteArray sampleLine = R"({"entity_id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","event":{"Increased":)"
                              R"({"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":40}},"metadata":{"user":"ann"},)"
                              R"("recorded_at":"2026-11-29T09:30:14.560Z","seq_no":7,"type_name":"counter","version":2})";

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/*! Every event of \a log in seq_no order, or none when the read fails (the failure is printed). */
QList<RecordedEvent> readAll(const EventLog &log, const EventFilter &filter = EventFilter::all(), int pageSize = 1000)
{
    QList<RecordedEvent> events;
    const Error error = log.read(filter, [&events](const RecordedEvent &event) {
        events.append(event);
        return true;
    }, pageSize);
    return succeeded(error) ? events : QList<RecordedEvent>();
}

/*! Appends \a n increments of 1 to counter \a id; false (with the error printed) on a failure. */
bool increase(EventStore &store, const QUuid &id, int n)
{
    auto counter = store.load<Counter>(id);
    if (!succeeded(counter))
        return false;
    for (int i = 0; i < n; ++i) {
        if (!succeeded(store.handle(counter.value(), Increase{1})))
            return false;
    }
    return true;
}

/*! The ids of \a entities, as text, in their order. */
QStringList ids(const QList<EntitySummary> &entities)
{
    QStringList list;
    for (const EntitySummary &entity : entities)
        list.append(entity.id.toString(QUuid::WithoutBraces));
    return list;
}

/*! True when \a a comes before \a b in the order of \a sortBy, ascending (ids break ties). */
bool sortsBefore(const EntitySummary &a, const EntitySummary &b, EntityQuery::SortBy sortBy)
{
    const QString idA = a.id.toString(QUuid::WithoutBraces);
    const QString idB = b.id.toString(QUuid::WithoutBraces);
    switch (sortBy) {
    case EntityQuery::SortBy::Id:
        break;
    case EntityQuery::SortBy::Version:
        if (a.version != b.version)
            return a.version < b.version;
        break;
    case EntityQuery::SortBy::LastChange:
        return a.lastSeqNo < b.lastSeqNo;
    }
    return idA < idB;
}

/*! A CHECK or trigger that makes the database refuse an event with a version of \a limit or more. */
QString refuseVersionsFrom(Schema &schema, int limit)
{
    if (schema.isSqlite())
        return QStringLiteral("CREATE TRIGGER small BEFORE INSERT ON event WHEN NEW.version >= %1 "
                              "BEGIN SELECT RAISE(ABORT, 'version too big'); END")
            .arg(limit);
    return u"ALTER TABLE " + schema.table(QStringLiteral("event")) + QStringLiteral(" ADD CONSTRAINT small CHECK (version < %1)").arg(limit);
}

} // namespace

class tst_EventLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Export lines: no database.

    void fromJsonLineErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("why");
        QTest::newRow("not JSON") << QByteArray(R"({"seq_no": 7,)") << QStringLiteral("not JSON");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("not a JSON object");

        const QJsonObject good = QJsonDocument::fromJson(sampleLine).object();
        const QString fields[] = {QStringLiteral("seq_no"), QStringLiteral("type_name"), QStringLiteral("entity_id"),
                                  QStringLiteral("version"), QStringLiteral("event"), QStringLiteral("metadata"),
                                  QStringLiteral("recorded_at")};
        for (const QString &field : fields) {
            QJsonObject missing = good;
            missing.remove(field);
            QTest::addRow("missing %s", qPrintable(field)) << compact(missing) << QString(u"field " + field);
        }
        const std::pair<const char *, QJsonValue> invalid[] = {
            {"seq_no", 0},
            {"seq_no", -3},
            {"seq_no", QStringLiteral("7")},
            {"type_name", QString()},
            {"type_name", 5},
            {"entity_id", QStringLiteral("not-a-uuid")},
            {"entity_id", 1},
            {"version", 0},
            {"version", QStringLiteral("2")},
            {"event", QJsonArray{1, 2}},
            {"event", QJsonObject()},
            {"event", QJsonObject{{QStringLiteral("A"), 1}, {QStringLiteral("B"), 2}}},
            {"event", QString()},
            {"event", 5},
            {"recorded_at", QStringLiteral("yesterday")},
            {"recorded_at", 1764408614},
        };
        for (const auto &[field, value] : invalid) {
            QJsonObject bad = good;
            bad.insert(QLatin1StringView(field), value);
            QTest::addRow("invalid %s: %s", field, QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).constData())
                << compact(bad) << QString(u"field " + QLatin1StringView(field));
        }
    }
    void fromJsonLineErrors()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, why);
        const auto parsed = EventLog::fromJsonLine(line);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind(), Error::Kind::InvalidArgument);
        QVERIFY2(parsed.error().message().contains(why), qPrintable(parsed.error().message()));
    }

    void fromJsonLineReadsEveryField()
    {
        const auto parsed = EventLog::fromJsonLine(sampleLine);
        EVENTED_VERIFY_OK(parsed);
        QCOMPARE(parsed.value(), sampleEvent());

        // The time in another zone is the same instant, in UTC; a bare string is a unit event;
        // null metadata is metadata.
        QJsonObject other = QJsonDocument::fromJson(sampleLine).object();
        other.insert(QStringLiteral("recorded_at"), QStringLiteral("2026-11-29T10:30:14.560+01:00"));
        other.insert(QStringLiteral("event"), QStringLiteral("Reset"));
        other.insert(QStringLiteral("metadata"), QJsonValue::Null);
        const auto unit = EventLog::fromJsonLine(compact(other));
        EVENTED_VERIFY_OK(unit);
        QCOMPARE(unit->recordedAt, sampleEvent().recordedAt);
        QCOMPARE(unit->recordedAt.timeSpec(), Qt::UTC);
        QCOMPARE(unit->eventName, QStringLiteral("Reset"));
        QCOMPARE(unit->event, QJsonValue(QStringLiteral("Reset")));
        QVERIFY(unit->metadata.isNull());
    }

    void toJsonLineIsByteStable()
    {
        const RecordedEvent event = sampleEvent();
        QCOMPARE(EventLog::toJsonLine(event), sampleLine);
        QVERIFY(!EventLog::toJsonLine(event).contains('\n'));
        // The same instant given in another zone writes the same bytes.
        RecordedEvent shifted = event;
        shifted.recordedAt = event.recordedAt.toOffsetFromUtc(-5 * 3600);
        QCOMPARE(EventLog::toJsonLine(shifted), sampleLine);
        // Round trip: the parsed line is the event, and writes the same bytes again.
        const auto back = EventLog::fromJsonLine(EventLog::toJsonLine(event));
        EVENTED_VERIFY_OK(back);
        QCOMPARE(back.value(), event);
        QCOMPARE(EventLog::toJsonLine(back.value()), sampleLine);
    }

    // The store's events.

    void storedEventsExportAndParseBack_data() { addBackendRows(); }
    void storedEventsExportAndParseBack()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(increase(store, QUuid::createUuid(), 3));
        auto journal = store.load<Journal>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("ä ✓"), QStringLiteral("b")}, QStringLiteral("Zoë")}));
        const QList<RecordedEvent> events = readAll(EventLog(&store));
        QCOMPARE(events.size(), 5);
        for (const RecordedEvent &event : events) {
            const QByteArray line = EventLog::toJsonLine(event);
            const auto back = EventLog::fromJsonLine(line);
            EVENTED_VERIFY_OK(back);
            QCOMPARE(back.value(), event);
            QCOMPARE(EventLog::toJsonLine(back.value()), line);
        }
        QCOMPARE(events.last().metadata, QJsonValue(QJsonObject{{QStringLiteral("user"), QStringLiteral("Zoë")}}));
    }

    void statsAndEntities_data() { addBackendRows(); }
    void statsAndEntities()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid first = QUuid::createUuid();
        const QUuid second = QUuid::createUuid();
        QVERIFY(increase(store, first, 3));
        QVERIFY(increase(store, second, 1));
        auto journal = store.load<Journal>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("a"), QStringLiteral("b")}, QStringLiteral("ann")}));

        const EventLog log(&store);
        const auto stats = log.stats();
        EVENTED_VERIFY_OK(stats);
        QCOMPARE(stats->events, 6);
        QCOMPARE(stats->head, 6);
        QVERIFY(stats->databaseBytes > 0);
        QCOMPARE(stats->types.size(), 2);
        QCOMPARE(stats->types.at(0).typeName, QStringLiteral("counter"));
        QCOMPARE(stats->types.at(0).events, 4);
        QCOMPARE(stats->types.at(0).entities, 2);
        QCOMPARE(stats->types.at(1).typeName, QStringLiteral("journal"));
        QCOMPARE(stats->types.at(1).events, 2);
        QCOMPARE(stats->types.at(1).entities, 1);

        // Most recently changed first.
        const auto all = log.entities();
        EVENTED_VERIFY_OK(all);
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).typeName, QStringLiteral("journal"));
        QCOMPARE(all->at(1).id, second);
        QCOMPARE(all->at(2).id, first);
        QCOMPARE(all->at(2).version, 3);
        QCOMPARE(all->at(2).lastSeqNo, 3);
        QVERIFY(all->at(2).lastChange.isValid());
        QCOMPARE(all->at(2).lastChange.timeSpec(), Qt::UTC);
        const auto counters = log.entities(QStringLiteral("counter"));
        EVENTED_VERIFY_OK(counters);
        QCOMPARE(ids(counters.value()), (QStringList{second.toString(QUuid::WithoutBraces), first.toString(QUuid::WithoutBraces)}));
    }

    void entityPages_data()
    {
        QTest::addColumn<Backend>("backend");
        QTest::addColumn<EntityQuery::SortBy>("sortBy");
        QTest::addColumn<Qt::SortOrder>("order");
        const std::pair<const char *, Backend> backends[] = {{"postgresql", Backend::PostgreSQL}, {"sqlite", Backend::SQLite}};
        const std::pair<const char *, EntityQuery::SortBy> sorts[] = {
            {"id", EntityQuery::SortBy::Id}, {"version", EntityQuery::SortBy::Version}, {"last change", EntityQuery::SortBy::LastChange}};
        for (const auto &[backendName, backend] : backends) {
            for (const auto &[sortName, sortBy] : sorts) {
                QTest::addRow("%s: %s ascending", backendName, sortName) << backend << sortBy << Qt::AscendingOrder;
                QTest::addRow("%s: %s descending", backendName, sortName) << backend << sortBy << Qt::DescendingOrder;
            }
        }
    }
    void entityPages()
    {
        QFETCH(Backend, backend);
        QFETCH(EntityQuery::SortBy, sortBy);
        QFETCH(Qt::SortOrder, order);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        // 23 counters with versions 1 to 5, appended round by round, so that the orders by id,
        // by version and by last change all differ; and a journal, which no counter page shows.
        QList<QUuid> counters;
        for (int i = 0; i < 23; ++i)
            counters.append(QUuid::createUuid());
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < counters.size(); ++i) {
                if (round <= (i * 7) % 5)
                    QVERIFY(increase(store, counters.at(i), 1));
            }
        }
        auto journal = store.load<Journal>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("x")}, QStringLiteral("ann")}));

        const EventLog log(&store);
        const auto all = log.entities(QStringLiteral("counter"));
        EVENTED_VERIFY_OK(all);
        QList<EntitySummary> expected = all.value();
        const auto before = [&](const EntitySummary &a, const EntitySummary &b) {
            return order == Qt::AscendingOrder ? sortsBefore(a, b, sortBy) : sortsBefore(b, a, sortBy);
        };
        std::sort(expected.begin(), expected.end(), before);

        EntityQuery query;
        query.typeName = QStringLiteral("counter");
        query.sortBy = sortBy;
        query.order = order;
        query.limit = 4;
        const auto nextPage = [&]() -> QList<EntitySummary> {
            const auto page = log.entityPage(query);
            if (!succeeded(page))
                return {};
            if (!page->isEmpty())
                query.after = page->last();
            return page.value();
        };

        // Unchanged, the pages together are the whole sorted list: none twice, none left out.
        QList<EntitySummary> paged;
        for (int pages = 0; pages < 10; ++pages) {
            const QList<EntitySummary> page = nextPage();
            QVERIFY(page.size() <= query.limit);
            paged += page;
            if (page.size() < query.limit)
                break;
        }
        QCOMPARE(ids(paged), ids(expected));
        for (qsizetype i = 0; i < paged.size(); ++i) {
            QCOMPARE(paged.at(i).typeName, QStringLiteral("counter"));
            QCOMPARE(paged.at(i).version, expected.at(i).version);
            QCOMPARE(paged.at(i).lastSeqNo, expected.at(i).lastSeqNo);
            QCOMPARE(paged.at(i).lastChange, expected.at(i).lastChange);
        }

        // Entities change between pages: one already shown, one still to come, and a new one.
        // Each page goes on after the last key shown: the keys never go back (no overlap), and
        // every entity that did not change is shown exactly once (no skip).
        query.after.reset();
        QList<EntitySummary> first = nextPage();
        QCOMPARE(first.size(), query.limit);
        const QUuid shown = first.first().id;
        const QUuid toCome = expected.at(expected.size() - 2).id;
        QVERIFY(increase(store, shown, 2));
        QVERIFY(increase(store, toCome, 2));
        const QUuid added = QUuid::createUuid();
        QVERIFY(increase(store, added, 1));
        QList<EntitySummary> changing = first;
        for (int pages = 0; pages < 10; ++pages) {
            const QList<EntitySummary> page = nextPage();
            changing += page;
            if (page.size() < query.limit)
                break;
        }
        for (qsizetype i = 1; i < changing.size(); ++i)
            QVERIFY2(before(changing.at(i - 1), changing.at(i)), qPrintable(QString::number(i)));
        for (const EntitySummary &entity : std::as_const(expected)) {
            if (entity.id == shown || entity.id == toCome)
                continue;
            const auto times = std::count_if(changing.begin(), changing.end(), [&](const EntitySummary &e) { return e.id == entity.id; });
            QVERIFY2(times == 1, qPrintable(QString(entity.id.toString() + u" shown " + QString::number(times) + u" times")));
        }
        if (sortBy == EntityQuery::SortBy::Id) {
            // By id, a change moves nothing: the changed ones are shown once too, and the new one
            // when its id comes after the page it was added behind.
            QCOMPARE(std::count_if(changing.begin(), changing.end(), [&](const EntitySummary &e) { return e.id == shown; }), 1);
            QCOMPARE(std::count_if(changing.begin(), changing.end(), [&](const EntitySummary &e) { return e.id == toCome; }), 1);
            const bool addedAfterFirstPage = order == Qt::AscendingOrder
                ? added.toString(QUuid::WithoutBraces) > first.last().id.toString(QUuid::WithoutBraces)
                : added.toString(QUuid::WithoutBraces) < first.last().id.toString(QUuid::WithoutBraces);
            QCOMPARE(std::count_if(changing.begin(), changing.end(), [&](const EntitySummary &e) { return e.id == added; }),
                     addedAfterFirstPage ? 1 : 0);
        }
    }

    void entityPageIdPrefix_data() { addBackendRows(); }
    void entityPageIdPrefix()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QStringList made = {QStringLiteral("aaaa0000-0000-4000-8000-000000000001"),
                                  QStringLiteral("aaaa1111-0000-4000-8000-000000000002"),
                                  QStringLiteral("abcd0000-0000-4000-8000-000000000003"),
                                  QStringLiteral("ffff0000-0000-4000-8000-000000000004")};
        for (const QString &id : made)
            QVERIFY(increase(store, QUuid::fromString(id), 1));
        const EventLog log(&store);
        const auto matching = [&](const QString &prefix, int limit = 200) -> QStringList {
            EntityQuery query;
            query.typeName = QStringLiteral("counter");
            query.idPrefix = prefix;
            query.limit = limit;
            QStringList found;
            for (int pages = 0; pages < 10; ++pages) {
                const auto page = log.entityPage(query);
                if (!succeeded(page))
                    return {QStringLiteral("failed")};
                found += ids(page.value());
                if (page->size() < limit)
                    break;
                query.after = page->last();
            }
            return found;
        };
        QCOMPARE(matching(QString()), made);
        QCOMPARE(matching(QStringLiteral("aaaa")), made.mid(0, 2));
        QCOMPARE(matching(QStringLiteral("AAAA")), made.mid(0, 2)); // ids are matched without case
        QCOMPARE(matching(QStringLiteral("aaaa1")), made.mid(1, 1));
        QCOMPARE(matching(QStringLiteral("aaaa0000-0000")), made.mid(0, 1));
        QCOMPARE(matching(QStringLiteral("a"), 1), made.mid(0, 3)); // a page at a time
        QCOMPARE(matching(QStringLiteral("b")), QStringList());
        // Anything but hex digits and dashes matches nothing, and is never SQL nor a pattern.
        for (const QString &hostile : {QStringLiteral("'; DROP TABLE event; --"), QStringLiteral("%"), QStringLiteral("_"),
                                       QStringLiteral("a%"), QStringLiteral("aaaa_"), QStringLiteral("\\"), QStringLiteral("ä"),
                                       QStringLiteral("aaaa' OR '1'='1")})
            QVERIFY2(matching(hostile).isEmpty(), qPrintable(hostile));
        QCOMPARE(eventCount(schema), 4);
        // Another type's entities are not on the page.
        EntityQuery journals;
        journals.typeName = QStringLiteral("journal");
        const auto none = log.entityPage(journals);
        EVENTED_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
    }

    void readAndPageWithFilters_data() { addBackendRows(); }
    void readAndPageWithFilters()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        QVERIFY(increase(store, a, 2));
        auto journal = store.load<Journal>(QUuid::createUuid());
        EVENTED_VERIFY_OK(store.handle(journal.value(), Write{{QStringLiteral("x"), QStringLiteral("y")}, QStringLiteral("ann")}));
        QVERIFY(increase(store, b, 3));
        auto counterA = store.load<Counter>(a);
        EVENTED_VERIFY_OK(store.handle(counterA.value(), Decrease{1}));
        QVERIFY(increase(store, a, 1));

        const EventLog log(&store);
        const QList<RecordedEvent> all = readAll(log);
        QCOMPARE(all.size(), 9);
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).seqNo, i + 1);

        EventFilter bounded;
        bounded.fromSeqNo = 3;
        bounded.toSeqNo = 7;
        EventFilter typesAndBounds = EventFilter::byType(QStringLiteral("counter"));
        typesAndBounds.typeNames.append(QStringLiteral("journal"));
        typesAndBounds.fromSeqNo = 2;
        const std::pair<const char *, EventFilter> filters[] = {
            {"all", EventFilter::all()},
            {"counters", EventFilter::byType(QStringLiteral("counter"))},
            {"journals", EventFilter::byType(QStringLiteral("journal"))},
            {"no such type", EventFilter::byType(QStringLiteral("nosuchtype"))},
            {"entity a", EventFilter::byEntity(QStringLiteral("counter"), a)},
            {"entity a of another type", EventFilter::byEntity(QStringLiteral("journal"), a)},
            {"decreased", EventFilter::byEvent({QStringLiteral("Decreased")})},
            {"increased of b", EventFilter::byEntity(QStringLiteral("counter"), b).withEvents({QStringLiteral("Increased")})},
            {"notes and decreased", EventFilter::byEvent({QStringLiteral("Note"), QStringLiteral("Decreased")})},
            {"seq_no 3 to 7", bounded},
            {"two types from seq_no 2", typesAndBounds},
        };
        for (const auto &[name, filter] : filters) {
            QList<RecordedEvent> expected;
            std::copy_if(all.begin(), all.end(), std::back_inserter(expected), [&](const RecordedEvent &e) { return filter.matches(e); });
            // read(): in seq_no order, whatever the page size.
            QCOMPARE(readAll(log, filter), expected);
            QCOMPARE(readAll(log, filter, 2), expected);
            QCOMPARE(readAll(log, filter, 1), expected);
            // page(): newest first, each page below the last one's seq_no, never overlapping.
            QList<RecordedEvent> newestFirst;
            qint64 below = 0;
            for (int pages = 0; pages < 20; ++pages) {
                const auto page = log.page(filter, below, 2);
                EVENTED_VERIFY_OK(page);
                QVERIFY2(page->size() <= 2, name);
                newestFirst += page.value();
                if (page->size() < 2)
                    break;
                below = page->last().seqNo;
            }
            std::reverse(newestFirst.begin(), newestFirst.end());
            QVERIFY2(newestFirst == expected, name);
        }
        QCOMPARE(readAll(log, EventFilter::byEvent({QStringLiteral("Decreased")})).first().entityId, a);
        // A page from below a seq_no; and a read that stops early.
        const auto older = log.page(EventFilter::all(), 5, 3);
        EVENTED_VERIFY_OK(older);
        QCOMPARE(older->size(), 3);
        QCOMPARE(older->first().seqNo, 4);
        QCOMPARE(older->last().seqNo, 2);
        int visited = 0;
        EVENTED_VERIFY_OK(log.read(EventFilter::all(), [&visited](const RecordedEvent &) { return ++visited < 3; }, 2));
        QCOMPARE(visited, 3);
    }

    void pageByContainedJson_data() { addBackendRows(); }
    void pageByContainedJson()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid counter = QUuid::createUuid();
        const QUuid tagged = QUuid::createUuid();
        const auto event = [](qint64 seqNo, const QString &type, const QUuid &id, qint64 version, const char *json) {
            RecordedEvent e;
            e.seqNo = seqNo;
            e.typeName = type;
            e.entityId = id;
            e.version = version;
            if (!Json::parse(QByteArrayView(json), e.event))
                qWarning("not JSON: %s", json);
            e.metadata = QJsonValue::Null;
            e.recordedAt = QDateTime::currentDateTimeUtc();
            return e;
        };
        QList<RecordedEvent> events;
        const QString c = QStringLiteral("counter");
        const QString t = QStringLiteral("tagged");
        events << event(1, c, counter, 1, R"({"Increased": {"inc": 2}})") << event(2, c, counter, 2, R"({"Increased": {"inc": 3}})")
               << event(3, c, counter, 3, R"({"Decreased": {"dec": 2}})")
               << event(4, t, tagged, 1, R"({"Tagged": {"tags": ["a", "b"], "by": {"name": "ann", "admin": true}, "note": null}})")
               << event(5, t, tagged, 2, R"({"Tagged": {"tags": ["b"], "by": {"name": "bob", "admin": false}, "note": "x"}})")
               << event(6, t, tagged, 3, R"("Closed")");
        EVENTED_VERIFY_OK(EventLog(&store).import(events));

        const std::pair<const char *, QList<qint64>> searches[] = {
            {R"({"Increased": {}})", {1, 2}},
            {R"({"Increased": {"inc": 3}})", {2}},
            {R"({"Increased": {"inc": 3.0}})", {2}},
            {R"({"Decreased": {"dec": 2}})", {3}},
            {R"({"Tagged": {"tags": ["b"]}})", {4, 5}},
            {R"({"Tagged": {"tags": ["a"]}})", {4}},
            {R"({"Tagged": {"tags": ["a", "b"], "by": {"admin": true}}})", {4}},
            {R"({"Tagged": {"by": {"admin": false}}})", {5}},
            {R"({"Tagged": {"note": null}})", {4}},
            {R"({"Tagged": {"note": "x", "by": {"name": "bob"}}})", {5}},
            {R"({"Tagged": {"tags": "b"}})", {}},
            {R"({"Tagged": {"by": {"name": "carol"}}})", {}},
            {R"({"inc": 2})", {}},
        };
        const EventLog log(&store);
        for (const auto &[text, expected] : searches) {
            const Result<QJsonObject> pattern = EventFilter::parseContains(QString::fromUtf8(text));
            EVENTED_VERIFY_OK(pattern);
            EventFilter filter;
            filter.eventContains = pattern.value();
            QList<qint64> read;
            for (const RecordedEvent &e : readAll(log, filter))
                read.append(e.seqNo);
            QVERIFY2(read == expected, text);
            // Newest first, a page of one at a time.
            QList<qint64> paged;
            qint64 below = 0;
            for (int pages = 0; pages < 10; ++pages) {
                const auto page = log.page(filter, below, 1);
                EVENTED_VERIFY_OK(page);
                if (page->isEmpty())
                    break;
                paged.prepend(page->first().seqNo);
                below = page->first().seqNo;
            }
            QVERIFY2(paged == expected, text);
            for (const RecordedEvent &e : events)
                QVERIFY2(filter.matches(e) == expected.contains(e.seqNo), text);
        }

        // What is not a JSON object says so.
        const Result<QJsonObject> broken = EventFilter::parseContains(QStringLiteral(R"({"Increased": )"));
        QVERIFY(!broken);
        QCOMPARE(broken.error().kind(), Error::Kind::InvalidArgument);
        QVERIFY2(broken.error().message().startsWith(QStringLiteral("The search is not JSON: ")), qPrintable(broken.error().message()));
        const Result<QJsonObject> array = EventFilter::parseContains(QStringLiteral("[1]"));
        QVERIFY(!array);
        QVERIFY2(array.error().message().startsWith(QStringLiteral("The search must be a JSON object")), qPrintable(array.error().message()));
    }

    void importIsIdempotentAndAllOrNothing_data() { addBackendRows(); }
    void importIsIdempotentAndAllOrNothing()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EventLog log(&store);
        // Events as another store exported them: seq_nos with a gap, two entities.
        QList<RecordedEvent> events;
        const QUuid other = QUuid::createUuid();
        for (int i = 0; i < 5; ++i) {
            RecordedEvent event = sampleEvent();
            event.seqNo = 10 + 2 * i;
            event.entityId = i < 3 ? sampleId : other;
            event.version = i < 3 ? i + 1 : i - 2;
            event.recordedAt = event.recordedAt.addSecs(i);
            events.append(event);
        }
        const auto imported = log.import(events);
        EVENTED_VERIFY_OK(imported);
        QCOMPARE(imported.value(), 5);
        const QList<RecordedEvent> stored = readAll(log);
        QCOMPARE(stored.size(), 5);
        for (qsizetype i = 0; i < stored.size(); ++i)
            QCOMPARE(EventLog::toJsonLine(stored.at(i)), EventLog::toJsonLine(events.at(i))); // as they were, seq_no too

        // Again: nothing is added. An event whose seq_no or whose version is stored is skipped.
        const auto again = log.import(events);
        EVENTED_VERIFY_OK(again);
        QCOMPARE(again.value(), 0);
        RecordedEvent sameVersion = events.at(1);
        sameVersion.seqNo = 100;
        RecordedEvent next = events.at(2);
        next.seqNo = 30;
        next.version = 4;
        const auto mixed = log.import({events.at(0), sameVersion, next});
        EVENTED_VERIFY_OK(mixed);
        QCOMPARE(mixed.value(), 1);
        QCOMPARE(eventCount(schema), 6);

        // All or nothing: the database refuses the second event, so the first is not written either.
        EXEC(schema.db(), refuseVersionsFrom(schema, 6));
        RecordedEvent fine = next;
        fine.seqNo = 31;
        fine.version = 5;
        RecordedEvent refused = next;
        refused.seqNo = 32;
        refused.version = 6;
        const auto failed = log.import({fine, refused});
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind(), Error::Kind::Database);
        QCOMPARE(eventCount(schema), 6);
        QCOMPARE(readAll(log).last().seqNo, 30);

        // New commands go on after the imported seq_nos and versions.
        auto counter = store.load<Counter>(other);
        EVENTED_VERIFY_OK(counter);
        QCOMPARE(counter->version(), 2);
        const auto appended = store.handle(counter.value(), Increase{1});
        EVENTED_VERIFY_OK(appended);
        QVERIFY(appended.events().first().seqNo > 30);
    }

    void verifyReportsProblems_data() { addBackendRows(); }
    void verifyReportsProblems()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(increase(store, QUuid::createUuid(), 4)); // seq_no 1-4
        QVERIFY(increase(store, QUuid::createUuid(), 4)); // seq_no 5-8
        QVERIFY(increase(store, QUuid::createUuid(), 2)); // seq_no 9-10
        const EventLog log(&store);
        const auto clean = log.verify();
        EVENTED_VERIFY_OK(clean);
        QVERIFY(clean->isEmpty());

        const QString event = schema.table(QStringLiteral("event"));
        EXEC(schema.db(), u"DELETE FROM " + event + u" WHERE seq_no = 2");                 // 3 follows 1
        EXEC(schema.db(), u"UPDATE " + event + u" SET event = '[1, 2]' WHERE seq_no = 6"); // not tagged
        EXEC(schema.db(), u"UPDATE " + event + u" SET event = '{}' WHERE seq_no = 7");     // not tagged
        EXEC(schema.db(), u"UPDATE " + event + u" SET type_name = '' WHERE seq_no = 9");   // and so 10 has no version 1
        QList<std::pair<qint64, QString>> expected = {
            {3, QStringLiteral("version 3 where 2 was expected")},
            {6, QStringLiteral("not externally tagged")},
            {7, QStringLiteral("not externally tagged")},
            {9, QStringLiteral("type name is empty")},
            {10, QStringLiteral("version 2 where 1 was expected")},
        };
        if (schema.isSqlite()) { // only text columns can hold what is not JSON or not a UUID
            EXEC(schema.db(), u"UPDATE " + event + u" SET event = '{\"Increased\": ' WHERE seq_no = 4");
            EXEC(schema.db(), u"UPDATE " + event + u" SET metadata = 'nope' WHERE seq_no = 8");
            expected.insert(1, {4, QStringLiteral("not valid JSON")});
            expected.insert(4, {8, QStringLiteral("metadata")});
        }
        const auto problems = log.verify();
        EVENTED_VERIFY_OK(problems);
        QStringList found;
        for (const StoreProblem &problem : problems.value())
            found << QString::number(problem.seqNo) + u": " + problem.message;
        QCOMPARE(problems->size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(problems->at(i).seqNo, expected.at(i).first);
            QVERIFY2(problems->at(i).message.contains(expected.at(i).second), qPrintable(found.join(u'\n')));
        }
    }

    void closedStore()
    {
        EventStore closed;
        EventLog log(&closed);
        QCOMPARE(log.stats().error().kind(), Error::Kind::NotOpen);
        QCOMPARE(log.entities().error().kind(), Error::Kind::NotOpen);
        QCOMPARE(log.read(EventFilter::all(), [](const RecordedEvent &) { return true; }).kind(), Error::Kind::NotOpen);
        QCOMPARE(log.page(EventFilter::all(), 0, 10).error().kind(), Error::Kind::NotOpen);
        EntityQuery query;
        query.typeName = QStringLiteral("counter");
        QCOMPARE(log.entityPage(query).error().kind(), Error::Kind::NotOpen);
        QCOMPARE(log.import({sampleEvent()}).error().kind(), Error::Kind::NotOpen);
        QCOMPARE(log.verify().error().kind(), Error::Kind::NotOpen);
    }
};

QTEST_GUILESS_MAIN(tst_EventLog)
#include "tst_eventlog.moc"
