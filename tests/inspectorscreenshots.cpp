// evented-inspector-screenshots DIR [--url URL]: writes the README's screenshots of the
// inspector (history, replay, commands, log, projections, connect, plugins) as PNG files to
// DIR, from a store it fills with counters (an SQLite file of its own unless --url is given).
// Run offscreen: QT_QPA_PLATFORM=offscreen.

#include <evented/domainplugins.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/inspector/dialogs.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/inspectorwindow.h>
#include <evented/inspector/models.h>
#include <evented/projection.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Evented;
using namespace Evented::Inspector;

namespace {

const QUuid counterId = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-000000000001"));

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no widget %s", qPrintable(name));
    return found;
}

bool increase(const Domain &domain, EventStore &store, const QUuid &id, const QString &command, const QString &key, int by)
{
    const DomainResult outcome = domain.handle(store, QStringLiteral("counter"), id, command, {{key, by}});
    if (!outcome.isApplied())
        qWarning() << "not applied:" << outcome.error.message() << outcome.rejectionName;
    return outcome.isApplied();
}

/*! Turns the event loop until \a ready, as the inspector delivers what it reads. */
template<typename F>
bool until(F ready)
{
    return QTest::qWaitFor(ready, 10000);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes the inspector's screenshots of the README to DIR."));
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("The store to fill (an empty one); default a new SQLite file."),
                                       QStringLiteral("URL"));
    parser.addOption(urlOption);
    parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Where the PNG files go."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QString dir = parser.positionalArguments().first();
    QDir().mkpath(dir);
    const auto save = [&dir](QWidget *widget, const QString &name) {
        const QString file = dir + u'/' + name + QStringLiteral(".png");
        if (!widget->grab().save(file))
            qFatal("cannot write %s", qPrintable(file));
        qInfo("%s", qPrintable(file));
    };

    QTemporaryDir temporary;
    const QString url = parser.isSet(urlOption) ? parser.value(urlOption)
                                                : u"sqlite:" + temporary.filePath(QStringLiteral("screenshots.db"));
    DomainPlugins plugins;
    plugins.load({QStringLiteral(EVENTED_PLUGIN_DIR)});
    const Domain domain = plugins.domain();
    EventStore store;
    if (const Error error = store.open(url); error.isError())
        qFatal("cannot open %s: %s", qPrintable(url), qPrintable(error.message()));
    if (domain.setUp(store).isError() || !increase(domain, store, counterId, QStringLiteral("Increase"), QStringLiteral("inc"), 5)
        || !increase(domain, store, counterId, QStringLiteral("Increase"), QStringLiteral("inc"), 3)
        || !increase(domain, store, counterId, QStringLiteral("Decrease"), QStringLiteral("dec"), 2))
        return 1;
    for (int i = 0; i < 12; ++i) {
        if (!increase(domain, store, QUuid::createUuid(), QStringLiteral("Increase"), QStringLiteral("inc"), i + 1))
            return 1;
    }
    Projection seed(&store, QStringLiteral("counter"));
    static_cast<void>(seed.reset(false)); // the projection is listed, at position 0

    InspectorWindow window(plugins);
    if (window.openStore(url, false, false).isError())
        return 1;
    window.resize(1200, 720);
    window.show();
    InspectorWidget *widget = window.inspector();
    QFuture<bool> selected = widget->selectEntity(QStringLiteral("counter"), counterId);
    if (!until([&selected] { return selected.isFinished(); }) || !selected.result())
        qFatal("the counter was not found");
    child<QTableView>(widget, QStringLiteral("history"))->selectRow(1);
    auto *entityTabs = child<QTabWidget>(widget, QStringLiteral("entityTabs"));
    save(&window, QStringLiteral("history"));
    entityTabs->setCurrentIndex(1);
    save(&window, QStringLiteral("replay"));
    entityTabs->setCurrentIndex(2);
    child<QLineEdit>(widget, QStringLiteral("param.inc"))->setText(QStringLiteral("4"));
    auto *outcome = child<QPlainTextEdit>(widget, QStringLiteral("commands.outcome"));
    QTest::mouseClick(child<QPushButton>(widget, QStringLiteral("commands.run")), Qt::LeftButton);
    until([outcome] { return outcome->toPlainText().startsWith(QStringLiteral("Applied")); });
    save(&window, QStringLiteral("commands-panel"));
    auto *tabs = child<QTabWidget>(widget, QStringLiteral("tabs"));
    tabs->setCurrentIndex(1);
    until([widget] { return widget->logModel()->rowCount() >= 19; });
    child<QTableView>(widget, QStringLiteral("log"))->selectRow(0);
    save(&window, QStringLiteral("log"));
    tabs->setCurrentIndex(2);
    until([widget] { return widget->projectionsModel()->rowCount() > 0; });
    child<QTableView>(widget, QStringLiteral("projections"))->selectRow(0);
    QMetaObject::invokeMethod(child<QWidget>(widget, QStringLiteral("projectionsPanel")), "rebuildInPlace");
    const qint64 head = EventLog(&store).stats()->head;
    until([widget, head] {
        return widget->projectionsModel()->rowCount() > 0 && widget->projectionsModel()->state(0).seqNo == head
            && child<QPushButton>(widget, QStringLiteral("projections.rebuild"))->isEnabled();
    });
    save(&window, QStringLiteral("projections"));
    tabs->setCurrentWidget(child<QWidget>(widget, QStringLiteral("chartsTab")));
    auto *rate = child<QChartView>(widget, QStringLiteral("charts.rate"));
    auto *lag = child<QChartView>(widget, QStringLiteral("charts.lag"));
    until([rate, lag] {
        const QList<QAbstractSeries *> lags = lag->chart()->series();
        return rate->chart()->series().size() > 1 && !lags.isEmpty() && static_cast<QLineSeries *>(lags.first())->count() >= 4;
    });
    save(&window, QStringLiteral("charts"));
    ConnectDialog connect(&window);
    connect.setUrl(QStringLiteral("postgresql://app@localhost:5432/shop?schema=public"));
    connect.resize(520, 420);
    save(&connect, QStringLiteral("connect"));
    PluginsDialog pluginsDialog(plugins.records(), {QStringLiteral(EVENTED_PLUGIN_DIR)}, &window);
    save(&pluginsDialog, QStringLiteral("plugins"));
    return 0;
}
