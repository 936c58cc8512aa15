// The inspector offscreen over real stores on both backends: browsing types, entities and
// histories, the replay, the paging models, and switching stores and types.

#include "inspectorsupport.h"

#include <evented/inspector/storereader.h>
#include <evented/synclink.h>

#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace Qt::StringLiterals;

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

class tst_InspectorBrowse : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

    /*! Asks for pages until there are no more, each after the one before has arrived. */
    static void fetchAll(EntitiesModel &model)
    {
        QSignalSpy fetched(&model, &EntitiesModel::fetched);
        while (model.canFetchMore({})) {
            if (!model.isFetching())
                model.fetchMore({});
            QVERIFY(fetched.wait());
        }
    }

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void browseAndReplay()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));

        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setStore(&store, m_fixture.domain());
        widget.resize(1100, 700);
        widget.show();

        QTRY_VERIFY(widget.entityTypesModel()->rowOf(QStringLiteral("counter")) >= 0);
        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Entities).data().toString(), QStringLiteral("1"));
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Events).data().toString(), QStringLiteral("3"));
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        QCOMPARE(widget.historyModel()->rowCount(), 3);
        QCOMPARE(widget.historyModel()->index(2, EventsModel::EventName).data().toString(), QStringLiteral("Decreased"));

        // The replay starts at the last version and is folded by the plugin's own entity code.
        auto *state = child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"));
        auto *difference = child<QPlainTextEdit>(&widget, QStringLiteral("replay.difference"));
        auto *position = child<QLabel>(&widget, QStringLiteral("replay.position"));
        QCOMPARE(jsonOf(state).value(QStringLiteral("value")).toInt(), 6);
        QCOMPARE(position->text(), QStringLiteral("Version 3 of 3"));
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.back")), Qt::LeftButton);
        QCOMPARE(jsonOf(state).value(QStringLiteral("value")).toInt(), 8);
        QCOMPARE(difference->toPlainText(), QStringLiteral("value: 5 → 8"));
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.first")), Qt::LeftButton);
        QCOMPARE(jsonOf(state).value(QStringLiteral("value")).toInt(), 0);
        QVERIFY(!child<QToolButton>(&widget, QStringLiteral("replay.back"))->isEnabled());
        child<QSlider>(&widget, QStringLiteral("replay.slider"))->setValue(1);
        QCOMPARE(jsonOf(state).value(QStringLiteral("value")).toInt(), 5);
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.forward")), Qt::LeftButton);
        QCOMPARE(position->text(), QStringLiteral("Version 2 of 3"));
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.last")), Qt::LeftButton);
        QCOMPARE(jsonOf(state).value(QStringLiteral("value")).toInt(), 6);

        // Selecting an event in the history shows it whole and moves the replay there.
        auto *history = child<QTableView>(&widget, QStringLiteral("history"));
        history->selectRow(0);
        const QJsonObject shown = jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("history.json")));
        QCOMPARE(shown.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(shown.value(QStringLiteral("event")).toObject().value(QStringLiteral("Increased")).toObject().value(QStringLiteral("inc")).toInt(), 5);
        QCOMPARE(position->text(), QStringLiteral("Version 1 of 3"));
    }

    void replayWithoutDomainCode()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        widget.setStore(&store); // no domain: the events are shown, and why there is no state
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        QCOMPARE(widget.historyModel()->rowCount(), 3);
        QVERIFY(child<QLabel>(&widget, QStringLiteral("replay.note"))->text().contains(QStringLiteral("no domain code")));
        QVERIFY(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))->toPlainText().isEmpty());
        QVERIFY(child<QPlainTextEdit>(&widget, QStringLiteral("replay.event"))->toPlainText().contains(QStringLiteral("Decreased")));
        QVERIFY(!child<QPushButton>(&widget, QStringLiteral("commands.run"))->isEnabled());
    }

    void oldShapesSnapshotsAndTheHistoryCheck()
    {
        // An account stored in the first shapes, as evented wrote them: no event_version.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid account = QUuid::createUuid();
        const QString id = account.toString(QUuid::WithoutBraces);
        const QString insert = u"INSERT INTO " + schema.table(QStringLiteral("event"))
            + u" (entity_id, version, type_name, event, metadata) VALUES ('" + id + u"', %1, 'account', '%2', 'null')";
        EXEC(schema.db(), insert.arg(1).arg(uR"({"Created": {"id": "%1"}})"_s.arg(id)));
        EXEC(schema.db(), insert.arg(2).arg(uR"({"Deposited": {"id": "%1", "amount": 100}})"_s.arg(id)));
        EXEC(schema.db(), insert.arg(3).arg(uR"({"Withdrawn": {"id": "%1", "amount": 30}})"_s.arg(id)));
        const Domain domain = m_fixture.domain();
        EVENTED_VERIFY_OK(domain.takeSnapshot(store, QStringLiteral("account"), account).error());

        InspectorWidget widget;
        widget.setStore(&store, domain);
        widget.show();
        QVERIFY(await(widget.selectEntity(QStringLiteral("account"), account)));
        // The history shows the current shapes; the replay folds them and names the snapshot.
        QCOMPARE(widget.historyModel()->index(2, EventsModel::EventName).data().toString(), QStringLiteral("Debited"));
        auto *state = child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"));
        QCOMPARE(jsonOf(state).value(QStringLiteral("balance")).toInt(), 70);
        QCOMPARE(jsonOf(state).value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
        auto *note = child<QLabel>(&widget, QStringLiteral("replay.note"));
        QTRY_VERIFY2(note->text().contains(QStringLiteral("snapshot at version 3")), qPrintable(note->text()));
        QVERIFY2(!note->text().contains(QStringLiteral("stale")), qPrintable(note->text()));

        // The history check passes, then finds the snapshot made stale by hand.
        const auto check = [&widget](const char *expected) -> QString {
            QDialog *dialog = widget.checkHistory();
            if (!dialog)
                return QStringLiteral("no dialog");
            auto *summary = child<QLabel>(dialog, QStringLiteral("historyCheck.summary"));
            if (!QTest::qWaitFor([&] { return summary->text().contains(QLatin1StringView(expected)); }))
                return summary->text();
            const QString results = [dialog] {
                QStringList rows;
                auto *tree = child<QTreeWidget>(dialog, QStringLiteral("historyCheck.results"));
                for (QTreeWidgetItemIterator it(tree); *it; ++it)
                    rows.append((*it)->text(0) + u' ' + (*it)->text(4));
                return rows.join(u'\n');
            }();
            dialog->close();
            return results;
        };
        QString results = check("sound");
        QVERIFY2(results.contains(QStringLiteral("3 events, 1 entities, 1 snapshots compared")), qPrintable(results));
        EXEC(schema.db(), u"UPDATE " + schema.table(QStringLiteral("snapshot"))
                              + (schema.isSqlite() ? u" SET state = json_set(state, '$.balance', 71)"_s
                                                   : u" SET state = jsonb_set(state, '{balance}', '71')"_s));
        results = check("problem");
        QVERIFY2(results.contains(QStringLiteral("stale snapshot the snapshot differs from the fold in balance")), qPrintable(results));
        widget.refresh(); // the history is read again, and the load with it
        QVERIFY(await(widget.selectEntity(QStringLiteral("account"), account)));
        QTRY_VERIFY2(note->text().contains(QStringLiteral("stale")), qPrintable(note->text()));
    }

    void compareTwoVersions()
    {
        Inspected inspected;
        ModelTesters testers(&inspected.widget);
        QVERIFY(inspected.open(m_fixture));
        InspectorWidget &widget = inspected.widget;
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        auto *view = child<QTableView>(&widget, QStringLiteral("replay.compare"));
        QAbstractItemModel *model = view->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *with = child<QSpinBox>(&widget, QStringLiteral("replay.compareWith"));
        auto *note = child<QLabel>(&widget, QStringLiteral("replay.compareNote"));
        const auto cell = [model](int column) { return model->index(0, column).data().toString(); };
        const auto changed = [model] { return model->index(0, 1).data(Qt::UserRole + 1).toBool(); };

        // At first the state shown (after version 3: 6) beside the one before the first event.
        QCOMPARE(with->value(), 0);
        QCOMPARE(with->maximum(), 3);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(cell(0), QStringLiteral("value"));
        QCOMPARE(cell(1), QStringLiteral("0"));
        QCOMPARE(cell(2), QStringLiteral("6"));
        QVERIFY(changed());
        QVERIFY(model->index(0, 2).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Version 0"));
        QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Version 3"));
        QCOMPARE(note->text(), QStringLiteral("Fields that differ: 1"));

        // Another version to compare with; then the replay steps back to it: nothing differs.
        with->setValue(2);
        QCOMPARE(cell(1), QStringLiteral("8"));
        QCOMPARE(cell(2), QStringLiteral("6"));
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.back")), Qt::LeftButton);
        QCOMPARE(cell(2), QStringLiteral("8"));
        QVERIFY(!changed());
        QVERIFY(!model->index(0, 2).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Version 2"));
        QCOMPARE(note->text(), QStringLiteral("Fields that differ: 0"));

        // A new event keeps the version chosen; another entity starts from 0 again.
        QVERIFY(m_fixture.increase(inspected.store, counterId, 10));
        QCOMPARE(await(widget.pollNow()), 1);
        QTRY_COMPARE(with->maximum(), 4);
        QCOMPARE(with->value(), 2);
        const QUuid other = QUuid::createUuid();
        QVERIFY(m_fixture.increase(inspected.store, other, 7));
        QCOMPARE(await(widget.pollNow()), 1);
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), other)));
        QCOMPARE(with->value(), 0);
        QCOMPARE(cell(2), QStringLiteral("7"));
    }

    void searchEventPayloads()
    {
        Inspected inspected;
        ModelTesters testers(&inspected.widget);
        QVERIFY(inspected.open(m_fixture));
        InspectorWidget &widget = inspected.widget;
        for (int inc : {3, 4, 3})
            QVERIFY(m_fixture.increase(inspected.store, QUuid::createUuid(), inc));
        QVERIFY(await(widget.pollNow()) >= 0);
        QTRY_COMPARE(widget.logModel()->rowCount(), 6);

        // The events whose JSON contains the object typed, paged like the log.
        auto *contains = child<QLineEdit>(&widget, QStringLiteral("log.contains"));
        contains->setText(QStringLiteral(R"({"Increased": {"inc": 3}})"));
        Q_EMIT contains->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 3);
        for (const RecordedEvent &event : widget.logModel()->events())
            QCOMPARE(event.event.toObject().value(QStringLiteral("Increased")).toObject().value(QStringLiteral("inc")).toInt(), 3);
        QCOMPARE(widget.logModel()->filter().eventContains.size(), 1);

        // With another filter: both hold.
        auto *entity = child<QLineEdit>(&widget, QStringLiteral("log.entity"));
        entity->setText(counterId.toString());
        Q_EMIT entity->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 1);
        QCOMPARE(widget.logModel()->event(0).entityId, counterId);
        entity->clear();
        Q_EMIT entity->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 3);

        // A new event that matches comes in live; one that does not stays out.
        QVERIFY(m_fixture.increase(inspected.store, counterId, 3) && m_fixture.increase(inspected.store, counterId, 9));
        QCOMPARE(await(widget.pollNow()), 2);
        QTRY_COMPARE(widget.logModel()->rowCount(), 4);

        // Input that is not a JSON object says so, and the list stays as it was.
        auto *banner = child<QWidget>(&widget, QStringLiteral("banner"));
        auto *bannerText = child<QLabel>(&widget, QStringLiteral("banner.text"));
        contains->setText(QStringLiteral(R"({"Increased": )"));
        Q_EMIT contains->editingFinished();
        QVERIFY(banner->isVisible() || !widget.isVisible());
        QVERIFY2(bannerText->text().startsWith(QStringLiteral("The search is not JSON: ")), qPrintable(bannerText->text()));
        QCOMPARE(widget.logModel()->rowCount(), 4);
        contains->setText(QStringLiteral("[3]"));
        Q_EMIT contains->editingFinished();
        QVERIFY2(bannerText->text().startsWith(QStringLiteral("The search must be a JSON object")), qPrintable(bannerText->text()));
        QCOMPARE(widget.logModel()->rowCount(), 4);
        contains->setText(QStringLiteral(R"({"Increased": {"inc": 42}})"));
        Q_EMIT contains->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 0);
        contains->clear();
        Q_EMIT contains->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 8);
    }

    void lazyEntities()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QList<QUuid> ids;
        for (int i = 0; i < 35; ++i) {
            ids.append(QUuid::createUuid());
            for (int v = 0; v <= i % 3; ++v)
                QVERIFY(m_fixture.send(store, QStringLiteral("counter"), ids.last(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        }
        std::sort(ids.begin(), ids.end());
        EntitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoreReader reader; // destroyed before the models: nothing it reads arrives after them
        QCOMPARE(await(reader.open(&store)).kind(), Error::Kind::None);
        model.setPageSize(10);
        model.setQuery(&reader, QStringLiteral("counter"));
        QTRY_COMPARE(model.rowCount(), 10);
        QVERIFY(model.canFetchMore({}));
        fetchAll(model);
        QCOMPARE(model.rowCount(), 35);
        for (int row = 0; row < 35; ++row)
            QCOMPARE(model.entity(row).id, ids.at(row));

        model.sort(EntitiesModel::Version, Qt::DescendingOrder);
        QTRY_COMPARE(model.rowCount(), 10);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 35);
        for (int row = 1; row < 35; ++row)
            QVERIFY(model.entity(row - 1).version >= model.entity(row).version);
        QCOMPARE(model.entity(0).version, 3);

        model.sort(EntitiesModel::Id, Qt::DescendingOrder);
        fetchAll(model);
        QCOMPARE(model.entity(0).id, ids.last());

        const QString prefix = ids.at(7).toString(QUuid::WithoutBraces).left(6);
        model.setQuery(&reader, QStringLiteral("counter"), prefix.toUpper());
        QTRY_VERIFY(model.rowCount() >= 1);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.entity(row).id.toString(QUuid::WithoutBraces).startsWith(prefix));

        // A history load can be stopped: what was read stays, marked partial.
        const QUuid longOne = QUuid::createUuid();
        QList<RecordedEvent> events;
        for (int v = 1; v <= 2500; ++v) {
            RecordedEvent event;
            event.seqNo = 100000 + v;
            event.typeName = QStringLiteral("counter");
            event.entityId = longOne;
            event.version = v;
            event.event = QJsonObject{{QStringLiteral("Increased"),
                                       QJsonObject{{QStringLiteral("id"), longOne.toString(QUuid::WithoutBraces)},
                                                   {QStringLiteral("inc"), 1}}}};
            event.metadata = QJsonValue::Null;
            event.recordedAt = QDateTime::currentDateTimeUtc();
            events.append(event);
        }
        QCOMPARE(EventLog(&store).import(events).value(), 2500);
        EventsModel history(EventsModel::Order::OldestFirst);
        QAbstractItemModelTester historyTester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const EventFilter oneEntity = EventFilter::byEntity(QStringLiteral("counter"), longOne);
        QList<qint64> reported; // in the reader's thread, read here after the load
        QSignalSpy historyLoaded(&history, &EventsModel::loaded);
        history.setFilter(&reader, oneEntity, [&reported](qint64 loaded) {
            reported.append(loaded);
            return loaded < 2000;
        });
        QVERIFY(historyLoaded.wait());
        QCOMPARE(reported, (QList<qint64>{1000, 2000}));
        QVERIFY(history.isPartial());
        QCOMPARE(history.rowCount(), 2000);
        history.setFilter(&reader, oneEntity);
        QVERIFY(historyLoaded.wait());
        QVERIFY(!history.isPartial());
        QCOMPARE(history.rowCount(), 2500);

        // The log pages newest first.
        EventsModel log(EventsModel::Order::NewestFirst);
        QAbstractItemModelTester logTester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        log.setPageSize(20);
        log.setFilter(&reader, {});
        QTRY_COMPARE(log.rowCount(), 20);
        QSignalSpy logLoaded(&log, &EventsModel::loaded);
        while (log.canFetchMore({})) {
            log.fetchMore({});
            QVERIFY(logLoaded.wait());
        }
        QCOMPARE(log.rowCount(), 12 * 1 + 12 * 2 + 11 * 3 + 2500);
        for (int row = 1; row < log.rowCount(); ++row)
            QVERIFY(log.event(row - 1).seqNo > log.event(row).seqNo);
    }

    void pagesNeverOverlapWhileEntitiesChange()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        for (int i = 0; i < 35; ++i)
            QVERIFY(m_fixture.send(store, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        EntitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoreReader reader;
        model.setPageSize(10);
        QCOMPARE(await(reader.open(&store)).kind(), Error::Kind::None);
        model.setQuery(&reader, QStringLiteral("counter"));
        model.sort(EntitiesModel::LastChange, Qt::DescendingOrder);
        QTRY_COMPARE(model.rowCount(), 10);
        QVERIFY(m_fixture.send(store, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        fetchAll(model);
        QSet<QUuid> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.insert(model.entity(r).id);
        QCOMPARE(ids.size(), model.rowCount());
    }

    void filterWithoutIdCharactersMatchesNothing()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        EntitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoreReader reader;
        QCOMPARE(await(reader.open(&store)).kind(), Error::Kind::None);
        QSignalSpy fetched(&model, &EntitiesModel::fetched);
        model.setQuery(&reader, QStringLiteral("counter"), QStringLiteral("zzz"));
        QVERIFY(fetched.wait());
        QCOMPARE(model.rowCount(), 0);
    }

    void liveEntityTakesItsPlaceInTheSort()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        EntitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoreReader reader;
        QCOMPARE(await(reader.open(&store)).kind(), Error::Kind::None);
        model.setQuery(&reader, QStringLiteral("counter"));
        model.sort(EntitiesModel::LastChange, Qt::DescendingOrder);
        QTRY_COMPARE(model.rowCount(), 1);
        QObject::connect(&store, &EventStore::eventsCommitted, &model, &EntitiesModel::add);
        const QUuid fresh = QUuid::createUuid();
        QVERIFY(m_fixture.send(store, QStringLiteral("counter"), fresh, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QCOMPARE(model.rowOf(fresh), 0);
    }

    void syncStatusOfALinkedStore()
    {
        // A local SQLite store linked to an upstream PostgreSQL store: the inspector says what
        // is pending; a store without a link shows nothing of it.
        Schema upstream(Backend::PostgreSQL, {});
        QTemporaryDir dir;
        EventStore local;
        EVENTED_VERIFY_OK(local.open(u"sqlite:" + dir.filePath(QStringLiteral("local.db"))));
        SyncLink link;
        EVENTED_VERIFY_OK(link.link(&local, upstream.url()));
        link.setDomain(m_fixture.domain());
        const DomainResult sent = link.handle(QStringLiteral("counter"), counterId, QStringLiteral("Increase"),
                                              {{QStringLiteral("inc"), 2}});
        QVERIFY2(sent.isApplied(), qPrintable(sent.error.message()));

        InspectorWidget widget;
        widget.setPollInterval(50);
        widget.setStore(&local, m_fixture.domain());
        auto *label = child<QLabel>(&widget, QStringLiteral("syncStatus"));
        QTRY_VERIFY(!label->isHidden());
        QVERIFY2(label->text().contains(u"Pending commands: 1;"), qPrintable(label->text()));
        QVERIFY2(!label->text().contains(QStringLiteral("evented:evented")), qPrintable(label->text())); // no password shown

        Schema plain;
        EventStore unlinked;
        EVENTED_VERIFY_OK(unlinked.open(plain.url()));
        widget.setStore(&unlinked, m_fixture.domain());
        QTRY_VERIFY(label->isHidden());
    }

    void switchingStoresShowsOnlyTheNew()
    {
        Schema a, b;
        EventStore sa, sb;
        EVENTED_VERIFY_OK(sa.open(a.url()));
        EVENTED_VERIFY_OK(sb.open(b.url()));
        QVERIFY(m_fixture.seedCounter(sa));
        const QUuid y = QUuid::createUuid();
        QVERIFY(m_fixture.send(sb, QStringLiteral("counter"), y, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        InspectorWidget widget;
        widget.setPollInterval(0);
        widget.setStore(&sa, m_fixture.domain());
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        widget.setStore(&sb, m_fixture.domain());
        QCOMPARE(widget.historyModel()->rowCount(), 0);
        QTRY_VERIFY(widget.entitiesModel()->rowOf(y) >= 0);
        QCOMPARE(widget.historyModel()->rowCount(), 0);
    }

    void switchingTypeClearsHistory()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_fixture.domain().setUp(store));
        QVERIFY(m_fixture.seedCounter(store));
        QVERIFY(m_fixture.send(store, QStringLiteral("account"), QUuid::createUuid(), QStringLiteral("Create"), {}));
        InspectorWidget widget;
        widget.setPollInterval(0);
        widget.setStore(&store, m_fixture.domain());
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        child<QTableView>(&widget, QStringLiteral("types"))->selectRow(widget.entityTypesModel()->rowOf(QStringLiteral("account")));
        QCOMPARE(widget.historyModel()->rowCount(), 0);
    }

    void closingClearsEverything()
    {
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        widget.setStore(nullptr);
        QCOMPARE(widget.entityTypesModel()->rowCount(), 0);
    }

    void replaySurvivesADomainReplaced()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        widget.setPollInterval(0);
        {
            Domain d1;
            EVENTED_VERIFY_OK(d1.merge(m_fixture.domain()));
            widget.setStore(&store, d1);
        }
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        {
            Domain d2;
            EVENTED_VERIFY_OK(d2.merge(m_fixture.domain()));
            widget.setStore(&store, d2); // frees d1's data; the replay panel still points into it
        }
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.first")), Qt::LeftButton);
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.last")), Qt::LeftButton);
    }
};

QTEST_MAIN(tst_InspectorBrowse)
#include "tst_inspector_browse.moc"
