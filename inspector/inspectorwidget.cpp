#include "panels_p.h"

#include <evented/eventlog.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/models.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QScopedValueRollback>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Evented::Inspector {

namespace {

/*! Events committed late can have seq_nos below ones already seen; a poll looks back this far. */
constexpr qint64 lookBack = 64;
/*! A history of this many events or more shows a progress dialog while it loads. */
constexpr qint64 longHistory = 20000;

QTableView *tableView(const QString &objectName, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QWidget *labelled(const QString &label, QWidget *widget, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(label, box));
    layout->addWidget(widget, 1);
    return box;
}

/*! The whole stored event, as the event JSON view shows it. */
QJsonValue recordedJson(const RecordedEvent &event)
{
    return QJsonDocument::fromJson(EventLog::toJsonLine(event)).object();
}

} // namespace

class InspectorWidgetPrivate
{
public:
    explicit InspectorWidgetPrivate(InspectorWidget *q);
    void build();
    void typeSelected();
    void entitySelected();
    void showHistory();
    void logFilterChanged();
    int dispatch(const QList<RecordedEvent> &events);
    void updateLogTypes();
    void fail(const Error &error);
    QString selectedType() const;

    InspectorWidget *q;
    QPointer<EventStore> store;
    Domain domain;
    bool readOnly = false;

    EntityTypesModel *types;
    EntitiesModel *entities;
    EventsModel *history;
    EventsModel *log;
    ProjectionsModel *projections;

    QLabel *errorLabel = nullptr;
    QTableView *typesView = nullptr;
    QLineEdit *entityFilter = nullptr;
    QTableView *entitiesView = nullptr;
    QTableView *historyView = nullptr;
    JsonView *historyJson = nullptr;
    ReplayPanel *replay = nullptr;
    CommandPanel *commands = nullptr;
    QComboBox *logType = nullptr;
    QLineEdit *logEntity = nullptr;
    QLineEdit *logEvent = nullptr;
    QTableView *logView = nullptr;
    JsonView *logJson = nullptr;
    ProjectionsPanel *projectionsPanel = nullptr;
    QTabWidget *tabs = nullptr;

    QTimer pollTimer;
    QTimer filterTimer;
    bool loading = false; // a long read runs the event loop: live events wait
    qint64 head = 0;      // the highest seq_no shown
    QSet<qint64> recent;  // seq_nos shown within lookBack of head
};

InspectorWidgetPrivate::InspectorWidgetPrivate(InspectorWidget *q)
    : q(q)
    , types(new EntityTypesModel(q))
    , entities(new EntitiesModel(q))
    , history(new EventsModel(EventsModel::Order::OldestFirst, q))
    , log(new EventsModel(EventsModel::Order::NewestFirst, q))
    , projections(new ProjectionsModel(q))
{
}

void InspectorWidgetPrivate::build()
{
    auto *layout = new QVBoxLayout(q);
    errorLabel = new QLabel(q);
    errorLabel->setObjectName(QStringLiteral("error"));
    errorLabel->setWordWrap(true);
    errorLabel->setStyleSheet(QStringLiteral("QLabel { background: #fde8e8; color: #8a1010; padding: 6px; }"));
    errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel->hide();
    layout->addWidget(errorLabel);

    tabs = new QTabWidget(q);
    tabs->setObjectName(QStringLiteral("tabs"));
    layout->addWidget(tabs, 1);

    // Entities: types → entities → history, replay and commands of the selected one.
    auto *entitiesTab = new QSplitter(Qt::Horizontal, tabs);
    entitiesTab->setObjectName(QStringLiteral("entitiesTab"));
    auto *left = new QSplitter(Qt::Vertical, entitiesTab);
    typesView = tableView(QStringLiteral("types"), types, left);
    left->addWidget(labelled(InspectorWidget::tr("Entity types"), typesView, left));
    auto *entitiesBox = new QWidget(left);
    auto *entitiesLayout = new QVBoxLayout(entitiesBox);
    entitiesLayout->setContentsMargins(0, 0, 0, 0);
    entityFilter = new QLineEdit(entitiesBox);
    entityFilter->setObjectName(QStringLiteral("entities.filter"));
    entityFilter->setPlaceholderText(InspectorWidget::tr("Filter by id…"));
    entityFilter->setClearButtonEnabled(true);
    entitiesView = tableView(QStringLiteral("entities"), entities, entitiesBox);
    entitiesView->horizontalHeader()->setSortIndicator(EntitiesModel::Id, Qt::AscendingOrder);
    entitiesView->horizontalHeader()->resizeSection(
        EntitiesModel::Id, entitiesView->fontMetrics().horizontalAdvance(QStringLiteral("00000000-0000-0000-0000-000000000000")) + 24);
    entitiesView->setSortingEnabled(true);
    entitiesLayout->addWidget(new QLabel(InspectorWidget::tr("Entities"), entitiesBox));
    entitiesLayout->addWidget(entityFilter);
    entitiesLayout->addWidget(entitiesView, 1);
    left->addWidget(entitiesBox);
    left->setStretchFactor(1, 3);

    auto *right = new QTabWidget(entitiesTab);
    right->setObjectName(QStringLiteral("entityTabs"));
    auto *historySplit = new QSplitter(Qt::Vertical, right);
    historyView = tableView(QStringLiteral("history"), history, historySplit);
    for (int column : {EventsModel::Type, EventsModel::EntityId})
        historyView->hideColumn(column);
    historyJson = new JsonView(historySplit);
    historyJson->setObjectName(QStringLiteral("history.json"));
    historySplit->addWidget(historyView);
    historySplit->addWidget(historyJson);
    right->addTab(historySplit, QIcon(QStringLiteral(":/evented/icons/history.svg")), InspectorWidget::tr("History"));
    replay = new ReplayPanel(right);
    replay->setObjectName(QStringLiteral("replay"));
    right->addTab(replay, QIcon(QStringLiteral(":/evented/icons/replay.svg")), InspectorWidget::tr("Replay"));
    commands = new CommandPanel(right);
    commands->setObjectName(QStringLiteral("commands"));
    right->addTab(commands, QIcon(QStringLiteral(":/evented/icons/run.svg")), InspectorWidget::tr("Commands"));
    entitiesTab->setStretchFactor(1, 2);
    entitiesTab->setSizes({480, 720});
    tabs->addTab(entitiesTab, QIcon(QStringLiteral(":/evented/icons/entities.svg")), InspectorWidget::tr("Entities"));

    // The event log, newest first, with the same filters.
    auto *logTab = new QWidget(tabs);
    auto *logLayout = new QVBoxLayout(logTab);
    auto *filters = new QHBoxLayout;
    logType = new QComboBox(logTab);
    logType->setObjectName(QStringLiteral("log.type"));
    logEntity = new QLineEdit(logTab);
    logEntity->setObjectName(QStringLiteral("log.entity"));
    logEntity->setPlaceholderText(InspectorWidget::tr("Entity id"));
    logEntity->setClearButtonEnabled(true);
    logEvent = new QLineEdit(logTab);
    logEvent->setObjectName(QStringLiteral("log.event"));
    logEvent->setPlaceholderText(InspectorWidget::tr("Event name"));
    logEvent->setClearButtonEnabled(true);
    filters->addWidget(new QLabel(InspectorWidget::tr("Type"), logTab));
    filters->addWidget(logType);
    filters->addWidget(logEntity, 2);
    filters->addWidget(logEvent, 1);
    logLayout->addLayout(filters);
    auto *logSplit = new QSplitter(Qt::Vertical, logTab);
    logView = tableView(QStringLiteral("log"), log, logSplit);
    logJson = new JsonView(logSplit);
    logJson->setObjectName(QStringLiteral("log.json"));
    logSplit->addWidget(logView);
    logSplit->addWidget(logJson);
    logLayout->addWidget(logSplit, 1);
    tabs->addTab(logTab, QIcon(QStringLiteral(":/evented/icons/log.svg")), InspectorWidget::tr("Event log"));

    projectionsPanel = new ProjectionsPanel(projections, tabs);
    projectionsPanel->setObjectName(QStringLiteral("projectionsPanel"));
    tabs->addTab(projectionsPanel, QIcon(QStringLiteral(":/evented/icons/projections.svg")), InspectorWidget::tr("Projections"));

    QObject::connect(typesView->selectionModel(), &QItemSelectionModel::selectionChanged, q, [this] { typeSelected(); });
    QObject::connect(entitiesView->selectionModel(), &QItemSelectionModel::selectionChanged, q, [this] { entitySelected(); });
    QObject::connect(historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this](const QModelIndex &current) {
                         historyJson->setJson(current.isValid() ? recordedJson(history->event(current.row())) : QJsonValue());
                         if (current.isValid())
                             replay->showVersion(history->event(current.row()).version);
                     });
    QObject::connect(logView->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this](const QModelIndex &current) {
                         logJson->setJson(current.isValid() ? recordedJson(log->event(current.row())) : QJsonValue());
                     });
    filterTimer.setSingleShot(true);
    filterTimer.setInterval(250);
    QObject::connect(&filterTimer, &QTimer::timeout, q, [this] { typeSelected(); });
    QObject::connect(entityFilter, &QLineEdit::textChanged, &filterTimer, qOverload<>(&QTimer::start));
    QObject::connect(logType, &QComboBox::currentIndexChanged, q, [this] { logFilterChanged(); });
    QObject::connect(logEntity, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(logEvent, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(commands, &CommandPanel::applied, q, [this](const QList<RecordedEvent> &events) { dispatch(events); });
    QObject::connect(projectionsPanel, &ProjectionsPanel::failed, q, [this](const Error &error) { fail(error); });
    const auto failed = [this](const Error &error) { fail(error); };
    QObject::connect(entities, &EntitiesModel::failed, q, failed);
    QObject::connect(history, &EventsModel::failed, q, failed);
    QObject::connect(log, &EventsModel::failed, q, failed);
    pollTimer.setInterval(500);
    QObject::connect(&pollTimer, &QTimer::timeout, q, [this] {
        q->pollNow();
        if (tabs->currentWidget() == projectionsPanel)
            projectionsPanel->refresh();
    });
}

QString InspectorWidgetPrivate::selectedType() const
{
    const QModelIndexList rows = typesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : types->typeName(rows.first().row());
}

void InspectorWidgetPrivate::typeSelected()
{
    const QString type = selectedType();
    entities->setQuery(store, type, entityFilter->text().trimmed());
    commands->setEntity(type, {}, 0);
    showHistory();
}

void InspectorWidgetPrivate::entitySelected()
{
    const QModelIndexList rows = entitiesView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        history->clear();
        commands->setEntity(selectedType(), {}, 0);
    } else {
        const EntitySummary entity = entities->entity(rows.first().row());
        EventFilter filter;
        filter.typeName = entity.typeName;
        filter.entityId = entity.id;
        // A long history shows its progress and can be cancelled; what was read stays shown.
        std::unique_ptr<QProgressDialog> progress;
        if (entity.version >= longHistory) {
            progress = std::make_unique<QProgressDialog>(InspectorWidget::tr("Reading %n event(s)…", nullptr, int(entity.version)),
                                                         InspectorWidget::tr("Cancel"), 0, int(entity.version), q);
            progress->setObjectName(QStringLiteral("history.progress"));
            progress->setWindowModality(Qt::WindowModal);
            progress->setMinimumDuration(300);
        }
        {
            // The dialog runs the event loop: what arrives meanwhile waits for the read below.
            const QScopedValueRollback reading(loading, true);
            history->setFilter(store, filter, [&progress](qint64 loaded) {
                if (!progress)
                    return true;
                progress->setValue(int(loaded));
                return !progress->wasCanceled();
            });
        }
        if (progress)
            q->pollNow();
        if (history->isPartial())
            fail(Error(Error::Kind::InvalidArgument,
                       InspectorWidget::tr("Reading the history was cancelled: the first %n event(s) are shown.", nullptr,
                                           history->rowCount())));
        commands->setEntity(entity.typeName, entity.id, entity.version);
    }
    showHistory();
}

void InspectorWidgetPrivate::showHistory()
{
    const QString type = history->filter().typeName;
    replay->setHistory(type, history->events(), type.isEmpty() ? nullptr : domain.entityType(type));
    if (history->rowCount() == 0)
        historyJson->clear();
}

void InspectorWidgetPrivate::logFilterChanged()
{
    EventFilter filter;
    filter.typeName = logType->currentData().toString();
    filter.entityId = QUuid::fromString(logEntity->text().trimmed());
    filter.eventName = logEvent->text().trimmed();
    if (!logEntity->text().trimmed().isEmpty() && filter.entityId.isNull()) {
        fail(Error(Error::Kind::InvalidArgument, InspectorWidget::tr("%1 is not an entity id").arg(logEntity->text())));
        return;
    }
    if (store)
        log->setFilter(store, filter);
}

int InspectorWidgetPrivate::dispatch(const QList<RecordedEvent> &committed)
{
    if (loading)
        return 0; // read again after the load, from the unchanged head
    QList<RecordedEvent> events;
    for (const RecordedEvent &event : committed) {
        if (event.seqNo <= head - lookBack || recent.contains(event.seqNo))
            continue;
        recent.insert(event.seqNo);
        events.append(event);
    }
    if (events.isEmpty())
        return 0;
    for (const RecordedEvent &event : std::as_const(events))
        head = std::max(head, event.seqNo);
    recent.removeIf([this](qint64 seqNo) { return seqNo <= head - lookBack; });

    const int typeRows = types->rowCount();
    types->add(events);
    if (types->rowCount() != typeRows)
        updateLogTypes();
    entities->add(events);
    const int before = history->rowCount();
    history->add(events);
    if (history->rowCount() != before) {
        // The selected entity changed: its row has the new version, and the replay follows.
        const QModelIndexList rows = entitiesView->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            const EntitySummary &entity = entities->entity(rows.first().row());
            commands->setEntity(entity.typeName, entity.id, entity.version);
        }
        showHistory();
    }
    log->add(events);
    return int(events.size());
}

void InspectorWidgetPrivate::updateLogTypes()
{
    const QSignalBlocker block(logType);
    const QString current = logType->currentData().toString();
    logType->clear();
    logType->addItem(InspectorWidget::tr("All types"), QString());
    for (int row = 0; row < types->rowCount(); ++row)
        logType->addItem(types->typeName(row), types->typeName(row));
    logType->setCurrentIndex(std::max(0, logType->findData(current)));
}

void InspectorWidgetPrivate::fail(const Error &error)
{
    errorLabel->setText(error.message());
    errorLabel->show();
    Q_EMIT q->errorOccurred(error);
}

InspectorWidget::InspectorWidget(QWidget *parent)
    : QWidget(parent)
    , d_ptr(std::make_unique<InspectorWidgetPrivate>(this))
{
    d_ptr->build();
}

InspectorWidget::~InspectorWidget() = default;

void InspectorWidget::setStore(EventStore *store, const Domain &domain, bool readOnly)
{
    Q_D(InspectorWidget);
    if (d->store)
        disconnect(d->store, nullptr, this, nullptr);
    d->store = store;
    d->domain = domain;
    d->readOnly = readOnly;
    d->errorLabel->hide();
    d->head = 0;
    d->recent.clear();
    d->commands->setStore(store, &d->domain, readOnly);
    d->projectionsPanel->setStore(store, &d->domain, readOnly);
    if (store) {
        // This process's commits at once, through the signal. Every path goes through
        // dispatch(), which shows each event once.
        connect(store, &EventStore::eventsCommitted, this,
                [d](const QList<RecordedEvent> &events) { d->dispatch(events); });
        // Other processes' commits: at once where the database announces them (PostgreSQL),
        // and by the poll in any case.
        connect(store, &EventStore::commitsNotified, this, &InspectorWidget::pollNow);
        store->listenForCommits();
        const Result<QList<RecordedEvent>> newest = EventLog(store).page({}, 0, int(lookBack));
        if (newest) {
            for (const RecordedEvent &event : newest.value()) {
                d->head = std::max(d->head, event.seqNo);
                d->recent.insert(event.seqNo);
            }
        } else {
            d->fail(newest.error());
        }
        if (d->pollTimer.interval() > 0)
            d->pollTimer.start();
    } else {
        d->pollTimer.stop();
    }
    refresh();
}

EventStore *InspectorWidget::store() const
{
    return d_ptr->store;
}

const Domain &InspectorWidget::domain() const
{
    return d_ptr->domain;
}

bool InspectorWidget::isReadOnly() const
{
    return d_ptr->readOnly;
}

void InspectorWidget::setPollInterval(int milliseconds)
{
    Q_D(InspectorWidget);
    d->pollTimer.setInterval(milliseconds);
    if (milliseconds <= 0)
        d->pollTimer.stop();
    else if (d->store)
        d->pollTimer.start();
}

void InspectorWidget::refresh()
{
    Q_D(InspectorWidget);
    const QString type = d->selectedType();
    const QModelIndexList rows = d->entitiesView->selectionModel()->selectedRows();
    const QUuid entity = rows.isEmpty() ? QUuid() : d->entities->entity(rows.first().row()).id;
    if (!d->store) {
        d->entities->setQuery(nullptr, {});
        d->history->clear();
        d->log->clear();
        d->showHistory();
        return;
    }
    if (const Error error = d->types->refresh(d->store, d->domain); error.isError())
        d->fail(error);
    d->updateLogTypes();
    d->logFilterChanged();
    d->projectionsPanel->refresh();
    if (!type.isEmpty() && !entity.isNull())
        selectEntity(type, entity);
    else if (!type.isEmpty())
        d->typesView->selectRow(d->types->rowOf(type));
    else if (d->types->rowCount() > 0)
        d->typesView->selectRow(0);
    else
        d->typeSelected();
}

int InspectorWidget::pollNow()
{
    Q_D(InspectorWidget);
    if (!d->store || d->loading)
        return 0;
    EventFilter filter;
    filter.fromSeqNo = std::max<qint64>(1, d->head - lookBack + 1);
    QList<RecordedEvent> events;
    const Error error = EventLog(d->store).read(filter, [&events](const RecordedEvent &event) {
        events.append(event);
        return true;
    });
    if (error.isError()) {
        d->fail(error);
        return 0;
    }
    return d->dispatch(events);
}

bool InspectorWidget::selectEntity(const QString &typeName, const QUuid &id)
{
    Q_D(InspectorWidget);
    const int typeRow = d->types->rowOf(typeName);
    if (typeRow < 0)
        return false;
    if (d->selectedType() != typeName)
        d->typesView->selectRow(typeRow);
    int row = d->entities->rowOf(id);
    while (row < 0 && d->entities->canFetchMore({})) {
        d->entities->fetchMore({});
        row = d->entities->rowOf(id);
    }
    if (row < 0)
        return false;
    d->entitiesView->selectRow(row);
    d->entitiesView->scrollTo(d->entities->index(row, 0));
    return true;
}

EntityTypesModel *InspectorWidget::entityTypesModel() const { return d_ptr->types; }
EntitiesModel *InspectorWidget::entitiesModel() const { return d_ptr->entities; }
EventsModel *InspectorWidget::historyModel() const { return d_ptr->history; }
EventsModel *InspectorWidget::logModel() const { return d_ptr->log; }
ProjectionsModel *InspectorWidget::projectionsModel() const { return d_ptr->projections; }

} // namespace Evented::Inspector
