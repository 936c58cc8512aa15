// The accounts in Qt Quick: a list of accounts with their balances, kept by the accounts
// plugin's projection, and deposits, withdrawals and transfers, each shown at once as pending.
// What other processes write (another instance, eventedctl send) shows as it commits.
//
//   evented-qml-accounts [URL] [--plugin-path DIR]
//
// URL defaults to an SQLite file in the application's data directory.

#include <evented/translations.h>

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QStandardPaths>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("evented-qml-accounts"));
    Evented::installTranslations(QLocale(), QStringLiteral("evented-qml-accounts"));
    Evented::installCatalog(QStringLiteral("evented-qml"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Accounts of an event store, in Qt Quick."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QCoreApplication::translate("main", "The store (default: an SQLite file of this application)."));
    const QCommandLineOption pluginPath(QStringLiteral("plugin-path"),
                                        QCoreApplication::translate("main", "A directory of domain plugins."),
                                        QCoreApplication::translate("main", "directory"));
    parser.addOption(pluginPath);
    parser.process(app);

    QString url = parser.positionalArguments().value(0);
    if (url.isEmpty()) {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(data);
        url = u"sqlite:" + data + u"/accounts.db";
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral(EVENTED_QML_IMPORT_PATH)); // the module as built in this tree
    engine.setInitialProperties({{QStringLiteral("storeUrl"), url},
                                 {QStringLiteral("pluginPath"), parser.values(pluginPath)}});
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
                     Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/EventedAccounts/Main.qml")));
    return app.exec();
}
