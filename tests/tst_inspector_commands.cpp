// The inspector's writes on both backends: commands with their outcomes (applied, rejected,
// version conflict, bad input, a new entity), entity parameters picked from a list, the events
// of a command and of a correlation in the log, the host store's own listeners, read-only
// mode, and the projections: rebuilt beside their views (verified, swapped) or in place, started
// and stopped here, their parked events re-run.

#include "inspectorsupport.h"
#include "seentable.h"
#include "testcounter.h"

#include <evented/inspector/inspectorwindow.h>
#include <evented/projection.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

namespace {

/*! Shows \a widget on \a store with \a domain, at its Projections tab; the panel. What is shown
    follows the running projections' own states (no polling). */
QWidget *showProjections(InspectorWidget &widget, EventStore &store, const Domain &domain)
{
    widget.setPollInterval(0);
    widget.setStore(&store, domain);
    widget.resize(1100, 700);
    widget.show();
    auto *panel = child<QWidget>(&widget, QStringLiteral("projectionsPanel"));
    child<QTabWidget>(&widget, QStringLiteral("tabs"))->setCurrentWidget(panel);
    return panel;
}
/*! A command of the host's own domain, as a form shows it. */
struct Bump
{
    Q_GADGET
    Q_PROPERTY(quint64 by MEMBER by)
public:
    quint64 by = 1;
    Evented::Decision<TestDomain::Counter> handle(const QUuid &id, const TestDomain::Counter &) const
    {
        return TestDomain::Increased{id, by};
    }
};
} // namespace

class tst_InspectorCommands : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

    /*! Clicks Run and waits for the outcome, which runs in the inspector's reader thread. */
    static void runCommand(QPushButton *run, QPlainTextEdit *outcome)
    {
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([outcome] { return !outcome->toPlainText().startsWith(QStringLiteral("Running")); }));
    }

    /*! The panel's question \a name once it is shown, or null. */
    static QMessageBox *question(QWidget *panel, const QString &name)
    {
        QMessageBox *box = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            const QList<QMessageBox *> boxes = panel->findChildren<QMessageBox *>(name);
            const auto visible = std::find_if(boxes.cbegin(), boxes.cend(), [](QMessageBox *b) { return b->isVisible(); });
            box = visible == boxes.cend() ? nullptr : *visible;
            return box != nullptr;
        });
        return shown ? box : nullptr;
    }

    /*! Whether the panel shows question \a name. */
    static bool asks(QWidget *panel, const QString &name)
    {
        const QList<QMessageBox *> boxes = panel->findChildren<QMessageBox *>(name);
        return std::any_of(boxes.cbegin(), boxes.cend(), [](QMessageBox *b) { return b->isVisible(); });
    }

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void commands()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, m_fixture.domain());
        widget.resize(1100, 700);
        widget.show();
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
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
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied: 1 new event(s); the entity is at version 4.")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"Increased\":{")));
        QCOMPARE(widget.historyModel()->rowCount(), 4);
        const int row = widget.entitiesModel()->rowOf(counterId);
        QCOMPARE(widget.entitiesModel()->index(row, EntitiesModel::Version).data().toString(), QStringLiteral("4"));
        QCOMPARE(jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))).value(QStringLiteral("value")).toInt(), 10);

        // Rejected: the domain's rejection is shown and nothing is written.
        list->setCurrentIndex(list->findData(QStringLiteral("Decrease")));
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QStringLiteral("100"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Rejected by the domain: Underflow")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"value\": 10")));
        QCOMPARE(widget.historyModel()->rowCount(), 4);

        // A version conflict: another connection wrote since the entity was shown.
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QStringLiteral("1"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Version conflict:")), qPrintable(outcome->toPlainText()));
        QCOMPARE(EventLog(&store).stats()->events, 5);
        // Once the other event is in, the same command applies at version 6.
        // It comes by the notification (PostgreSQL) or by this poll, once.
        QVERIFY(await(widget.pollNow()) <= 1);
        QTRY_COMPARE(widget.historyModel()->rowCount(), 5);
        QCOMPARE(widget.entityTypesModel()->stats(widget.entityTypesModel()->rowOf(QStringLiteral("counter"))).events, 5);
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().contains(QStringLiteral("version 6")), qPrintable(outcome->toPlainText()));

        // Bad input is refused before anything runs.
        child<QLineEdit>(&widget, QStringLiteral("param.dec"))->setText(QString());
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Not run:")), qPrintable(outcome->toPlainText()));

        // A new entity: a fresh id, and the entity appears in the list.
        auto *newEntity = child<QCheckBox>(&widget, QStringLiteral("commands.newEntity"));
        newEntity->setChecked(true);
        const QUuid fresh = QUuid::fromString(child<QLineEdit>(&widget, QStringLiteral("commands.id"))->text());
        QVERIFY(!fresh.isNull());
        list->setCurrentIndex(list->findData(QStringLiteral("Increase")));
        child<QLineEdit>(&widget, QStringLiteral("param.inc"))->setText(QStringLiteral("7"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));
        QVERIFY(widget.entitiesModel()->rowOf(fresh) >= 0);
        QCOMPARE(widget.entityTypesModel()->index(widget.entityTypesModel()->rowOf(QStringLiteral("counter")),
                                                  EntityTypesModel::Entities).data().toString(), QStringLiteral("2"));
    }

    void accountsThroughTheForms()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_fixture.domain().setUp(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, m_fixture.domain());
        widget.show();
        auto *types = child<QTableView>(&widget, QStringLiteral("types"));
        QTRY_VERIFY(widget.entityTypesModel()->rowOf(QStringLiteral("account")) >= 0);
        types->selectRow(widget.entityTypesModel()->rowOf(QStringLiteral("account")));
        auto *list = child<QComboBox>(&widget, QStringLiteral("commands.list"));
        auto *run = child<QPushButton>(&widget, QStringLiteral("commands.run"));
        auto *outcome = child<QPlainTextEdit>(&widget, QStringLiteral("commands.outcome"));
        QCOMPARE(list->count(), 4);

        // A new account, created and funded through the forms.
        child<QCheckBox>(&widget, QStringLiteral("commands.newEntity"))->setChecked(true);
        const QUuid id = QUuid::fromString(child<QLineEdit>(&widget, QStringLiteral("commands.id"))->text());
        list->setCurrentIndex(list->findData(QStringLiteral("Create")));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));
        QVERIFY(await(widget.selectEntity(QStringLiteral("account"), id)));
        list->setCurrentIndex(list->findData(QStringLiteral("Deposit")));
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("100"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));

        // Withdrawing more than the balance: the domain's rejection, and nothing written.
        list->setCurrentIndex(list->findData(QStringLiteral("Withdraw")));
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("500"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Rejected by the domain: InsufficientBalance")),
                 qPrintable(outcome->toPlainText()));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"balance\": 100")));
        QCOMPARE(widget.historyModel()->rowCount(), 2);
        const QJsonObject state = jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state")));
        QCOMPARE(state.value(QStringLiteral("balance")).toInteger(), 100);
        QCOMPARE(state.value(QStringLiteral("open")).toBool(), true);
    }

    void entityPicker()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_fixture.domain().setUp(store));
        const QUuid from = QUuid::createUuid();
        const QUuid to = QUuid::createUuid();
        const QUuid closed = QUuid::createUuid();
        for (const QUuid &id : {from, to})
            QVERIFY(m_fixture.send(store, QStringLiteral("account"), id, QStringLiteral("Create"), {}));
        QVERIFY(m_fixture.send(store, QStringLiteral("account"), from, QStringLiteral("Deposit"), {{QStringLiteral("amount"), 100}}));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, m_fixture.domain());
        widget.resize(1100, 700);
        widget.show();
        QVERIFY(await(widget.selectEntity(QStringLiteral("account"), from)));
        auto *list = child<QComboBox>(&widget, QStringLiteral("commands.list"));
        auto *run = child<QPushButton>(&widget, QStringLiteral("commands.run"));
        auto *outcome = child<QPlainTextEdit>(&widget, QStringLiteral("commands.outcome"));

        // The recipient is picked from the accounts, read in the reader's thread; nothing is
        // picked until asked.
        list->setCurrentIndex(list->findData(QStringLiteral("Transfer")));
        auto *picker = child<QComboBox>(&widget, QStringLiteral("param.to"));
        QVERIFY(picker->isEditable());
        QTRY_COMPARE(picker->count(), 2);
        QCOMPARE(picker->currentText(), QString());
        QVERIFY(picker->findText(to.toString(QUuid::WithoutBraces)) >= 0);
        QVERIFY(picker->findText(from.toString(QUuid::WithoutBraces)) >= 0);
        picker->setCurrentIndex(picker->findText(to.toString(QUuid::WithoutBraces)));
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("30"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied: 2 new event(s)")), qPrintable(outcome->toPlainText()));
        // The outcome's events name their command and correlation.
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"causation_id\"")));
        QVERIFY(outcome->toPlainText().contains(QStringLiteral("\"correlation_id\"")));
        QCOMPARE(jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))).value(QStringLiteral("balance")).toInteger(), 70);

        // A typed id is taken too, in any of QUuid's spellings; one that is not an id is refused.
        picker->setEditText(to.toString(QUuid::WithBraces).toUpper());
        child<QLineEdit>(&widget, QStringLiteral("param.amount"))->setText(QStringLiteral("5"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied: 2 new event(s)")), qPrintable(outcome->toPlainText()));
        picker->setEditText(closed.toString(QUuid::WithoutBraces));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Rejected by the domain: RecipientNotOpen")),
                 qPrintable(outcome->toPlainText()));
        picker->setEditText(QStringLiteral("nobody"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Not run: to needs an entity id")), qPrintable(outcome->toPlainText()));
        QCOMPARE(EventLog(&store).stats()->events, 7);

        // The log's filters: the events of one command, then of one correlation.
        const RecordedEvent last = widget.historyModel()->events().constLast();
        QCOMPARE(last.eventName, QStringLiteral("Debited"));
        auto *tabs = child<QTabWidget>(&widget, QStringLiteral("tabs"));
        tabs->setCurrentWidget(child<QWidget>(&widget, QStringLiteral("logTab")));
        QTRY_COMPARE(widget.logModel()->rowCount(), 7);
        auto *command = child<QLineEdit>(&widget, QStringLiteral("log.command"));
        command->setText(last.causationId.toString(QUuid::WithoutBraces));
        Q_EMIT command->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 2);
        for (const RecordedEvent &event : widget.logModel()->events())
            QCOMPARE(event.causationId, last.causationId);
        command->clear();
        auto *correlation = child<QLineEdit>(&widget, QStringLiteral("log.correlation"));
        correlation->setText(last.correlationId.toString());
        Q_EMIT correlation->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 2);
        correlation->setText(QStringLiteral("x"));
        Q_EMIT correlation->editingFinished();
        QVERIFY(child<QWidget>(&widget, QStringLiteral("banner"))->isVisible());
        correlation->clear();
        Q_EMIT correlation->editingFinished();
        QTRY_COMPARE(widget.logModel()->rowCount(), 7);

        // From a selected event: its JSON has both ids, and a button shows its command's events.
        auto *logView = child<QTableView>(&widget, QStringLiteral("log"));
        auto *sameCommand = child<QPushButton>(&widget, QStringLiteral("log.sameCommand"));
        QVERIFY(!sameCommand->isEnabled());
        // One of the first transfer's two events, newest first: which one is inserted first follows
        // the entities' order (type name, then id).
        logView->setCurrentIndex(widget.logModel()->index(3, 0));
        const RecordedEvent selected = widget.logModel()->events().at(3);
        QVERIFY2(selected.eventName == QStringLiteral("Debited") || selected.eventName == QStringLiteral("Deposited"),
                 qPrintable(selected.eventName));
        const QJsonObject shown = jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("log.json")));
        QCOMPARE(shown.value(QStringLiteral("causation_id")).toString(), selected.causationId.toString(QUuid::WithoutBraces));
        QCOMPARE(shown.value(QStringLiteral("correlation_id")).toString(), selected.correlationId.toString(QUuid::WithoutBraces));
        QVERIFY(sameCommand->isEnabled());
        sameCommand->click();
        QCOMPARE(command->text(), selected.causationId.toString(QUuid::WithoutBraces));
        QTRY_COMPARE(widget.logModel()->rowCount(), 2);
        for (const RecordedEvent &event : widget.logModel()->events())
            QCOMPARE(event.causationId, selected.causationId);
        QVERIFY(widget.logModel()->events().constFirst().seqNo != last.seqNo);
        QVERIFY(!sameCommand->isEnabled()); // a new list has no selection
        logView->setCurrentIndex(widget.logModel()->index(0, 0));
        child<QPushButton>(&widget, QStringLiteral("log.sameCorrelation"))->click();
        QVERIFY(command->text().isEmpty());
        QTRY_COMPARE(widget.logModel()->rowCount(), 2);
    }

    void hostListenersRun()
    {
        // An application embeds the inspector over its own store, on which it set a listener by
        // hand: a command run from the inspector goes through that store, its listener included
        // (here one that refuses 13), and the store announces the commit as its own.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        std::atomic<int> listened = 0;
        store.setListener<TestDomain::Counter>([&listened](const TestDomain::Counter::Event &event, const RecordedEvent &,
                                                           QSqlDatabase &) {
            ++listened;
            const auto *increased = std::get_if<TestDomain::Increased>(&event);
            return increased && increased->inc == 13 ? ListenerResult::failure(QStringLiteral("thirteen is refused"))
                                                     : ListenerResult::ok();
        });
        const QUuid id = QUuid::createUuid();
        auto counter = store.load<TestDomain::Counter>(id);
        EVENTED_VERIFY_OK(store.handle(counter.value(), TestDomain::Increase{}));
        Domain domain;
        domain.addEntityType<TestDomain::Counter>().addCommand<TestDomain::Counter, Bump>();
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, domain);
        widget.show();
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), id)));
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto *run = child<QPushButton>(&widget, QStringLiteral("commands.run"));
        auto *outcome = child<QPlainTextEdit>(&widget, QStringLiteral("commands.outcome"));

        child<QLineEdit>(&widget, QStringLiteral("param.by"))->setText(QStringLiteral("13"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Failed:")), qPrintable(outcome->toPlainText()));
        QVERIFY2(outcome->toPlainText().contains(QStringLiteral("thirteen is refused")), qPrintable(outcome->toPlainText()));
        QCOMPARE(listened.load(), 2);
        QCOMPARE(committed.size(), 0);
        QCOMPARE(EventLog(&store).stats()->events, 1);

        child<QLineEdit>(&widget, QStringLiteral("param.by"))->setText(QStringLiteral("2"));
        runCommand(run, outcome);
        QVERIFY2(outcome->toPlainText().startsWith(QStringLiteral("Applied")), qPrintable(outcome->toPlainText()));
        QCOMPARE(listened.load(), 3);
        QCOMPARE(committed.size(), 1);
        QCOMPARE(widget.historyModel()->rowCount(), 2); // shown with the outcome
    }

    void readOnly()
    {
        Schema schema;
        {
            EventStore writer;
            EVENTED_VERIFY_OK(writer.open(schema.url()));
            QVERIFY(m_fixture.seedCounter(writer));
        }
        InspectorWindow window(m_fixture.plugins());
        EVENTED_VERIFY_OK(window.openStore(schema.url(), true, false));
        QVERIFY(window.isReadOnly());
        InspectorWidget *widget = window.inspector();
        QVERIFY(await(widget->selectEntity(QStringLiteral("counter"), counterId)));
        QVERIFY(!child<QPushButton>(widget, QStringLiteral("commands.run"))->isEnabled());
        QVERIFY(child<QLabel>(widget, QStringLiteral("commands.note"))->text().startsWith(QStringLiteral("Read-only")));
        QVERIFY(!child<QPushButton>(widget, QStringLiteral("projections.rebuild"))->isEnabled());
        QTRY_VERIFY(widget->projectionsModel()->rowCount() > 0); // the domain's, never ran
        child<QTableView>(widget, QStringLiteral("projections"))->selectRow(0);
        for (const QString &button : {QStringLiteral("projections.start"), QStringLiteral("projections.stop"),
                                      QStringLiteral("projections.rerun")}) {
            auto *found = child<QPushButton>(widget, button);
            QVERIFY2(!found->isEnabled(), qPrintable(button));
            QVERIFY2(found->toolTip().startsWith(QStringLiteral("Read-only")), qPrintable(found->toolTip()));
        }
        // Not only the buttons: the store's connection refuses writes, and nothing is added.
        const DomainResult outcome = m_fixture.domain().handle(*window.store(), QStringLiteral("counter"), counterId,
                                                      QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}});
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::Database);
        if (!isSqlite())
            QCOMPARE(outcome.error.sqlState(), QStringLiteral("25006")); // read_only_sql_transaction
        QCOMPARE(EventLog(window.store()).stats()->events, 3);
    }

    void projections()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_fixture.domain().setUp(store));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setStore(&store, m_fixture.domain());
        widget.resize(1100, 500);
        widget.show();

        // The plugin declares it: it is listed before it ever ran, with nothing stored.
        auto *panel = child<QWidget>(&widget, QStringLiteral("projectionsPanel"));
        child<QTabWidget>(&widget, QStringLiteral("tabs"))->setCurrentWidget(panel);
        child<QPushButton>(panel, QStringLiteral("projections.refresh"))->click();
        ProjectionsModel *model = widget.projectionsModel();
        QTRY_VERIFY(model->rowOf(QStringLiteral("counter")) >= 0);
        const int row = model->rowOf(QStringLiteral("counter"));
        QVERIFY(!model->state(row).stored);
        QCOMPARE(model->index(row, ProjectionsModel::Status).data().toString(), QStringLiteral("never ran"));
        EVENTED_VERIFY_OK(ProjectionState::read(&store));
        QVERIFY(ProjectionState::read(&store)->isEmpty());

        // Rebuilding in place runs the plugin's projection here until it has caught up.
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(row);
        auto *rebuild = child<QPushButton>(panel, QStringLiteral("projections.rebuild"));
        QVERIFY(rebuild->isEnabled());
        QMetaObject::invokeMethod(panel, "rebuildInPlace");
        QVERIFY(!rebuild->isEnabled());
        QVERIFY(!child<QPushButton>(panel, QStringLiteral("projections.start"))->isEnabled()); // not while it rebuilds
        // It runs in the inspector's reader thread; the window shows its progress meanwhile.
        QTRY_COMPARE(model->state(row).seqNo, EventLog(&store).stats()->head);
        QVERIFY(model->state(row).stored);
        QTRY_VERIFY(rebuild->isEnabled()); // ended
        QVERIFY(child<QPushButton>(panel, QStringLiteral("projections.start"))->isEnabled());
        QTRY_COMPARE(model->index(row, ProjectionsModel::Lag).data().toString(), QStringLiteral("0"));
        QCOMPARE(scalar(schema.db(), u"SELECT value FROM " + schema.table(QStringLiteral("counter_projection"))).toLongLong(), 6);
        QTRY_VERIFY(child<QLabel>(panel, QStringLiteral("projections.rebuildOutcome"))->text().startsWith(
            QStringLiteral("counter rebuilt in place: at seq_no ")));
    }

    void rebuildBesideTheView()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        auto *panel = showProjections(widget, store, m_fixture.domain());
        ProjectionsModel *model = widget.projectionsModel();
        const QString name = QStringLiteral("counter");
        QTRY_VERIFY(model->rowOf(name) >= 0);
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(model->rowOf(name));
        auto *rebuild = child<QPushButton>(panel, QStringLiteral("projections.rebuild"));
        auto *start = child<QPushButton>(panel, QStringLiteral("projections.start"));
        auto *outcome = child<QLabel>(panel, QStringLiteral("projections.rebuildOutcome"));
        auto *progress = child<QWidget>(panel, QStringLiteral("projections.progress"));
        QSignalSpy ended(panel, SIGNAL(rebuildEnded()));
        const QString view = u"SELECT value FROM " + schema.table(QStringLiteral("counter_projection"));
        const qint64 head = EventLog(&store).stats()->head;
        const auto confirmWith = [&](const QString &button) {
            QTest::mouseClick(rebuild, Qt::LeftButton);
            QMessageBox *confirm = question(panel, QStringLiteral("projections.confirm"));
            QVERIFY(confirm);
            child<QPushButton>(confirm, button)->click();
        };

        // The live version first, in place, up to the head.
        QMetaObject::invokeMethod(panel, "rebuildInPlace");
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 6);

        // Verify only: built beside it and compared at its position; nothing differs and the view stays.
        confirmWith(QStringLiteral("projections.confirm.verify"));
        QVERIFY(progress->isVisible());
        QVERIFY(!child<QPushButton>(progress, QStringLiteral("cancel"))->isEnabled()); // the core cannot stop it
        QVERIFY(!rebuild->isEnabled());
        QVERIFY(!start->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 20000);
        QCOMPARE(outcome->text().left(outcome->text().lastIndexOf(u'(')), // without the time it took
                 QStringLiteral("counter built anew and compared at seq_no %1: 3 event(s), 1 key(s) compared, 0 differ. "
                                "Verified only: the view is as it was. ").arg(head));
        QVERIFY(outcome->toolTip().isEmpty());
        QVERIFY(!progress->isVisible());
        QVERIFY(rebuild->isEnabled());
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 6);

        // A view that went wrong: the rebuild finds the key, keeps the view and asks; swapped anyway, it is right.
        QVERIFY(QSqlQuery(schema.db()).exec(u"UPDATE " + schema.table(QStringLiteral("counter_projection")) + u" SET value = 99"));
        confirmWith(QStringLiteral("projections.confirm.swap"));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 3, 20000);
        QVERIFY2(outcome->text().contains(QStringLiteral("1 key(s) compared, 1 differ. The view is as it was.")),
                 qPrintable(outcome->text()));
        QCOMPARE(outcome->toolTip(), QStringLiteral("Keys that differ:\ncounter_projection: ")
                                         + counterId.toString(QUuid::WithoutBraces));
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 99);
        QMessageBox *swapAnyway = question(panel, QStringLiteral("projections.swapAnyway"));
        QVERIFY(swapAnyway);
        swapAnyway->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 4, 20000);
        QVERIFY2(outcome->text().contains(QStringLiteral("1 differ. The new version is the view now.")),
                 qPrintable(outcome->text()));
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 6);

        // Nothing differs: swapped without a question, and the live version goes on on the new table.
        confirmWith(QStringLiteral("projections.confirm.swap"));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 5, 20000);
        QVERIFY2(outcome->text().contains(QStringLiteral("0 differ. The new version is the view now.")),
                 qPrintable(outcome->text()));
        QVERIFY(!asks(panel, QStringLiteral("projections.swapAnyway")));
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 6);
        QTRY_COMPARE(model->state(model->rowOf(name)).seqNo, head);
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(m_fixture.increase(store, counterId, 4));
        QTRY_COMPARE(scalar(schema.db(), view).toLongLong(), 10);
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("projections.stop")), Qt::LeftButton);
        QTRY_VERIFY(rebuild->isEnabled());

    }

    void anotherStoreWhileRebuilding()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        // A slow handler: the rebuild is still catching up when the store goes.
        const QString name = QStringLiteral("slow");
        Domain domain;
        domain.addTable(QStringLiteral("slow_seen"), QStringLiteral("seq_no bigint PRIMARY KEY"));
        domain.addProjection(name, [](Projection &projection, EventStore &) {
            projection.addView(QStringLiteral("slow_seen"), QStringLiteral("seq_no bigint PRIMARY KEY"), {QStringLiteral("seq_no")});
            projection.setHandler([record = recordInto(projection.viewTable(QStringLiteral("slow_seen")))](
                                      const RecordedEvent &event, QSqlDatabase &db) {
                QThread::msleep(200);
                return record(event, db);
            });
        });
        InspectorWidget widget;
        ModelTesters testers(&widget);
        auto *panel = showProjections(widget, store, domain);
        ProjectionsModel *model = widget.projectionsModel();
        QTRY_VERIFY(model->rowOf(name) >= 0);
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(model->rowOf(name));
        QSignalSpy ended(panel, SIGNAL(rebuildEnded()));
        QMetaObject::invokeMethod(panel, "rebuildInPlace"); // the live version, up to the head
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        const qint64 head = EventLog(&store).stats()->head;
        QTRY_COMPARE(model->state(model->rowOf(name)).seqNo, head);
        QMetaObject::invokeMethod(panel, "rebuildBeside", Q_ARG(bool, false), Q_ARG(bool, false));
        QTest::qWait(300);
        QVERIFY(child<QWidget>(panel, QStringLiteral("projections.progress"))->isVisible());

        // The reader ends once the rebuild did (it cannot be stopped); nothing is shown of it.
        // The reader's store stays until then: the rebuild neither goes on on a closed one nor leaves
        // its new version's tables and position behind.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("not open|cannot drop")));
        widget.setStore(nullptr);
        QVERIFY(!child<QWidget>(panel, QStringLiteral("projections.progress"))->isVisible());
        QTest::qWait(200);
        QCOMPARE(ended.count(), 1);
        QCOMPARE(count(schema, schema.table(QStringLiteral("slow_seen"))), 3);
        const Result<QList<ProjectionState>> states = ProjectionState::read(&store);
        EVENTED_VERIFY_OK(states);
        QCOMPARE(states->size(), 1); // not the new version's "slow@rebuild"
        QCOMPARE(states->first().seqNo, head);
    }

    void rebuildInPlaceWithoutAView()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        const QString seen = createSeen(schema);
        const QString name = QStringLiteral("seen");
        Domain domain = m_fixture.domain();
        Domain own;
        own.addProjection(name, [seen](Projection &projection, EventStore &) { projection.setHandler(recordInto(seen)); });
        EVENTED_VERIFY_OK(domain.merge(own));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        auto *panel = showProjections(widget, store, domain);
        ProjectionsModel *model = widget.projectionsModel();
        QTRY_VERIFY(model->rowOf(name) >= 0);
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(model->rowOf(name));
        QSignalSpy ended(panel, SIGNAL(rebuildEnded()));

        // It declares no view: it cannot be built beside it, and is rebuilt in place once that is confirmed.
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("projections.rebuild")), Qt::LeftButton);
        QMessageBox *confirm = question(panel, QStringLiteral("projections.confirm"));
        QVERIFY(confirm);
        child<QPushButton>(confirm, QStringLiteral("projections.confirm.swap"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        QMessageBox *inPlace = question(panel, QStringLiteral("projections.inPlace"));
        QVERIFY(inPlace);
        QVERIFY2(inPlace->informativeText().contains(QStringLiteral("declares no view")), qPrintable(inPlace->informativeText()));
        QCOMPARE(count(schema, seen), 0);
        inPlace->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 20000);
        QCOMPARE(count(schema, seen), 3);
        QTRY_COMPARE(model->state(model->rowOf(name)).seqNo, EventLog(&store).stats()->head);
        QCOMPARE(child<QLabel>(panel, QStringLiteral("projections.rebuildOutcome"))->text(),
                 QStringLiteral("seen rebuilt in place: at seq_no %1 of %1.").arg(EventLog(&store).stats()->head));
    }

    void startAndStop()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        auto *panel = showProjections(widget, store, m_fixture.domain());
        ProjectionsModel *model = widget.projectionsModel();
        const QString name = QStringLiteral("counter");

        QTRY_VERIFY(model->rowOf(name) >= 0); // declared, never ran
        const int row = model->rowOf(name);
        child<QTableView>(panel, QStringLiteral("projections"))->selectRow(row);
        auto *start = child<QPushButton>(panel, QStringLiteral("projections.start"));
        auto *stop = child<QPushButton>(panel, QStringLiteral("projections.stop"));
        auto *rebuild = child<QPushButton>(panel, QStringLiteral("projections.rebuild"));
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!start->isEnabled()); // one instance of a name here
        QVERIFY(!rebuild->isEnabled());
        QVERIFY(stop->isEnabled());

        // It runs in the reader's thread until stopped: live, its view filled, and new events follow.
        const QString view = u"SELECT value FROM " + schema.table(QStringLiteral("counter_projection"));
        QTRY_COMPARE(model->state(row).status, ProjectionState::Status::Live);
        QVERIFY(model->state(row).stored);
        QCOMPARE(model->index(row, ProjectionsModel::Status).data().toString(), QStringLiteral("live"));
        QTRY_COMPARE(scalar(schema.db(), view).toLongLong(), 6);
        QVERIFY(m_fixture.increase(store, counterId, 4));
        QTRY_COMPARE(scalar(schema.db(), view).toLongLong(), 10);
        QTRY_COMPARE(model->state(row).seqNo, EventLog(&store).stats()->head);

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE(model->state(row).status, ProjectionState::Status::Stopped);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        QVERIFY(rebuild->isEnabled());
        const Result<QList<ProjectionState>> stored = ProjectionState::read(&store);
        EVENTED_VERIFY_OK(stored);
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().name, name);
        QCOMPARE(stored->first().status, ProjectionState::Status::Stopped);
        // Stopped: a new event stays unprojected.
        QVERIFY(m_fixture.increase(store, counterId, 1));
        QTest::qWait(1500);
        QCOMPARE(scalar(schema.db(), view).toLongLong(), 10);

        // Started again, it runs until the inspector shows another store.
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE(scalar(schema.db(), view).toLongLong(), 11);
        QTRY_COMPARE(ProjectionState::read(&store)->first().status, ProjectionState::Status::Live);
        widget.setStore(nullptr);
        EVENTED_VERIFY_OK(ProjectionState::read(&store));
        QCOMPARE(ProjectionState::read(&store)->first().status, ProjectionState::Status::Stopped);
        QVERIFY(!start->isEnabled());
        QVERIFY(!stop->isEnabled());
    }

    void parked()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        const QString name = QStringLiteral("parking");
        const auto failing = [](const RecordedEvent &, QSqlDatabase &) {
            return ListenerResult::failure(QStringLiteral("cannot handle it"));
        };
        {
            // Its handler fails on every event: each is parked, and it goes on.
            Projection projection(&store, name);
            projection.setHandler(failing);
            projection.setErrorStrategy(Projection::ErrorStrategy::Park, 0);
            projection.start();
            QTRY_COMPARE(projection.state().status, ProjectionState::Status::Live);
        }
        const Result<QList<ParkedEvent>> parked = Projection::parked(&store, name);
        EVENTED_VERIFY_OK(parked);
        QCOMPARE(parked->size(), 3);

        // Without domain code for it, its parked events are listed, and cannot be re-run.
        InspectorWidget widget;
        ModelTesters testers(&widget);
        auto *panel = showProjections(widget, store, m_fixture.domain());
        ProjectionsModel *model = widget.projectionsModel();
        ParkedModel *parkedModel = widget.parkedModel();
        auto *rerun = child<QPushButton>(panel, QStringLiteral("projections.rerun"));
        auto *outcome = child<QLabel>(panel, QStringLiteral("projections.rerunOutcome"));
        const auto selectParking = [&] {
            QTRY_VERIFY(model->rowOf(name) >= 0);
            child<QTableView>(panel, QStringLiteral("projections"))->selectRow(model->rowOf(name));
            QTRY_COMPARE(parkedModel->rowCount(), 3);
            QCOMPARE(parkedModel->projection(), name);
        };
        selectParking();
        for (int row = 0; row < 3; ++row) {
            const ParkedEvent &event = parked->at(row);
            QCOMPARE(parkedModel->event(row).seqNo, event.seqNo);
            QCOMPARE(parkedModel->index(row, ParkedModel::Type).data().toString(), QStringLiteral("counter"));
            QCOMPARE(parkedModel->index(row, ParkedModel::EntityId).data().toString(), counterId.toString(QUuid::WithoutBraces));
            QCOMPARE(parkedModel->index(row, ParkedModel::Event).data().toString(), QString::fromUtf8(Json::compact(event.event)));
            QCOMPARE(parkedModel->index(row, ParkedModel::Reruns).data().toString(), QStringLiteral("0"));
            QVERIFY(parkedModel->index(row, ParkedModel::Error).data().toString().contains(QStringLiteral("cannot handle it")));
        }
        QVERIFY(parkedModel->index(0, ParkedModel::Event).data().toString().contains(QStringLiteral("\"inc\":5")));
        QVERIFY(!rerun->isEnabled());
        QVERIFY2(rerun->toolTip().contains(QStringLiteral("no domain code")), qPrintable(rerun->toolTip()));

        // A domain whose handler still fails: a re-run leaves them parked, counting the re-run.
        const auto withParking = [this, &name](const Projection::Handler &handler) {
            Domain parking;
            parking.addProjection(name, [handler](Projection &projection, EventStore &) { projection.setHandler(handler); });
            Domain domain = m_fixture.domain();
            if (Error error = domain.merge(parking); error.isError())
                qWarning() << error.message();
            return domain;
        };
        widget.setStore(&store, withParking(failing));
        selectParking();
        QVERIFY(rerun->isEnabled());
        QTest::mouseClick(rerun, Qt::LeftButton);
        QTRY_COMPARE(outcome->text(), QStringLiteral("Re-run of parking: 0 applied, 3 failed again."));
        QTRY_COMPARE(parkedModel->index(0, ParkedModel::Reruns).data().toString(), QStringLiteral("1"));
        QCOMPARE(parkedModel->rowCount(), 3);

        // With a handler that works, a re-run applies them and the table empties.
        const QString seen = createSeen(schema);
        widget.setStore(&store, withParking(recordInto(seen)));
        selectParking();
        QTest::mouseClick(rerun, Qt::LeftButton);
        QTRY_COMPARE(outcome->text(), QStringLiteral("Re-run of parking: 3 applied, 0 failed again."));
        QTRY_COMPARE(parkedModel->rowCount(), 0);
        QVERIFY(!rerun->isEnabled()); // nothing left to re-run
        QCOMPARE(count(schema, seen), 3);
        EVENTED_VERIFY_OK(Projection::parked(&store, name));
        QVERIFY(Projection::parked(&store, name)->isEmpty());
    }
};

QTEST_MAIN(tst_InspectorCommands)
#include "tst_inspector_commands.moc"
