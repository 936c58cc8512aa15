// The QML module offscreen: the tests in tst_*.qml beside this file run on a fresh SQLite store
// with the shipped plugins, and write from another process through eventedctl.

#include "otherprocess.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        if (!m_dir.isValid())
            qFatal("no temporary directory for the store: %s", qPrintable(m_dir.errorString()));
        const QString url = u"sqlite:" + m_dir.filePath(QStringLiteral("accounts.db"));
        const QString pluginPath = QStringLiteral(EVENTED_PLUGIN_DIR);
        engine->addImportPath(QStringLiteral(EVENTED_QML_IMPORT_PATH)); // the module as built
        QQmlContext *context = engine->rootContext();
        context->setContextProperty(QStringLiteral("storeUrl"), url);
        context->setContextProperty(QStringLiteral("pluginDir"), pluginPath);
        context->setContextProperty(QStringLiteral("otherProcess"), new OtherProcess(url, pluginPath, engine));
    }

private:
    QTemporaryDir m_dir;
};

QUICK_TEST_MAIN_WITH_SETUP(qml, Setup)

#include "tst_qml.moc"
