#include "banner.h"
#include "syncstatus.h"
#include "chartspage.h"
#include "commandpanel.h"
#include "entitiespage.h"
#include "jsonview.h"
#include "logpage.h"
#include "progressstrip.h"
#include "projectionspanel.h"
#include "historycheckdialog.h"
#include "replaypanel.h"

#include <evented/commitfollower.h>
#include <evented/eventlog.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/models.h>
#include <evented/inspector/storereader.h>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPromise>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <functional>

namespace Evented::Inspector {

namespace {

/*! A history of this many events or more shows its progress while it loads. */
constexpr qint64 longHistory = 20000;

/*! While the charts are shown, the events per minute are read again at most this often (ms). */
constexpr qint64 countsInterval = 5000;

/*! The whole stored event, as the event JSON view shows it. */
QJsonValue recordedJson(const RecordedEvent &event)
{
    return QJsonDocument::fromJson(EventLog::toJsonLine(event)).object();
}

/*! What only the reader's thread touches: the follower of commits and whether the domain is set up. */
struct Live
{
    CommitFollower *follower = nullptr;
    std::atomic<bool> prepared = false; //!< the domain's setup ran (writes run on the store's worker)
};

} // namespace

class InspectorWidgetPrivate
{
public:
    explicit InspectorWidgetPrivate(InspectorWidget *q);
    void build();
    void connectStore(EventStore *store);
    /*! Shows the store's offline-first link (pending and rejected commands, last sync), if any. */
    void readSyncStatus();
    void typeSelected();
    void entitySelected();
    void historyLoaded();
    void showHistory();
    void logFilterChanged();
    void reload(const QString &type, const QUuid &entity);
    void reloaded(const Result<StoreStats> &stats, const QString &type, const QUuid &entity);
    QUuid selectedEntity() const;
    void clear();
    void show(const QList<RecordedEvent> &events);
    void updateLogTypes();
    void fail(const Error &error);
    QString selectedType() const;
    QFuture<int> pollNow();
    void findEntity(const std::shared_ptr<QPromise<bool>> &promise, const QString &type, const QUuid &id);
    void addShortcuts();
    /*! Sets the widget's own texts (its tabs, actions and the log's "All types") in the language in use. */
    void retranslateUi();
    void stepEntity(int delta);
    void stepReplay(int delta);
    void focusFilter();

    InspectorWidget *q;
    QPointer<EventStore> store;
    Domain domain;
    bool readOnly = false;

    EntityTypesModel *types;
    EntitiesModel *entities;
    EventsModel *history;
    EventsModel *log;
    ProjectionsModel *projections;
    ParkedModel *parked;

    Banner *banner = nullptr;
    QLabel *syncLabel = nullptr; //!< the store's offline-first link, when it has one
    QTabWidget *tabs = nullptr;
    EntitiesPage *entitiesPage = nullptr;
    LogPage *logPage = nullptr;
    ProjectionsPanel *projectionsPanel = nullptr;
    ChartsPage *chartsPage = nullptr;
    QAction *nextEntity = nullptr;
    QAction *previousEntity = nullptr;
    QAction *replayForward = nullptr;
    QAction *replayBack = nullptr;
    QAction *findFilter = nullptr;

    QTimer projectionsTimer; // the projections tab while shown, and the lag samples, at the poll interval
    QTimer filterTimer;
    QTimer nudge;            // the store's own commits: read at once, once per burst
    QMetaObject::Connection storeCommits;
    int pollInterval = 500;

    // Every read and write runs in the reader's thread, on its store.
    std::unique_ptr<StoreReader> reader;
    std::shared_ptr<Live> live;
    quint64 stores = 0;       //!< counts setStore(): what a reader before sends is dropped
    quint64 reloads = 0;      //!< counts reloads: only the last one's answer is shown
    QFuture<void> loaded;     //!< finishes when the last reload's answer is shown
    quint64 historyLoads = 0; //!< counts history loads: their progress
    std::shared_ptr<std::atomic<bool>> historyCancel;
};

InspectorWidgetPrivate::InspectorWidgetPrivate(InspectorWidget *q)
    : q(q)
    , types(new EntityTypesModel(q))
    , entities(new EntitiesModel(q))
    , history(new EventsModel(EventsModel::Order::OldestFirst, q))
    , log(new EventsModel(EventsModel::Order::NewestFirst, q))
    , projections(new ProjectionsModel(q))
    , parked(new ParkedModel(q))
    , loaded(QtFuture::makeReadyFuture())
{
}

void InspectorWidgetPrivate::build()
{
    auto *layout = new QVBoxLayout(q);
    banner = new Banner(q);
    banner->setObjectName(QStringLiteral("banner"));
    layout->addWidget(banner);
    syncLabel = new QLabel(q);
    syncLabel->setObjectName(QStringLiteral("syncStatus"));
    syncLabel->setWordWrap(true);
    syncLabel->hide();
    layout->addWidget(syncLabel);
    tabs = new QTabWidget(q);
    tabs->setObjectName(QStringLiteral("tabs"));
    layout->addWidget(tabs, 1);
    entitiesPage = new EntitiesPage(types, entities, history, tabs);
    tabs->addTab(entitiesPage, QIcon(QStringLiteral(":/evented/icons/entities.svg")), QString());
    logPage = new LogPage(log, tabs);
    tabs->addTab(logPage, QIcon(QStringLiteral(":/evented/icons/log.svg")), QString());
    projectionsPanel = new ProjectionsPanel(projections, parked, tabs);
    projectionsPanel->setObjectName(QStringLiteral("projectionsPanel"));
    tabs->addTab(projectionsPanel, QIcon(QStringLiteral(":/evented/icons/projections.svg")), QString());
    chartsPage = new ChartsPage(tabs);
    tabs->addTab(chartsPage, QIcon(QStringLiteral(":/evented/icons/charts.svg")), QString());

    EntitiesPage *page = entitiesPage;
    QObject::connect(page->typesView->selectionModel(), &QItemSelectionModel::selectionChanged, q, [this] { typeSelected(); });
    QObject::connect(page->entitiesView->selectionModel(), &QItemSelectionModel::selectionChanged, q, [this] { entitySelected(); });
    QObject::connect(page->historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this](const QModelIndex &current) {
                         entitiesPage->historyJson->setJson(current.isValid() ? recordedJson(history->event(current.row())) : QJsonValue());
                         if (current.isValid())
                             entitiesPage->replay->showVersion(history->event(current.row()).version);
                     });
    QObject::connect(logPage->logView->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this](const QModelIndex &current) {
                         logPage->logJson->setJson(current.isValid() ? recordedJson(log->event(current.row())) : QJsonValue());
                         const RecordedEvent event = current.isValid() ? log->event(current.row()) : RecordedEvent();
                         logPage->logSameCommand->setEnabled(!event.causationId.isNull());
                         logPage->logSameCorrelation->setEnabled(!event.correlationId.isNull());
                     });
    QObject::connect(log, &QAbstractItemModel::modelReset, q, [this] {
        logPage->logSameCommand->setEnabled(false);
        logPage->logSameCorrelation->setEnabled(false);
    });
    // The selected event's command or correlation, as the only filter.
    const auto showRelated = [this](QLineEdit *field, QUuid RecordedEvent::*id) {
        const QModelIndex current = logPage->logView->selectionModel()->currentIndex();
        if (!current.isValid())
            return;
        const QUuid related = log->event(current.row()).*id;
        if (related.isNull())
            return;
        {
            const QSignalBlocker block(logPage->logType);
            logPage->logType->setCurrentIndex(0);
        }
        for (QLineEdit *edit : {logPage->logEntity, logPage->logEvent, logPage->logCorrelation, logPage->logCommand,
                                logPage->logContains})
            edit->clear();
        field->setText(related.toString(QUuid::WithoutBraces));
        logFilterChanged();
    };
    QObject::connect(logPage->logSameCommand, &QPushButton::clicked, q,
                     [this, showRelated] { showRelated(logPage->logCommand, &RecordedEvent::causationId); });
    QObject::connect(logPage->logSameCorrelation, &QPushButton::clicked, q,
                     [this, showRelated] { showRelated(logPage->logCorrelation, &RecordedEvent::correlationId); });
    QObject::connect(page->historyProgress, &ProgressStrip::canceled, q, [this] {
        if (historyCancel)
            *historyCancel = true;
    });
    QObject::connect(history, &EventsModel::loaded, q, [this] { historyLoaded(); });
    filterTimer.setSingleShot(true);
    filterTimer.setInterval(250);
    QObject::connect(&filterTimer, &QTimer::timeout, q, [this] { typeSelected(); });
    QObject::connect(page->entityFilter, &QLineEdit::textChanged, &filterTimer, qOverload<>(&QTimer::start));
    QObject::connect(logPage->logType, &QComboBox::currentIndexChanged, q, [this] { logFilterChanged(); });
    QObject::connect(logPage->logEntity, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(logPage->logEvent, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(logPage->logCorrelation, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(logPage->logCommand, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
    QObject::connect(logPage->logContains, &QLineEdit::editingFinished, q, [this] { logFilterChanged(); });
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
        else if (tabs->currentWidget() == chartsPage)
            chartsPage->refreshCountsOlderThan(countsInterval);
        chartsPage->sampleLag();
        readSyncStatus();
    });
    QObject::connect(tabs, &QTabWidget::currentChanged, q, [this] {
        if (tabs->currentWidget() == chartsPage)
            chartsPage->refreshCountsOlderThan(countsInterval);
    });
    QObject::connect(chartsPage, &ChartsPage::failed, q, [this](const Error &error) { fail(error); });
    nudge.setSingleShot(true);
    nudge.setInterval(0);
    QObject::connect(&nudge, &QTimer::timeout, q, [this] { static_cast<void>(pollNow()); });
    addShortcuts();
    retranslateUi();
}

void InspectorWidgetPrivate::addShortcuts()
{
    // The widget's own actions (QWidget::actions()): their keys work while the focus is in it,
    // and a window can put them in a menu.
    const auto add = [this](const char *name, const QKeySequence &keys, std::function<void()> run) {
        auto *action = new QAction(q);
        action->setObjectName(QLatin1StringView(name));
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QObject::connect(action, &QAction::triggered, q, std::move(run));
        q->addAction(action);
        return action;
    };
    nextEntity = add("action.nextEntity", QKeySequence(Qt::ALT | Qt::Key_Down), [this] { stepEntity(1); });
    previousEntity = add("action.previousEntity", QKeySequence(Qt::ALT | Qt::Key_Up), [this] { stepEntity(-1); });
    replayForward = add("action.replayForward", QKeySequence(Qt::ALT | Qt::Key_Right), [this] { stepReplay(1); });
    replayBack = add("action.replayBack", QKeySequence(Qt::ALT | Qt::Key_Left), [this] { stepReplay(-1); });
    findFilter = add("action.focusFilter", QKeySequence::Find, [this] { focusFilter(); });
}

void InspectorWidgetPrivate::retranslateUi()
{
    tabs->setTabText(tabs->indexOf(entitiesPage), InspectorWidget::tr("Entities"));
    tabs->setTabText(tabs->indexOf(logPage), InspectorWidget::tr("Event log"));
    tabs->setTabText(tabs->indexOf(projectionsPanel), InspectorWidget::tr("Projections"));
    tabs->setTabText(tabs->indexOf(chartsPage), InspectorWidget::tr("Charts"));
    nextEntity->setText(InspectorWidget::tr("Next entity"));
    previousEntity->setText(InspectorWidget::tr("Previous entity"));
    replayForward->setText(InspectorWidget::tr("Replay one event forward"));
    replayBack->setText(InspectorWidget::tr("Replay one event back"));
    findFilter->setText(InspectorWidget::tr("Filter"));
    if (logPage->logType->count() > 0)
        logPage->logType->setItemText(0, InspectorWidget::tr("All types"));
    // The models' headers are read from tr() when shown: the views are told they changed.
    const std::initializer_list<QAbstractItemModel *> models{types, entities, history, log, projections, parked};
    for (QAbstractItemModel *model : models) {
        if (model->columnCount() > 0)
            Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, model->columnCount() - 1);
    }
}

void InspectorWidgetPrivate::stepEntity(int delta)
{
    QTableView *view = entitiesPage->entitiesView;
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? (delta > 0 ? 0 : entities->rowCount() - 1) : rows.first().row() + delta;
    if (row < 0 || row >= entities->rowCount())
        return;
    tabs->setCurrentWidget(entitiesPage);
    view->selectRow(row);
    view->scrollTo(entities->index(row, 0));
}

void InspectorWidgetPrivate::stepReplay(int delta)
{
    tabs->setCurrentWidget(entitiesPage);
    entitiesPage->entityTabs->setCurrentWidget(entitiesPage->replay);
    entitiesPage->replay->showVersion(entitiesPage->replay->version() + delta);
}

void InspectorWidgetPrivate::focusFilter()
{
    // The first filter of the tab shown: the entities' id, the log's entity, else the entities'.
    QLineEdit *filter = tabs->currentWidget() == logPage ? logPage->logEntity : entitiesPage->entityFilter;
    if (filter == entitiesPage->entityFilter)
        tabs->setCurrentWidget(entitiesPage);
    filter->setFocus(Qt::ShortcutFocusReason);
    filter->selectAll();
}

void InspectorWidgetPrivate::connectStore(EventStore *shown)
{
    reader = std::make_unique<StoreReader>();
    live = std::make_shared<Live>();
    const quint64 generation = stores;
    reader->open(shown, readOnly).then(q, [this, generation](const Error &error) {
        if (generation == stores && error.isError())
            fail(error);
    });
    // The reader shows events in the shapes the domain's code knows.
    reader->run<bool>([domain = domain](EventStore &store) {
        domain.registerSchemas(store);
        return true;
    });
    // This process's commits (of the reader's store) at once, other processes' on their
    // notification (PostgreSQL) and by the poll: the follower merges them, each event once.
    // It lives in the reader's thread; what it delivers comes here queued.
    reader->run<bool>([live = live, widget = q, d = this, generation, interval = pollInterval](EventStore &store) {
        auto *follower = new CommitFollower(&store, &store);
        follower->setPollInterval(interval);
        QObject::connect(follower, &CommitFollower::eventsArrived, widget, [d, generation](const QList<RecordedEvent> &events) {
            if (generation == d->stores)
                d->show(events);
        });
        QObject::connect(follower, &CommitFollower::errorOccurred, widget, [d, generation](const Error &error) {
            if (generation == d->stores)
                d->fail(error);
        });
        live->follower = follower;
        return true;
    });
    // The shown store's own commits are read at once through the reader.
    storeCommits = QObject::connect(shown, &EventStore::eventsCommitted, &nudge, qOverload<>(&QTimer::start));
    readSyncStatus();
}

void InspectorWidgetPrivate::readSyncStatus()
{
    const quint64 generation = stores;
    reader->run<QString>([](EventStore &store) { return syncStatus(store); }, q, [this, generation](const QString &text) {
        if (generation != stores)
            return;
        syncLabel->setText(text);
        syncLabel->setVisible(!text.isEmpty());
    });
}

QString InspectorWidgetPrivate::selectedType() const
{
    const QModelIndexList rows = entitiesPage->typesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : types->typeName(rows.first().row());
}

void InspectorWidgetPrivate::typeSelected()
{
    const QString type = selectedType();
    entities->setQuery(reader.get(), type, entitiesPage->entityFilter->text());
    entitiesPage->commands->setEntity(type, {}, 0);
}

void InspectorWidgetPrivate::entitySelected()
{
    const QModelIndexList rows = entitiesPage->entitiesView->selectionModel()->selectedRows();
    ++historyLoads;
    historyCancel.reset();
    entitiesPage->historyProgress->finish();
    if (rows.isEmpty() || !reader) {
        history->clear();
        entitiesPage->commands->setEntity(selectedType(), {}, 0);
        showHistory();
        return;
    }
    const EntitySummary entity = entities->entity(rows.first().row());
    const EventFilter filter = EventFilter::byEntity(entity.typeName, entity.id);
    // A long history shows its progress and can be cancelled; what was read stays shown.
    EventsModel::Progress progress;
    if (entity.version >= longHistory) {
        entitiesPage->historyProgress->start(InspectorWidget::tr("Reading %n event(s)…", nullptr, int(entity.version)),
                                             int(entity.version));
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        historyCancel = cancel;
        progress = [cancel, d = this, load = historyLoads](qint64 loaded) {
            // In the reader's thread: the bar moves in the widget's.
            QMetaObject::invokeMethod(d->entitiesPage->historyProgress, [d, load, loaded] {
                if (load == d->historyLoads)
                    d->entitiesPage->historyProgress->setValue(int(loaded));
            });
            return !*cancel;
        };
    }
    history->setFilter(reader.get(), filter, progress);
    entitiesPage->commands->setEntity(entity.typeName, entity.id, entity.version);
    showHistory();
}

void InspectorWidgetPrivate::historyLoaded()
{
    entitiesPage->historyProgress->finish();
    historyCancel.reset();
    if (history->isPartial())
        banner->showNotice(InspectorWidget::tr("Reading the history was cancelled: the first %n event(s) are shown.",
                                               nullptr, history->rowCount()));
    showHistory();
    // Where the type has snapshots, the replay says what a load of the entity starts from.
    const QStringList types = history->filter().typeNames;
    const EntityTypeInfo *type = types.isEmpty() ? nullptr : domain.entityType(types.first());
    if (!type || type->stateVersion == 0 || history->rowCount() == 0 || !reader)
        return;
    reader
        ->run<Result<Domain::Replayed>>([domain = domain, typeName = type->typeName, id = history->filter().entityId](EventStore &store) {
            return domain.replay(store, typeName, id);
        })
        .then(q, [this, load = historyLoads](const Result<Domain::Replayed> &loaded) {
            if (load == historyLoads && loaded)
                entitiesPage->replay->setLoaded(loaded->snapshotVersion, loaded->version, loaded->state);
        });
}

void InspectorWidgetPrivate::showHistory()
{
    const QStringList types = history->filter().typeNames;
    const QString type = types.isEmpty() ? QString() : types.first();
    entitiesPage->replay->setHistory(type, history->events(), type.isEmpty() ? nullptr : domain.entityType(type));
    if (history->rowCount() == 0)
        entitiesPage->historyJson->clear();
}

void InspectorWidgetPrivate::logFilterChanged()
{
    EventFilter filter;
    if (const QString type = logPage->logType->currentData().toString(); !type.isEmpty())
        filter.typeNames = {type};
    filter.entityId = QUuid::fromString(logPage->logEntity->text().trimmed());
    if (const QString event = logPage->logEvent->text().trimmed(); !event.isEmpty())
        filter.eventNames = {event};
    if (!logPage->logEntity->text().trimmed().isEmpty() && filter.entityId.isNull()) {
        banner->showNotice(InspectorWidget::tr("%1 is not an entity id").arg(logPage->logEntity->text()));
        return;
    }
    for (const auto &[edit, id] : {std::pair{logPage->logCorrelation, &filter.correlationId},
                                    std::pair{logPage->logCommand, &filter.causationId}}) {
        const QString text = edit->text().trimmed();
        *id = QUuid::fromString(text);
        if (!text.isEmpty() && id->isNull()) {
            banner->showNotice(edit == logPage->logCommand ? InspectorWidget::tr("%1 is not a command id").arg(text)
                                                           : InspectorWidget::tr("%1 is not a correlation id").arg(text));
            return;
        }
    }
    if (const QString contains = logPage->logContains->text().trimmed(); !contains.isEmpty()) {
        const Result<QJsonObject> pattern = EventFilter::parseContains(contains);
        if (!pattern) {
            banner->showNotice(pattern.error().message());
            return;
        }
        filter.eventContains = pattern.value();
    }
    if (reader)
        log->setFilter(reader.get(), filter);
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
    parked->clear();
    updateLogTypes();
    showHistory();
}

QUuid InspectorWidgetPrivate::selectedEntity() const
{
    const QModelIndexList rows = entitiesPage->entitiesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QUuid() : entities->entity(rows.first().row()).id;
}

void InspectorWidgetPrivate::reload(const QString &type, const QUuid &entity)
{
    if (!reader) {
        clear();
        loaded = QtFuture::makeReadyFuture();
        return;
    }
    // The counts and the live position from one snapshot: every event is counted once. What
    // the follower delivered before comes here before the answer, what it delivers after, after.
    const quint64 request = ++reloads;
    auto done = std::make_shared<QPromise<void>>();
    done->start();
    loaded = done->future();
    reader
        ->run<Result<StoreStats>>([live = live](EventStore &store) -> Result<StoreStats> {
            if (!live->follower)
                return Error::notOpen();
            Result<StoreStats> stats = Error::notOpen();
            const Error error = live->follower->start([&store, &stats] {
                EventLog log(&store);
                log.setKeepUndecodable(true);
                stats = log.stats();
                return stats ? Error() : stats.error();
            });
            if (error.isError())
                return error;
            return stats;
        }, q, [this, request, done, type, entity](const Result<StoreStats> &stats) {
            if (request == reloads)
                reloaded(stats, type, entity);
            done->finish();
        });
}

void InspectorWidgetPrivate::reloaded(const Result<StoreStats> &stats, const QString &type, const QUuid &entity)
{
    if (stats)
        types->setStats(stats.value(), domain);
    else
        fail(stats.error());
    updateLogTypes();
    logFilterChanged();
    projectionsPanel->refresh();
    if (tabs->currentWidget() == chartsPage)
        chartsPage->refresh();

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
        const QSignalBlocker block(entitiesPage->typesView->selectionModel());
        entitiesPage->typesView->selectRow(typeRow);
    }
    entitiesPage->typesView->viewport()->update();
    typeSelected();
    if (!entity.isNull()) {
        auto promise = std::make_shared<QPromise<bool>>();
        promise->start();
        findEntity(promise, types->typeName(typeRow), entity);
    }
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
        const QModelIndexList rows = entitiesPage->entitiesView->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            const EntitySummary &entity = entities->entity(rows.first().row());
            entitiesPage->commands->setEntity(entity.typeName, entity.id, entity.version);
        }
        showHistory();
    }
    log->add(events);
}

void InspectorWidgetPrivate::updateLogTypes()
{
    QComboBox *logType = logPage->logType;
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
    Q_EMIT q->errorOccurred(error, InspectorWidget::QPrivateSignal());
}

QFuture<int> InspectorWidgetPrivate::pollNow()
{
    if (!reader)
        return QtFuture::makeReadyFuture(0);
    // The count comes after the events it counts: both are queued here in that order.
    auto promise = std::make_shared<QPromise<int>>();
    promise->start();
    reader->run<int>([live = live](EventStore &) { return live->follower ? live->follower->pollNow() : 0; }, q,
                     [promise](int delivered) {
                         promise->addResult(delivered);
                         promise->finish();
                     });
    return promise->future();
}

void InspectorWidgetPrivate::findEntity(const std::shared_ptr<QPromise<bool>> &promise, const QString &type, const QUuid &id)
{
    // One step per answer: the row is there, or the next page is asked for and awaited.
    const auto finish = [promise](bool found) {
        promise->addResult(found);
        promise->finish();
    };
    const int typeRow = types->rowOf(type);
    if (typeRow < 0 || !reader)
        return finish(false);
    if (selectedType() != type)
        entitiesPage->typesView->selectRow(typeRow);
    if (entities->typeName() != type)
        return finish(false);
    const int row = entities->rowOf(id);
    if (row >= 0) {
        QTableView *view = entitiesPage->entitiesView;
        view->selectRow(row);
        view->scrollTo(entities->index(row, 0));
        if (!history->isLoading())
            return finish(true);
        QObject::connect(history, &EventsModel::loaded, q, [finish] { finish(true); }, Qt::SingleShotConnection);
        return;
    }
    if (!entities->isFetching() && (!entities->canFetchMore({}) || entities->isPast(id)))
        return finish(false);
    QObject::connect(entities, &EntitiesModel::fetched, q, [this, promise, type, id] { findEntity(promise, type, id); },
                     Qt::SingleShotConnection);
    entities->fetchMore({});
}

InspectorWidget::InspectorWidget(QWidget *parent)
    : QWidget(parent)
    , d_ptr(std::make_unique<InspectorWidgetPrivate>(this))
{
    d_ptr->build();
}

void InspectorWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        d_func()->retranslateUi();
    QWidget::changeEvent(event);
}

InspectorWidget::~InspectorWidget()
{
    // The reader first: nothing it still has under way arrives afterwards.
    d_ptr->reader.reset();
}

void InspectorWidget::setStore(EventStore *store, const Domain &domain, bool readOnly)
{
    Q_D(InspectorWidget);
    // Nothing of the previous store stays: lists, selections, history and replay. The type
    // that was selected is selected again if the new store has it.
    const QString type = d->selectedType();
    const QUuid entity = d->selectedEntity();
    QObject::disconnect(d->storeCommits);
    d->nudge.stop();
    d->reader.reset();
    d->live.reset();
    ++d->stores;
    d->store = store;
    d->domain = domain;
    d->readOnly = readOnly;
    d->banner->hide();
    d->clear();
    if (store)
        d->connectStore(store);
    d->entitiesPage->commands->setStore(store, &d->domain, readOnly);
    d->entitiesPage->commands->setReader(d->reader.get());
    d->projectionsPanel->setStore(d->reader.get(), &d->domain, readOnly);
    d->chartsPage->setReader(d->reader.get(), &d->domain);
    // The domain's views and listeners, created before the first write.
    const PrepareWrites prepare = [live = d->live, domain](EventStore &writer) -> Error {
        if (live->prepared)
            return {};
        if (Error error = domain.setUp(writer); error.isError())
            return error;
        live->prepared = true;
        return {};
    };
    d->entitiesPage->commands->setPrepare(prepare);
    d->entitiesPage->commands->setShowWrites([this] { return pollNow(); });
    d->projectionsPanel->setPrepare(prepare);
    if (store && d->pollInterval > 0)
        d->projectionsTimer.start();
    else
        d->projectionsTimer.stop();
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
    if (d->reader) {
        d->reader->run<bool>([live = d->live, milliseconds](EventStore &) {
            if (live->follower)
                live->follower->setPollInterval(milliseconds);
            return true;
        });
    }
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

QFuture<int> InspectorWidget::pollNow()
{
    return d_func()->pollNow();
}

QDialog *InspectorWidget::checkHistory()
{
    Q_D(InspectorWidget);
    if (!d->reader)
        return nullptr;
    auto *dialog = new HistoryCheckDialog(d->reader.get(), d->domain, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QFuture<bool> InspectorWidget::selectEntity(const QString &typeName, const QUuid &id)
{
    Q_D(InspectorWidget);
    auto promise = std::make_shared<QPromise<bool>>();
    promise->start();
    QFuture<bool> found = promise->future();
    // After the counts: the type's row must be there.
    const quint64 generation = d->stores;
    d->loaded.then(this, [d, promise, typeName, id, generation] {
        if (generation != d->stores) {
            promise->addResult(false);
            promise->finish();
            return;
        }
        d->findEntity(promise, typeName, id);
    });
    return found;
}

EntityTypesModel *InspectorWidget::entityTypesModel() const { return d_ptr->types; }
EntitiesModel *InspectorWidget::entitiesModel() const { return d_ptr->entities; }
EventsModel *InspectorWidget::historyModel() const { return d_ptr->history; }
EventsModel *InspectorWidget::logModel() const { return d_ptr->log; }
ProjectionsModel *InspectorWidget::projectionsModel() const { return d_ptr->projections; }
ParkedModel *InspectorWidget::parkedModel() const { return d_ptr->parked; }

} // namespace Evented::Inspector
