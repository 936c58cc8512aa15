// The inspector's real widgets, driven offscreen over real stores on both backends: browsing,
// replay, commands with their outcomes, live events from another connection, read-only mode,
// projections, the connect errors, and screenshots of the main views.

#include "testsupport.h"

#include <evented/domainplugins.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/inspector/dialogs.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/inspectorwindow.h>
#include <evented/inspector/models.h>
#include <evented/projection.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTranslator>

using namespace Evented;
using namespace Evented::Inspector;
using namespace TestSupport;

namespace {

const QUuid counterId = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-000000000001"));

QJsonObject jsonOf(const QPlainTextEdit *view)
{
    return QJsonDocument::fromJson(view->toPlainText().toUtf8()).object();
}

/*! Every model of the widget under QAbstractItemModelTester for the life of the test. */
struct ModelTesters
{
    explicit ModelTesters(InspectorWidget *widget)
    {
        const QList<QAbstractItemModel *> models{widget->entityTypesModel(), widget->entitiesModel(),
                                                 widget->historyModel(), widget->logModel(),
                                                 widget->projectionsModel()};
        for (QAbstractItemModel *model : models)
            testers.emplace_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

} // namespace

class tst_Inspector : public QObject
{
    Q_OBJECT

    DomainPlugins m_plugins;
    QString m_screenshots;

    Domain domain() const { return m_plugins.domain(); }

    /*! Handles a command through the domain and fails the test unless it is applied. */
    static bool send(const Domain &domain, EventStore &store, const QString &type, const QUuid &id, const QString &command,
                     const QJsonObject &parameters)
    {
        const DomainResult outcome = domain.handle(store, type, id, command, parameters);
        if (outcome.outcome != Outcome::Applied)
            qWarning() << "not applied:" << outcome.error.message() << outcome.rejectionName;
        return outcome.outcome == Outcome::Applied;
    }

    /*! A counter at 6 after +5, +3, -2. */
    bool seedCounter(EventStore &store)
    {
        return send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 5}})
            && send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 3}})
            && send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Decrease"), {{QStringLiteral("dec"), 2}});
    }

    /*! A store of the test's own with the counter at 6, shown in an inspector that reads only when told. */
    struct Inspected
    {
        Schema schema;
        EventStore store;
        InspectorWidget widget;
    };

    bool inspect(Inspected &inspected)
    {
        if (inspected.store.open(inspected.schema.url()).isError() || !seedCounter(inspected.store))
            return false;
        inspected.widget.setPollInterval(0);
        inspected.widget.setStore(&inspected.store, domain());
        return true;
    }

    template<typename T>
    static T *child(QWidget *parent, const QString &name)
    {
        T *found = parent->findChild<T *>(name);
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }

    void save(QWidget *widget, const QString &name)
    {
        widget->grab().save(m_screenshots + u'/' + name + QStringLiteral(".png"));
    }

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("evented-tests"));
        m_plugins.load({QStringLiteral(EVENTED_PLUGIN_DIR)});
        QVERIFY2(domain().entityType(QStringLiteral("counter")), "the counter plugin did not load");
        m_screenshots = QStringLiteral(SCREENSHOT_DIR);
        QDir().mkpath(m_screenshots);
    }

    void browseAndReplay()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));

        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setStore(&store, domain());
        widget.resize(1100, 700);
        widget.show();

        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QVERIFY(row >= 0);
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Entities).data().toString(), QStringLiteral("1"));
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Events).data().toString(), QStringLiteral("3"));
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
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
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        widget.setStore(&store); // no domain: the events are shown, and why there is no state
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        QCOMPARE(widget.historyModel()->rowCount(), 3);
        QVERIFY(child<QLabel>(&widget, QStringLiteral("replay.note"))->text().contains(QStringLiteral("no domain code")));
        QVERIFY(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))->toPlainText().isEmpty());
        QVERIFY(child<QPlainTextEdit>(&widget, QStringLiteral("replay.event"))->toPlainText().contains(QStringLiteral("Decreased")));
        QVERIFY(!child<QPushButton>(&widget, QStringLiteral("commands.run"))->isEnabled());
    }

    void commands()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, domain());
        widget.resize(1100, 700);
        widget.show();
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        child<QTabWidget>(&widget, QStringLiteral("entityTabs"))->setCurrentIndex(2);

        auto *list = child<QComboBox>(&widget, QStringLiteral("commands.list"));
        auto *run = child<QPushButton>(&widget, QStringLiteral("commands.run"));
        auto *outcome = child<QPlainTextEdit>(&widget, QStringLiteral("commands.outcome"));
        QCOMPARE(list->count(), 2);

        // Applied: the new event is shown, in the history, the entity's row and the replay.
        list->setCurrentIndex(list->findData(QStringLiteral("Increase")));
        auto *inc = child<QLineEdit>(&widget, QStringLiteral("param.inc"));
        QCOMPARE(inc->text(), QStringLiteral("1")); // the command's default
        inc->setText(QStringLiteral("4"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied: 1 new event(s); the entity is at version 4.")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"Increased\":{")));
        QCOMPARE(widget.historyModel()->rowCount(), 4);
        const int row = widget.entitiesModel()->rowOf(counterId);
        QCOMPARE(widget.entitiesModel()->index(row, EntitiesModel::Version).data().toString(), QStringLiteral("4"));
        QCOMPARE(jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))).value(QStringLiteral("value")).toInt(), 10);
        save(&widget, QStringLiteral("commands"));

        // Rejected: the domain's rejection is shown and nothing is written.
        list->setCurrentIndex(list->findData(QStringLiteral("Decrease")));
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QStringLiteral("100"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Rejected by the domain: Underflow")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"value\": 10")));
        QCOMPARE(widget.historyModel()->rowCount(), 4);

        // A version conflict: another connection wrote since the entity was shown.
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        QVERIFY(send(domain(), other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QStringLiteral("1"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Version conflict:")), qPrintable(outcome->toPlainText()));
        QCOMPARE(EventLog(&store).stats()->events, 5);
        // Once the other event is in, the same command applies at version 6.
        QCOMPARE(widget.pollNow(), 1);
        QCOMPARE(widget.historyModel()->rowCount(), 5);
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().contains(QStringLiteral("version 6")), qPrintable(outcome->toPlainText()));

        // Bad input is refused before anything runs.
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QString());
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Not run:")), qPrintable(outcome->toPlainText()));

        // A new entity: a fresh id, and the entity appears in the list.
        auto *newEntity = child<QCheckBox>(&widget, QStringLiteral("commands.newEntity"));
        newEntity->setChecked(true);
        const QUuid fresh = QUuid::fromString(child<QLineEdit>(&widget, QStringLiteral("commands.id"))->text());
        QVERIFY(!fresh.isNull());
        list->setCurrentIndex(list->findData(QStringLiteral("Increase")));
        child<QLineEdit>(&widget, QStringLiteral("param.inc"))->setText(QStringLiteral("7"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));
        QVERIFY(widget.entitiesModel()->rowOf(fresh) >= 0);
        QCOMPARE(widget.entityTypesModel()->index(widget.entityTypesModel()->rowOf(QStringLiteral("counter")),
                                                  EntityTypesModel::Entities).data().toString(), QStringLiteral("2"));
    }

    void accountsThroughTheForms()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(!domain().setUp(store).isError());
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, domain());
        widget.show();
        auto *types = child<QTableView>(&widget, QStringLiteral("types"));
        types->selectRow(widget.entityTypesModel()->rowOf(QStringLiteral("account")));
        auto *list = child<QComboBox>(&widget, QStringLiteral("commands.list"));
        auto *run = child<QPushButton>(&widget, QStringLiteral("commands.run"));
        auto *outcome = child<QPlainTextEdit>(&widget, QStringLiteral("commands.outcome"));
        QCOMPARE(list->count(), 3);

        // A new account, created and funded through the forms.
        child<QCheckBox>(&widget, QStringLiteral("commands.newEntity"))->setChecked(true);
        const QUuid id = QUuid::fromString(child<QLineEdit>(&widget, QStringLiteral("commands.id"))->text());
        list->setCurrentIndex(list->findData(QStringLiteral("Create")));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));
        QVERIFY(widget.selectEntity(QStringLiteral("account"), id));
        list->setCurrentIndex(list->findData(QStringLiteral("Deposit")));
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("100"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));

        // Withdrawing more than the balance: the domain's rejection, and nothing written.
        list->setCurrentIndex(list->findData(QStringLiteral("Withdraw")));
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("500"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Rejected by the domain: InsufficientBalance")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"balance\": 100")));
        QCOMPARE(widget.historyModel()->rowCount(), 2);
        const QJsonObject state = jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state")));
        QCOMPARE(state.value(QStringLiteral("balance")).toInteger(), 100);
        QCOMPARE(state.value(QStringLiteral("open")).toBool(), true);
    }

    void liveFromAnotherConnection()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(50);
        widget.setStore(&store, domain());
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        auto *entities = child<QTableView>(&widget, QStringLiteral("entities"));
        QCOMPARE(widget.logModel()->rowCount(), 3);

        // Another connection (as another process would) adds an entity and changes the selected one.
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        const QUuid second = QUuid::createUuid();
        QVERIFY(send(domain(), other, QStringLiteral("counter"), second, QStringLiteral("Increase"), {{QStringLiteral("inc"), 2}}));
        QVERIFY(send(domain(), other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 9}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 5);
        QCOMPARE(widget.logModel()->event(0).entityId, counterId); // newest first
        QTRY_VERIFY(widget.entitiesModel()->rowOf(second) >= 0);
        QCOMPARE(widget.historyModel()->rowCount(), 4);
        // The selection stayed on the same entity, now at version 4, and the replay followed it.
        const QModelIndexList selected = entities->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(widget.entitiesModel()->entity(selected.first().row()).id, counterId);
        QCOMPARE(widget.entitiesModel()->entity(selected.first().row()).version, 4);
        QCOMPARE(jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))).value(QStringLiteral("value")).toInt(), 15);

        // This process's own commits arrive through the signal, each once.
        QVERIFY(send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QCOMPARE(widget.logModel()->rowCount(), 6);
        QCOMPARE(widget.pollNow(), 0);
        QCOMPARE(widget.logModel()->rowCount(), 6);
    }

    void liveByNotification()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        if (isSqlite()) {
            QVERIFY(!store.listenForCommits());
            QSKIP("SQLite has no notifications: the inspector polls it (liveFromAnotherConnection)");
        }
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        widget.setPollInterval(0); // no polling: only the notification can bring the event
        widget.setStore(&store, domain());
        QCOMPARE(widget.logModel()->rowCount(), 3);
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        QVERIFY(send(domain(), other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"),
                     {{QStringLiteral("inc"), 1}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 4);
    }

    void readOnly()
    {
        Schema schema;
        {
            EventStore writer;
            QVERIFY(!writer.open(schema.url()).isError());
            QVERIFY(seedCounter(writer));
        }
        InspectorWindow window(m_plugins);
        QVERIFY(!window.openStore(schema.url(), true, false).isError());
        QVERIFY(window.isReadOnly());
        InspectorWidget *widget = window.inspector();
        QVERIFY(widget->selectEntity(QStringLiteral("counter"), counterId));
        QVERIFY(!child<QPushButton>(widget, QStringLiteral("commands.run"))->isEnabled());
        QVERIFY(child<QLabel>(widget, QStringLiteral("commands.note"))->text().startsWith(QStringLiteral("Read-only")));
        QVERIFY(!child<QPushButton>(widget, QStringLiteral("projections.rebuild"))->isEnabled());
        // Not only the buttons: the store's connection refuses writes, and nothing is added.
        const DomainResult outcome = domain().handle(*window.store(), QStringLiteral("counter"), counterId,
                                                      QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}});
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::Database);
        if (!isSqlite())
            QCOMPARE(outcome.error.sqlState(), QStringLiteral("25006")); // read_only_sql_transaction
        QCOMPARE(EventLog(window.store()).stats()->events, 3);
    }

    void lazyEntities()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QList<QUuid> ids;
        for (int i = 0; i < 35; ++i) {
            ids.append(QUuid::createUuid());
            for (int v = 0; v <= i % 3; ++v)
                QVERIFY(send(domain(), store, QStringLiteral("counter"), ids.last(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        }
        std::sort(ids.begin(), ids.end());
        EntitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(10);
        model.setQuery(&store, QStringLiteral("counter"));
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(model.canFetchMore({}));
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 35);
        for (int row = 0; row < 35; ++row)
            QCOMPARE(model.entity(row).id, ids.at(row));

        model.sort(EntitiesModel::Version, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 10);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 35);
        for (int row = 1; row < 35; ++row)
            QVERIFY(model.entity(row - 1).version >= model.entity(row).version);
        QCOMPARE(model.entity(0).version, 3);

        model.sort(EntitiesModel::Id, Qt::DescendingOrder);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.entity(0).id, ids.last());

        const QString prefix = ids.at(7).toString(QUuid::WithoutBraces).left(6);
        model.setQuery(&store, QStringLiteral("counter"), prefix.toUpper());
        QVERIFY(model.rowCount() >= 1);
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
        QList<qint64> reported;
        history.setFilter(&store, oneEntity, [&reported](qint64 loaded) {
            reported.append(loaded);
            return loaded < 2000;
        });
        QCOMPARE(reported, (QList<qint64>{1000, 2000}));
        QVERIFY(history.isPartial());
        QCOMPARE(history.rowCount(), 2000);
        history.setFilter(&store, oneEntity);
        QVERIFY(!history.isPartial());
        QCOMPARE(history.rowCount(), 2500);

        // The log pages newest first.
        EventsModel log(EventsModel::Order::NewestFirst);
        QAbstractItemModelTester logTester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        log.setPageSize(20);
        log.setFilter(&store, {});
        QCOMPARE(log.rowCount(), 20);
        while (log.canFetchMore({}))
            log.fetchMore({});
        QCOMPARE(log.rowCount(), 12 * 1 + 12 * 2 + 11 * 3 + 2500);
        for (int row = 1; row < log.rowCount(); ++row)
            QVERIFY(log.event(row - 1).seqNo > log.event(row).seqNo);
    }

    void projections()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(!domain().setUp(store).isError());
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setStore(&store, domain());
        widget.resize(1100, 500);
        widget.show();

        // Rebuilding runs the plugin's projection here until it has caught up.
        Projection seed(&store, QStringLiteral("counter"));
        QVERIFY(!seed.reset(false).isError()); // makes the projection known with position 0
        auto *panel = child<QWidget>(&widget, QStringLiteral("projectionsPanel"));
        child<QTabWidget>(&widget, QStringLiteral("tabs"))->setCurrentWidget(panel);
        child<QPushButton>(panel, QStringLiteral("projections.refresh"))->click();
        QCOMPARE(widget.projectionsModel()->rowCount(), 1);
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(0);
        auto *rebuild = child<QPushButton>(panel, QStringLiteral("projections.rebuild"));
        QVERIFY(rebuild->isEnabled());
        QMetaObject::invokeMethod(panel, "rebuildSelected", Q_ARG(bool, false));
        QCOMPARE(widget.projectionsModel()->state(0).seqNo, EventLog(&store).stats()->head);
        QCOMPARE(widget.projectionsModel()->index(0, ProjectionsModel::Lag).data().toString(), QStringLiteral("0"));
        QCOMPARE(scalar(schema.db(), u"SELECT value FROM " + schema.table(QStringLiteral("counter_projection"))).toLongLong(), 6);
        save(&widget, QStringLiteral("projections"));
    }

    void connectErrors()
    {
        InspectorWindow window(m_plugins);
        // Refused: nothing listens on port 1.
        Error error = window.openStore(QStringLiteral("postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2"), false, false);
        QCOMPARE(error.kind(), Error::Kind::ConnectionFailed);
        QVERIFY(!window.store());
        // A missing SQLite file is not created without asking.
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.db"));
        error = window.openStore(u"sqlite:" + missing, false, false);
        QCOMPARE(error.kind(), Error::Kind::NoStore);
        QVERIFY(!QFileInfo::exists(missing));
        // Not an event store: an empty database is not changed without asking.
        Schema empty;
        error = window.openStore(empty.url(), false, false);
        QCOMPARE(error.kind(), Error::Kind::NoStore);
        // A newer schema than this library's.
        Schema newer;
        {
            EventStore store;
            QVERIFY(!store.open(newer.url()).isError());
        }
        EXEC(newer.db(), u"INSERT INTO " + newer.table(QStringLiteral("evented_migrations")) + u" (version) VALUES (99)");
        error = window.openStore(newer.url(), false, false);
        QCOMPARE(error.kind(), Error::Kind::Schema);
        QVERIFY(!window.store());
        // The window stays usable: a good store opens after the failures.
        Schema good;
        {
            EventStore store;
            QVERIFY(!store.open(good.url()).isError());
            QVERIFY(seedCounter(store));
        }
        QVERIFY(!window.openStore(good.url(), false, false).isError());
        QVERIFY(window.inspector()->selectEntity(QStringLiteral("counter"), counterId));
    }

    void connectDialog()
    {
        ConnectDialog dialog;
        dialog.setUrl(QStringLiteral("postgresql://ann:secret@db.example:5433/shop?schema=sales"), true);
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("host"))->text(), QStringLiteral("db.example"));
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("schema"))->text(), QStringLiteral("sales"));
        QVERIFY(dialog.isReadOnly());
        QCOMPARE(dialog.url(), QStringLiteral("postgresql://ann:secret@db.example:5433/shop?schema=sales&read_only=true"));
        // Remembered without the password.
        ConnectDialog::remember(dialog.url());
        QCOMPARE(ConnectDialog::recentUrls().first(),
                 QStringLiteral("postgresql://ann@db.example:5433/shop?schema=sales&read_only=true"));
        // Options without a field of their own are kept; a password given as an option fills the
        // password field, and is not remembered.
        dialog.setUrl(QStringLiteral("postgresql://ann@db.example/shop?sslmode=require&password=secret&connect_timeout=5"));
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("password"))->text(), QStringLiteral("secret"));
        QCOMPARE(dialog.url(), QStringLiteral("postgresql://ann:secret@db.example:5432/shop?sslmode=require&connect_timeout=5"));
        QCOMPARE(ConnectDialog::withoutPassword(QStringLiteral("postgresql://ann:pw@h/db?password=secret&sslmode=require")),
                 QStringLiteral("postgresql://ann@h/db?sslmode=require"));
        dialog.setUrl(QStringLiteral("sqlite:/tmp/store.db"));
        QCOMPARE(dialog.url(), QStringLiteral("sqlite:/tmp/store.db"));
        QVERIFY(!dialog.isReadOnly());
    }

    void translatedInterface_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("entities");
        QTest::addColumn<QString>("noStore");
        QTest::addColumn<QString>("withdraw");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Entitäten")
                            << QStringLiteral("Schema main enthält keinen Event-Store") << QStringLiteral("Abheben");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Entités")
                            << QStringLiteral("le schéma main ne contient aucun magasin d’événements") << QStringLiteral("Retirer");
    }

    void translatedInterface()
    {
        QFETCH(QString, language);
        QFETCH(QString, entities);
        QFETCH(QString, noStore);
        QFETCH(QString, withdraw);
        // The inspector's catalogue, the library's and a plugin's, all embedded.
        QTranslator inspector;
        QTranslator library;
        QTranslator plugin;
        QVERIFY(inspector.load(u":/i18n/evented-inspector_" + language + u".qm"));
        QVERIFY(library.load(u":/i18n/evented_" + language + u".qm"));
        QVERIFY(plugin.load(u":/i18n/evented-accounts_" + language + u".qm"));
        for (QTranslator *translator : {&inspector, &library, &plugin})
            QCoreApplication::installTranslator(translator);
        InspectorWidget widget;
        const QString shown = child<QTabWidget>(&widget, QStringLiteral("tabs"))->tabText(0);
        EventStore store;
        const Error error = store.open(QStringLiteral("sqlite::memory:?migrate=false"));
        const QString command = QCoreApplication::translate("Evented::Accounts", "Withdraw");
        for (QTranslator *translator : {&inspector, &library, &plugin})
            QCoreApplication::removeTranslator(translator);
        QCOMPARE(shown, entities);
        QCOMPARE(command, withdraw);
        QVERIFY2(error.message().startsWith(noStore, Qt::CaseInsensitive), qPrintable(error.message()));
    }

    void screenshots()
    {
        if (isSqlite())
            QSKIP("taken once, on PostgreSQL");
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(!domain().setUp(store).isError());
        QVERIFY(seedCounter(store));
        for (int i = 0; i < 12; ++i)
            QVERIFY(send(domain(), store, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"),
                         {{QStringLiteral("inc"), i + 1}}));
        InspectorWindow window(m_plugins);
        QVERIFY(!window.openStore(schema.url(), false, false).isError());
        window.resize(1200, 720);
        window.show();
        InspectorWidget *widget = window.inspector();
        QVERIFY(widget->selectEntity(QStringLiteral("counter"), counterId));
        child<QTableView>(widget, QStringLiteral("history"))->selectRow(1);
        auto *entityTabs = child<QTabWidget>(widget, QStringLiteral("entityTabs"));
        save(&window, QStringLiteral("history"));
        entityTabs->setCurrentIndex(1);
        save(&window, QStringLiteral("replay"));
        entityTabs->setCurrentIndex(2);
        child<QLineEdit>(widget, QStringLiteral("param.inc"))->setText(QStringLiteral("4"));
        QTest::mouseClick(child<QPushButton>(widget, QStringLiteral("commands.run")), Qt::LeftButton);
        save(&window, QStringLiteral("commands-panel"));
        auto *tabs = child<QTabWidget>(widget, QStringLiteral("tabs"));
        tabs->setCurrentIndex(1);
        child<QTableView>(widget, QStringLiteral("log"))->selectRow(0);
        save(&window, QStringLiteral("log"));
        ConnectDialog connect(&window);
        connect.setUrl(QStringLiteral("postgresql://app@localhost:5432/shop?schema=public"));
        connect.resize(520, 420);
        save(&connect, QStringLiteral("connect"));
        PluginsDialog plugins(m_plugins.records(), {QStringLiteral(EVENTED_PLUGIN_DIR)}, &window);
        save(&plugins, QStringLiteral("plugins"));
        for (const char *name : {"history", "replay", "commands-panel", "log", "connect", "plugins"})
            QVERIFY(QFileInfo(m_screenshots + u'/' + QLatin1StringView(name) + QStringLiteral(".png")).size() > 1000);
    }
    void liveBurstThenOwnCommit()
    {
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        for (int i = 0; i < 100; ++i)
            QVERIFY(send(domain(), other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        // own commit before the next poll
        QVERIFY(send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        widget.pollNow();
        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QCOMPARE(widget.logModel()->rowCount(), 104);
        QCOMPARE(widget.entityTypesModel()->stats(row).events, 104);
        QCOMPARE(widget.entityTypesModel()->stats(row).entities, 101);
    }

    void liveLateCommit()
    {
        POSTGRESQL_ONLY("late commits");
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        QSqlDatabase raw = rawConnection();
        EXEC(raw, QStringLiteral("BEGIN"));
        EXEC(raw, u"INSERT INTO " + schema.table(QStringLiteral("event")) + u" (entity_id, version, type_name, event, metadata) VALUES ('" + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'counter', '{\"Increased\":{\"inc\":1}}', 'null')");
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        for (int i = 0; i < 70; ++i)
            QVERIFY(send(domain(), other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        // The commit order waits for the open transaction; what came after is shown all the same.
        widget.pollNow();
        QCOMPARE(widget.logModel()->rowCount(), 73);
        EXEC(raw, QStringLiteral("COMMIT"));
        widget.pollNow();
        QCOMPARE(widget.logModel()->rowCount(), 74);
        QCOMPARE(widget.pollNow(), 0); // and each once
        closeConnection(raw);
    }

    void undecodableEventIsShownAsText()
    {
        if (!isSqlite())
            QSKIP("PostgreSQL's jsonb holds only valid JSON");
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) VALUES ('"
                              + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'counter', '{broken', 'null')");
        QCOMPARE(widget.pollNow(), 1);
        QCOMPARE(widget.logModel()->event(0).event, QJsonValue(QStringLiteral("{broken")));
        // The poll goes on past it.
        QVERIFY(send(domain(), store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QCOMPARE(widget.logModel()->rowCount(), 5);
        QCOMPARE(widget.pollNow(), 0);
    }

    void refreshCountsOnce()
    {
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        QVERIFY(send(domain(), other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        widget.refresh();
        widget.pollNow();
        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Events).data().toString(), QStringLiteral("4"));
    }

    void refreshReloadsHistory()
    {
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        EventStore other;
        QVERIFY(!other.open(schema.url()).isError());
        QVERIFY(send(domain(), other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        widget.refresh();
        QCOMPARE(widget.historyModel()->rowCount(), 4);
    }

    void switchingStoresShowsOnlyTheNew()
    {
        Schema a, b;
        EventStore sa, sb;
        QVERIFY(!sa.open(a.url()).isError());
        QVERIFY(!sb.open(b.url()).isError());
        QVERIFY(seedCounter(sa));
        const QUuid y = QUuid::createUuid();
        QVERIFY(send(domain(), sb, QStringLiteral("counter"), y, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        InspectorWidget widget;
        widget.setPollInterval(0);
        widget.setStore(&sa, domain());
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        widget.setStore(&sb, domain());
        QVERIFY(widget.entitiesModel()->rowOf(y) >= 0);
        QCOMPARE(widget.historyModel()->rowCount(), 0);
    }

    void switchingTypeClearsHistory()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(!domain().setUp(store).isError());
        QVERIFY(seedCounter(store));
        QVERIFY(send(domain(), store, QStringLiteral("account"), QUuid::createUuid(), QStringLiteral("Create"), {}));
        InspectorWidget widget;
        widget.setPollInterval(0);
        widget.setStore(&store, domain());
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        child<QTableView>(&widget, QStringLiteral("types"))->selectRow(widget.entityTypesModel()->rowOf(QStringLiteral("account")));
        QCOMPARE(widget.historyModel()->rowCount(), 0);
    }

    void closingClearsEverything()
    {
        Inspected inspected;
        QVERIFY(inspect(inspected));
        auto &[schema, store, widget] = inspected;
        widget.setStore(nullptr);
        QCOMPARE(widget.entityTypesModel()->rowCount(), 0);
    }

    void pagesNeverOverlapWhileEntitiesChange()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        for (int i = 0; i < 35; ++i)
            QVERIFY(send(domain(), store, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        EntitiesModel model;
        model.setPageSize(10);
        model.setQuery(&store, QStringLiteral("counter"));
        model.sort(EntitiesModel::LastChange, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(send(domain(), store, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        while (model.canFetchMore({}))
            model.fetchMore({});
        QSet<QUuid> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.insert(model.entity(r).id);
        QCOMPARE(ids.size(), model.rowCount());
    }

    void filterWithoutIdCharactersMatchesNothing()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        EntitiesModel model;
        model.setQuery(&store, QStringLiteral("counter"), QStringLiteral("zzz"));
        QCOMPARE(model.rowCount(), 0);
    }

    void liveEntityTakesItsPlaceInTheSort()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        EntitiesModel model;
        model.setQuery(&store, QStringLiteral("counter"));
        model.sort(EntitiesModel::LastChange, Qt::DescendingOrder);
        QObject::connect(&store, &EventStore::eventsCommitted, &model, &EntitiesModel::add);
        const QUuid fresh = QUuid::createUuid();
        QVERIFY(send(domain(), store, QStringLiteral("counter"), fresh, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QCOMPARE(model.rowOf(fresh), 0);
    }
    void replaySurvivesADomainReplaced()
    {
        Schema schema;
        EventStore store;
        QVERIFY(!store.open(schema.url()).isError());
        QVERIFY(seedCounter(store));
        InspectorWidget widget;
        widget.setPollInterval(0);
        {
            Domain d1;
            QVERIFY(!d1.merge(domain()).isError());
            widget.setStore(&store, d1);
        }
        QVERIFY(widget.selectEntity(QStringLiteral("counter"), counterId));
        {
            Domain d2;
            QVERIFY(!d2.merge(domain()).isError());
            widget.setStore(&store, d2); // frees d1's data; the replay panel still points into it
        }
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.first")), Qt::LeftButton);
        QTest::mouseClick(child<QToolButton>(&widget, QStringLiteral("replay.last")), Qt::LeftButton);
    }
};

QTEST_MAIN(tst_Inspector)
#include "tst_inspector.moc"
