// A host application built against the installed package: it handles a command through the
// library, then embeds the inspector over its own store with its own entity and command types
// (no plugin), and loads a domain plugin of its own, built with the installed
// evented_add_domain_plugin(). Exits 0 when the event round-trips, the inspector shows the host's
// state, and the plugin's command runs.
#include "pinger.h"

#include <evented/domain.h>
#include <evented/domainplugins.h>
#include <evented/eventstore.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/models.h>

#include <QApplication>
#include <QFutureWatcher>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Evented::EventStore store;
    if (const auto error = store.open(qEnvironmentVariable("EVENTED_TEST_URL")); error.isError()) {
        qCritical() << error;
        return 1;
    }
    auto pinger = store.load<Pinger>(QUuid::createUuid());
    if (!store.handle(pinger.value(), Ping{}).isApplied())
        return 1;
    const auto again = store.load<Pinger>(pinger->id());
    if (!again || again->state().pings != 1 || again->version() != 1)
        return 1;

    // The inspector, embedded, over this application's own live store and types.
    Evented::Domain domain;
    domain.addEntityType<Pinger>().addCommand<Pinger, Ping>();
    Evented::Inspector::InspectorWidget inspector;
    inspector.setStore(&store, domain);
    inspector.show();
    // The inspector reads in a thread of its own: wait here until the entity is shown.
    QFuture<bool> selected = inspector.selectEntity(QStringLiteral("host.pinger"), pinger->id());
    QFutureWatcher<bool> watcher;
    QObject::connect(&watcher, &QFutureWatcher<bool>::finished, &app, &QCoreApplication::quit);
    watcher.setFuture(selected);
    if (!selected.isFinished())
        QCoreApplication::exec();
    if (!selected.result())
        return 1;
    const auto replayed = domain.replay(store, QStringLiteral("host.pinger"), pinger->id());
    if (inspector.historyModel()->rowCount() != 1 || !replayed || replayed->state.toObject().value(u"pings").toInt() != 1)
        return 1;

    // The host's own plugin, as the tools would load it.
    Evented::DomainPlugins plugins;
    plugins.load({QStringLiteral(HOST_PLUGIN_DIR)});
    if (plugins.records().size() != 1 || plugins.records().first().status != Evented::PluginRecord::Status::Loaded) {
        for (const Evented::PluginRecord &record : plugins.records())
            qCritical() << record.fileName << Evented::PluginRecord::statusText(record.status) << record.why;
        return 1;
    }
    const QUuid garden = QUuid::createUuid();
    const Evented::DomainResult planted = plugins.domain().handle(store, QStringLiteral("host.garden"), garden,
                                                                  QStringLiteral("Plant"), {{QStringLiteral("seeds"), 3}});
    const auto grown = plugins.domain().replay(store, QStringLiteral("host.garden"), garden);
    return planted.isApplied() && grown && grown->state.toObject().value(u"seeds").toInt() == 3 ? 0 : 1;
}

