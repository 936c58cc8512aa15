#include <evented/eventstore.h>
#include <evented/inspector/dialogs.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/inspectorwindow.h>

#include <evented/translations.h>

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCommandLineParser>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <evented/storeurl.h>

#include <QUrl>
#include <QUrlQuery>

namespace Evented::Inspector {

class InspectorWindowPrivate
{
public:
    DomainPlugins plugins;
    QStringList pluginPath;
    std::unique_ptr<EventStore> store;
    QString url;
    InspectorWidget *inspector = nullptr;
    QMenu *fileMenu = nullptr;
    QMenu *viewMenu = nullptr;
    QMenu *languageMenu = nullptr;
    QMenu *helpMenu = nullptr;
    QMenu *recentMenu = nullptr;
    QAction *openAction = nullptr;
    QAction *quitAction = nullptr;
    QAction *systemLanguageAction = nullptr;
    QAction *pluginsAction = nullptr;
    QAction *aboutAction = nullptr;
    QAction *readOnlyAction = nullptr;
    QAction *refreshAction = nullptr;
    QAction *closeAction = nullptr;
    QAction *checkHistoryAction = nullptr;
    QLabel *status = nullptr;
};

namespace {

/*! \a url with read_only set to \a readOnly and migration off (the inspector never changes a schema unasked). */
QString withOptions(const QString &text, bool readOnly, bool migrate)
{
    QUrl url(normalizeStoreUrl(text)); // several hosts (failover) in the form QUrl reads
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("read_only"));
    query.removeAllQueryItems(QStringLiteral("migrate"));
    if (readOnly)
        query.addQueryItem(QStringLiteral("read_only"), QStringLiteral("true"));
    else
        query.addQueryItem(QStringLiteral("migrate"), migrate ? QStringLiteral("true") : QStringLiteral("false"));
    url.setQuery(query);
    return url.toString();
}

} // namespace

InspectorWindow::InspectorWindow(const DomainPlugins &plugins, const QStringList &pluginPath, QWidget *parent)
    : QMainWindow(parent)
    , d_ptr(std::make_unique<InspectorWindowPrivate>())
{
    Q_D(InspectorWindow);
    d->plugins = plugins;
    d->pluginPath = pluginPath;
    d->inspector = new InspectorWidget(this);
    setCentralWidget(d->inspector);
    setWindowIcon(QIcon(QStringLiteral(":/evented/icons/evented.svg")));

    // The texts are set by retranslateUi(), now and whenever the language changes.
    d->fileMenu = menuBar()->addMenu(QString());
    QMenu *file = d->fileMenu;
    d->openAction = file->addAction(QIcon(QStringLiteral(":/evented/icons/open.svg")), QString(), this,
                                    &InspectorWindow::showConnectDialog);
    d->openAction->setShortcut(QKeySequence::Open);
    d->openAction->setObjectName(QStringLiteral("action.open"));
    d->recentMenu = file->addMenu(QString());
    d->closeAction = file->addAction(QString(), this, &InspectorWindow::closeStore);
    d->closeAction->setObjectName(QStringLiteral("action.close"));
    d->checkHistoryAction = file->addAction(QString(), d->inspector, &InspectorWidget::checkHistory);
    d->checkHistoryAction->setObjectName(QStringLiteral("action.checkHistory"));
    file->addSeparator();
    d->readOnlyAction = file->addAction(QIcon(QStringLiteral(":/evented/icons/lock.svg")), QString());
    d->readOnlyAction->setObjectName(QStringLiteral("action.readOnly"));
    d->readOnlyAction->setCheckable(true);
    connect(d->readOnlyAction, &QAction::toggled, this, [this, d](bool on) {
        if (d->store && on != isReadOnly()) {
            if (openStore(d->url, on).isError()) {
                const QSignalBlocker block(d->readOnlyAction);
                d->readOnlyAction->setChecked(isReadOnly());
            }
        }
    });
    file->addSeparator();
    d->quitAction = file->addAction(QString(), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    d->viewMenu = menuBar()->addMenu(QString());
    QMenu *view = d->viewMenu;
    d->refreshAction = view->addAction(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), QString(), d->inspector,
                                       &InspectorWidget::refresh);
    d->refreshAction->setShortcut(QKeySequence::Refresh);
    d->refreshAction->setObjectName(QStringLiteral("action.refresh"));
    view->addSeparator();
    view->addActions(d->inspector->actions()); // entities, replay, filter
    view->addSeparator();
    d->languageMenu = view->addMenu(QString());
    auto *languageGroup = new QActionGroup(this);
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    const auto addLanguage = [&](const QString &name, const QString &code) {
        QAction *action = d->languageMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        action->setData(code);
        action->setObjectName(u"action.language." + (code.isEmpty() ? QStringLiteral("system") : code));
        languageGroup->addAction(action);
        return action;
    };
    d->systemLanguageAction = addLanguage(QString(), QString());
    addLanguage(QStringLiteral("English"), QStringLiteral("en"));
    addLanguage(QStringLiteral("Deutsch"), QStringLiteral("de"));
    addLanguage(QStringLiteral("Français"), QStringLiteral("fr"));
    connect(languageGroup, &QActionGroup::triggered, this, [](QAction *action) {
        // At once: every widget shows its texts anew on the LanguageChange that follows.
        const QString code = action->data().toString();
        QSettings().setValue(QStringLiteral("language"), code);
        changeLanguage(code.isEmpty() ? QLocale::system() : QLocale(code));
    });

    d->helpMenu = menuBar()->addMenu(QString());
    d->pluginsAction = d->helpMenu->addAction(QString(), this, &InspectorWindow::showPluginsDialog);
    d->aboutAction = d->helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About the Evented inspector"),
                           tr("Browses the entities and events of an event store, replays histories, runs "
                              "commands and watches projections.\nLibrary schema version %1.")
                               .arg(EventStore::currentSchemaVersion()));
    });

    d->status = new QLabel(this);
    statusBar()->addWidget(d->status, 1);
    connect(d->inspector, &InspectorWidget::errorOccurred, this,
            [this](const Error &error) { statusBar()->showMessage(error.message(), 10000); });
    updateRecentMenu();
    retranslateUi();
    resize(1200, 760);
    restoreLayout();
}

void InspectorWindow::retranslateUi()
{
    Q_D(InspectorWindow);
    d->fileMenu->setTitle(tr("&Store"));
    d->openAction->setText(tr("&Open…"));
    d->recentMenu->setTitle(tr("Open &recent"));
    d->closeAction->setText(tr("&Close"));
    d->checkHistoryAction->setText(tr("Check &history…"));
    d->checkHistoryAction->setToolTip(tr("Reads every event with the plugins' current code, folds every entity and compares its snapshots"));
    d->readOnlyAction->setText(tr("Read-&only"));
    d->quitAction->setText(tr("&Quit"));
    d->viewMenu->setTitle(tr("&View"));
    d->refreshAction->setText(tr("&Refresh"));
    d->languageMenu->setTitle(tr("&Language"));
    d->systemLanguageAction->setText(tr("System language"));
    d->helpMenu->setTitle(tr("&Help"));
    d->pluginsAction->setText(tr("Domain &plugins…"));
    d->aboutAction->setText(tr("&About"));
    updateTitle();
}

void InspectorWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

InspectorWindow::~InspectorWindow()
{
    Q_D(InspectorWindow);
    d->inspector->setStore(nullptr);
}

Error InspectorWindow::openStore(const QString &url, bool readOnly, bool interactive)
{
    Q_D(InspectorWindow);
    // Opened without migration, so nothing is created (not even a missing SQLite file) unless asked.
    auto store = std::make_unique<EventStore>();
    Error error = store->open(withOptions(url, readOnly, false));
    if (error.kind() == Error::Kind::NoStore && !readOnly && interactive
        && QMessageBox::question(this, tr("Not an event store"),
                                 tr("%1 holds no event store. Create one there?").arg(ConnectDialog::withoutPassword(url)))
            == QMessageBox::Yes)
        error = store->open(withOptions(url, false, true));
    if (error.isError()) {
        if (interactive)
            QMessageBox::warning(this, tr("Cannot open the store"), explain(error));
        statusBar()->showMessage(error.message());
        return error;
    }
    // The domain's views and listeners are set up on the first write from the inspector.
    const Domain domain = d->plugins.domain();
    d->inspector->setStore(store.get(), domain, readOnly);
    d->store = std::move(store);
    d->url = url;
    {
        const QSignalBlocker block(d->readOnlyAction);
        d->readOnlyAction->setChecked(readOnly);
    }
    ConnectDialog::remember(url);
    updateRecentMenu();
    updateTitle();
    return {};
}

QString InspectorWindow::explain(const Error &error) const
{
    QString hint;
    switch (error.kind()) {
    case Error::Kind::ConnectionFailed:
        hint = tr("Check the host, port, database name, user and password, and that the server runs.");
        break;
    case Error::Kind::Schema:
        hint = tr("The database is not an event store of a version this inspector reads.");
        break;
    case Error::Kind::NoStore:
        hint = tr("The database holds no event store.");
        break;
    case Error::Kind::InvalidArgument:
        hint = tr("Check the store URL.");
        break;
    default:
        break;
    }
    return hint.isEmpty() ? error.message() : error.message() + u"\n\n" + hint;
}

void InspectorWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void InspectorWindow::saveLayout() const
{
    Q_D(const InspectorWindow);
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    const QList<QSplitter *> splitters = d->inspector->findChildren<QSplitter *>();
    for (const QSplitter *splitter : splitters) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(u"splitters/" + splitter->objectName(), splitter->saveState());
    }
    // The store shown, as the recent connections keep it: without its password.
    settings.setValue(QStringLiteral("lastStore"), ConnectDialog::withoutPassword(d->url));
    settings.setValue(QStringLiteral("lastStoreReadOnly"), !d->url.isEmpty() && isReadOnly());
}

void InspectorWindow::restoreLayout()
{
    Q_D(InspectorWindow);
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    if (const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    const QList<QSplitter *> splitters = d->inspector->findChildren<QSplitter *>();
    for (QSplitter *splitter : splitters) {
        const QByteArray state = settings.value(u"splitters/" + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
}

bool InspectorWindow::reopenLastStore()
{
    QSettings settings;
    const QString url = settings.value(QStringLiteral("window/lastStore")).toString();
    if (url.isEmpty())
        return false;
    return !openStore(url, settings.value(QStringLiteral("window/lastStoreReadOnly")).toBool(), false).isError();
}

void InspectorWindow::closeStore()
{
    Q_D(InspectorWindow);
    d->inspector->setStore(nullptr);
    d->store.reset();
    d->url.clear();
    updateTitle();
}

EventStore *InspectorWindow::store() const
{
    Q_D(const InspectorWindow);
    return d->store.get();
}

InspectorWidget *InspectorWindow::inspector() const
{
    Q_D(const InspectorWindow);
    return d->inspector;
}

bool InspectorWindow::isReadOnly() const
{
    Q_D(const InspectorWindow);
    return d->inspector->isReadOnly();
}

int InspectorWindow::runApplication(QApplication &app)
{
    QApplication::setOrganizationName(QStringLiteral("evented"));
    QApplication::setApplicationName(QStringLiteral("inspector"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/evented/icons/evented.svg")));

    // The language first, so that the help text is in it too: as asked, as chosen, or the system's.
    const QStringList arguments = QApplication::arguments();
    QString code = QSettings().value(QStringLiteral("language")).toString();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == u"--language" && i + 1 < arguments.size())
            code = arguments.at(i + 1);
        else if (arguments.at(i).startsWith(u"--language="))
            code = arguments.at(i).section(u'=', 1);
    }
    const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
    QLocale::setDefault(locale);
    installTranslations(locale, QStringLiteral("evented-inspector"));

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Browses an event store: entities, histories, commands and projections."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption readOnly(QStringLiteral("read-only"), tr("Open the store read-only."));
    const QCommandLineOption pluginPath(QStringLiteral("plugin-path"), tr("Look for domain plugins in <DIR> first (repeatable)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("language"), tr("Use <LANGUAGE> (de, fr, en) instead of the chosen one."),
                                      QStringLiteral("LANGUAGE"));
    parser.addOptions({readOnly, pluginPath, language});
    parser.addPositionalArgument(QStringLiteral("url"), tr("The store: sqlite:/path/file.db or postgresql://user@host/database."),
                                 QStringLiteral("[URL]"));
    parser.process(app);

    const QStringList path = DomainPlugins::searchPath(parser.values(pluginPath));
    DomainPlugins plugins;
    plugins.load(path);
    InspectorWindow window(plugins, path);
    window.show();
    const QStringList urls = parser.positionalArguments();
    const bool asReadOnly = parser.isSet(readOnly);
    QTimer::singleShot(0, &window, [&window, urls, asReadOnly] {
        if (!urls.isEmpty())
            static_cast<void>(window.openStore(urls.first(), asReadOnly)); // shown in the window
        else if (!window.reopenLastStore())
            window.showConnectDialog();
    });
    return QApplication::exec();
}

void InspectorWindow::showConnectDialog()
{
    Q_D(InspectorWindow);
    ConnectDialog dialog(this);
    if (!d->url.isEmpty())
        dialog.setUrl(d->url, isReadOnly());
    while (dialog.exec() == QDialog::Accepted) {
        if (!openStore(dialog.url(), dialog.isReadOnly()).isError())
            return;
    }
}

void InspectorWindow::showPluginsDialog()
{
    Q_D(InspectorWindow);
    PluginsDialog dialog(d->plugins.records(), d->pluginPath, this);
    dialog.exec();
}

void InspectorWindow::updateRecentMenu()
{
    Q_D(InspectorWindow);
    d->recentMenu->clear();
    const QStringList recent = ConnectDialog::recentUrls();
    for (const QString &url : recent)
        d->recentMenu->addAction(url, this, [this, d, url] {
            static_cast<void>(openStore(url, d->readOnlyAction->isChecked())); // shown in the window
        });
    d->recentMenu->setEnabled(!recent.isEmpty());
}

void InspectorWindow::updateTitle()
{
    Q_D(InspectorWindow);
    const bool open = d->store != nullptr;
    d->closeAction->setEnabled(open);
    d->checkHistoryAction->setEnabled(open);
    d->refreshAction->setEnabled(open);
    d->readOnlyAction->setEnabled(open);
    const QString shown = ConnectDialog::withoutPassword(d->url);
    setWindowTitle(open ? tr("%1 – Evented inspector").arg(shown) : tr("Evented inspector"));
    int loaded = 0;
    for (const PluginRecord &record : d->plugins.records())
        loaded += record.status == PluginRecord::Status::Loaded ? 1 : 0;
    if (!open)
        d->status->setText(tr("No store open · %n plugin(s)", nullptr, loaded));
    else if (isReadOnly())
        d->status->setText(tr("%1 · read-only · %n plugin(s)", nullptr, loaded).arg(shown));
    else
        d->status->setText(tr("%1 · %n plugin(s)", nullptr, loaded).arg(shown));
}

} // namespace Evented::Inspector
