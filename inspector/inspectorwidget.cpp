#include "banner.h"
#include "commandpanel.h"
#include "jsonview.h"
#include "projectionspanel.h"
#include "replaypanel.h"
#include "viewhelpers.h"

#include <evented/commitfollower.h>
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
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace Evented::Inspector {

namespace {

/*! A history of this many events or more shows a progress dialog while it loads. */
constexpr qint64 longHistory = 20000;

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
    void reload(const QString &type, const QUuid &entity);
    QUuid selectedEntity() const;
    void clear();
    void arrived(const QList<RecordedEvent> &events);
    void show(const QList<RecordedEvent> &events);
    void updateLogTypes();
    void fail(const Error &error);
    Error prepare();
    QString selectedType() const;

    InspectorWidget *q;
    QPointer<EventStore> store;
    Domain domain;
    bool readOnly = false;
    bool prepared = false; // the domain's setup ran on this store

    EntityTypesModel *types;
    EntitiesModel *entities;
    EventsModel *history;
    EventsModel *log;
    ProjectionsModel *projections;

    Banner *banner = nullptr;
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

    QTimer projectionsTimer; // the projections tab, while shown, at the poll interval
    QTimer filterTimer;
    int pollInterval = 500;
    bool loading = false; // a long read runs the event loop: live events wait
    QList<RecordedEvent> waiting; // arrived while loading

    // Live events: what this process and others commit, each once, in commit order.
    std::unique_ptr<CommitFollower> follower;
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
    banner = new Banner(q);
    banner->setObjectName(QStringLiteral("banner"));
    layout->addWidget(banner);

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
    commands->setPrepare([this] { return prepare(); });
    projectionsPanel->setPrepare([this] { return prepare(); });
    // A new list of entities has no selection: the history and replay follow.
    QObject::connect(entities, &QAbstractItemModel::modelReset, q, [this] { entitySelected(); });
    QObject::connect(projectionsPanel, &ProjectionsPanel::failed, q, [this](const Error &error) { fail(error); });
    const auto failed = [this](const Error &error) { fail(error); };
    QObject::connect(entities, &EntitiesModel::failed, q, failed);
    QObject::connect(history, &EventsModel::failed, q, failed);
    QObject::connect(log, &EventsModel::failed, q, failed);
    projectionsTimer.setInterval(pollInterval);
    QObject::connect(&projectionsTimer, &QTimer::timeout, q, [this] {
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
    entities->setQuery(store, type, entityFilter->text());
    commands->setEntity(type, {}, 0);
}

void InspectorWidgetPrivate::entitySelected()
{
    const QModelIndexList rows = entitiesView->selectionModel()->selectedRows();
    if (rows.isEmpty() || !store) {
        history->clear();
        commands->setEntity(selectedType(), {}, 0);
        showHistory();
        return;
    }
    const EntitySummary entity = entities->entity(rows.first().row());
    const EventFilter filter = EventFilter::byEntity(entity.typeName, entity.id);
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
        // The dialog runs the event loop: live events wait for the read after this one.
        const QScopedValueRollback reading(loading, true);
        history->setFilter(store, filter, [&progress](qint64 loaded) {
            if (!progress)
                return true;
            progress->setValue(int(loaded));
            return !progress->wasCanceled();
        });
    }
    if (history->isPartial())
        banner->showNotice(InspectorWidget::tr("Reading the history was cancelled: the first %n event(s) are shown.",
                                               nullptr, history->rowCount()));
    commands->setEntity(entity.typeName, entity.id, entity.version);
    showHistory();
    if (!waiting.isEmpty())
        show(std::exchange(waiting, {}));
    if (progress)
        q->pollNow();
}

void InspectorWidgetPrivate::showHistory()
{
    const QStringList types = history->filter().typeNames;
    const QString type = types.isEmpty() ? QString() : types.first();
    replay->setHistory(type, history->events(), type.isEmpty() ? nullptr : domain.entityType(type));
    if (history->rowCount() == 0)
        historyJson->clear();
}

void InspectorWidgetPrivate::logFilterChanged()
{
    EventFilter filter;
    if (const QString type = logType->currentData().toString(); !type.isEmpty())
        filter.typeNames = {type};
    filter.entityId = QUuid::fromString(logEntity->text().trimmed());
    if (const QString event = logEvent->text().trimmed(); !event.isEmpty())
        filter.eventNames = {event};
    if (!logEntity->text().trimmed().isEmpty() && filter.entityId.isNull()) {
        banner->showNotice(InspectorWidget::tr("%1 is not an entity id").arg(logEntity->text()));
        return;
    }
    if (store)
        log->setFilter(store, filter);
    else
        log->clear();
}

void InspectorWidgetPrivate::clear()
{
    entities->setQuery(nullptr, {});
    history->clear();
    log->clear();
    types->clear();
    projections->clear();
    updateLogTypes();
    showHistory();
}

QUuid InspectorWidgetPrivate::selectedEntity() const
{
    const QModelIndexList rows = entitiesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QUuid() : entities->entity(rows.first().row()).id;
}

void InspectorWidgetPrivate::reload(const QString &type, const QUuid &entity)
{
    if (!store) {
        clear();
        return;
    }
    // The counts and the live position from one snapshot: every event is counted once.
    waiting.clear();
    if (const Error error = follower->start([&] { return types->refresh(store, domain); }); error.isError())
        fail(error);
    updateLogTypes();
    logFilterChanged();
    projectionsPanel->refresh();

    // The type that was selected, or else the first with entities.
    int typeRow = types->rowOf(type);
    for (int row = 0; typeRow < 0 && row < types->rowCount(); ++row) {
        if (types->stats(row).events > 0)
            typeRow = row;
    }
    if (typeRow < 0 && types->rowCount() > 0)
        typeRow = 0;
    if (typeRow < 0) {
        typeSelected(); // nothing to show
        return;
    }
    {
        // One explicit reload of the entities, whether or not the selection changes.
        const QSignalBlocker block(typesView->selectionModel());
        typesView->selectRow(typeRow);
    }
    typesView->viewport()->update();
    typeSelected();
    if (!entity.isNull())
        q->selectEntity(types->typeName(typeRow), entity);
}

void InspectorWidgetPrivate::arrived(const QList<RecordedEvent> &events)
{
    if (loading)
        waiting += events; // shown after the load
    else
        show(events);
}

void InspectorWidgetPrivate::show(const QList<RecordedEvent> &events)
{
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
    banner->showError(error);
    Q_EMIT q->errorOccurred(error);
}

Error InspectorWidgetPrivate::prepare()
{
    // The domain's views and listeners, created on the first write from here, not on opening.
    if (prepared || !store)
        return {};
    if (Error error = domain.setUp(*store); error.isError())
        return error;
    prepared = true;
    return {};
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
    d->follower.reset();
    // Nothing of the previous store stays: lists, selections, history and replay. The type
    // that was selected is selected again if the new store has it.
    const QString type = d->selectedType();
    const QUuid entity = d->selectedEntity();
    d->store = store;
    d->domain = domain;
    d->readOnly = readOnly;
    d->prepared = false;
    d->banner->hide();
    d->waiting.clear();
    d->clear();
    d->commands->setStore(store, &d->domain, readOnly);
    d->projectionsPanel->setStore(store, &d->domain, readOnly);
    if (store) {
        // This process's commits at once, other processes' on their notification
        // (PostgreSQL) and by the poll: the follower merges them, each event once.
        d->follower = std::make_unique<CommitFollower>(store);
        d->follower->setPollInterval(d->pollInterval);
        connect(d->follower.get(), &CommitFollower::eventsArrived, this,
                [d](const QList<RecordedEvent> &events) { d->arrived(events); });
        connect(d->follower.get(), &CommitFollower::errorOccurred, this, [d](const Error &error) { d->fail(error); });
        if (d->pollInterval > 0)
            d->projectionsTimer.start();
    } else {
        d->projectionsTimer.stop();
    }
    d->reload(type, entity);
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
    d->pollInterval = milliseconds;
    if (d->follower)
        d->follower->setPollInterval(milliseconds);
    d->projectionsTimer.setInterval(milliseconds);
    if (milliseconds <= 0)
        d->projectionsTimer.stop();
    else if (d->store)
        d->projectionsTimer.start();
}

void InspectorWidget::refresh()
{
    Q_D(InspectorWidget);
    d->reload(d->selectedType(), d->selectedEntity());
}

int InspectorWidget::pollNow()
{
    Q_D(InspectorWidget);
    if (!d->follower || d->loading)
        return 0; // after the load, from the same position
    return d->follower->pollNow();
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
    while (row < 0 && d->entities->canFetchMore({}) && !d->entities->isPast(id)) {
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
