// The inspector's window and dialogs: opening stores that fail in each way, the connect dialog,
// and the interface in German and French.

#include "inspectorsupport.h"

#include <evented/inspector/dialogs.h>
#include <evented/inspector/inspectorwindow.h>
#include <evented/translations.h>

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTranslator>

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

class tst_InspectorWindow : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void connectErrors()
    {
        InspectorWindow window(m_fixture.plugins());
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
            EVENTED_VERIFY_OK(store.open(newer.url()));
        }
        EXEC(newer.db(), u"INSERT INTO " + newer.table(QStringLiteral("evented_migrations")) + u" (version) VALUES (99)");
        error = window.openStore(newer.url(), false, false);
        QCOMPARE(error.kind(), Error::Kind::Schema);
        QVERIFY(!window.store());
        // The window stays usable: a good store opens after the failures.
        Schema good;
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(good.url()));
            QVERIFY(m_fixture.seedCounter(store));
        }
        EVENTED_VERIFY_OK(window.openStore(good.url(), false, false));
        QVERIFY(await(window.inspector()->selectEntity(QStringLiteral("counter"), counterId)));
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

    void remembersLayoutAndStore()
    {
        QSettings().remove(QStringLiteral("window"));
        Schema schema;
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            QVERIFY(m_fixture.seedCounter(store));
        }
        // The password is not remembered: libpq finds it in the password file, as it would in ~/.pgpass.
        QTemporaryDir dir;
        const QUrl url(schema.url());
        QFile passwords(dir.filePath(QStringLiteral("pgpass")));
        QVERIFY(passwords.open(QIODevice::WriteOnly));
        passwords.write(QStringLiteral("%1:%2:*:%3:%4\n").arg(url.host()).arg(url.port(5432)).arg(url.userName(), url.password()).toUtf8());
        passwords.close();
        passwords.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qputenv("PGPASSFILE", passwords.fileName().toLocal8Bit());

        QByteArray logState;
        {
            InspectorWindow window(m_fixture.plugins());
            QVERIFY(!window.reopenLastStore()); // none yet
            EVENTED_VERIFY_OK(window.openStore(schema.url(), true, false));
            window.resize(900, 610);
            window.show();
            auto *split = child<QSplitter>(window.inspector(), QStringLiteral("log.split"));
            split->setSizes({120, 300});
            logState = split->saveState();
            window.close();
        }
        InspectorWindow window(m_fixture.plugins());
        QCOMPARE(child<QSplitter>(window.inspector(), QStringLiteral("log.split"))->saveState(), logState);
        QCOMPARE(window.size(), QSize(900, 610));
        QVERIFY(window.reopenLastStore());
        QVERIFY(window.store());
        QVERIFY(window.isReadOnly());
        QVERIFY(await(window.inspector()->selectEntity(QStringLiteral("counter"), counterId)));
        // Closed without a store: none is opened the next time.
        window.closeStore();
        window.close();
        InspectorWindow next(m_fixture.plugins());
        QVERIFY(!next.reopenLastStore());
        qunsetenv("PGPASSFILE");
    }

    void keyboardShortcuts()
    {
        Inspected inspected;
        ModelTesters testers(&inspected.widget);
        const QUuid second = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-000000000002"));
        QVERIFY(inspected.open(m_fixture));
        QVERIFY(m_fixture.increase(inspected.store, second, 1));
        InspectorWidget &widget = inspected.widget;
        QCOMPARE(await(widget.pollNow()), 1);
        widget.resize(1100, 700);
        widget.show();
        QVERIFY(QTest::qWaitForWindowActive(&widget));
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        auto *entities = child<QTableView>(&widget, QStringLiteral("entities"));
        entities->setFocus();
        const auto selected = [&widget, entities] {
            const QModelIndexList rows = entities->selectionModel()->selectedRows();
            return rows.isEmpty() ? QUuid() : widget.entitiesModel()->entity(rows.first().row()).id;
        };
        QCOMPARE(selected(), counterId);

        // Alt+Down and Alt+Up: the next and the previous entity, with its history.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(selected(), second);
        QTRY_COMPARE(widget.historyModel()->rowCount(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(selected(), counterId);
        QTRY_COMPARE(widget.historyModel()->rowCount(), 3);

        // Alt+Left and Alt+Right step the replay, which is shown.
        auto *position = child<QLabel>(&widget, QStringLiteral("replay.position"));
        QTRY_COMPARE(position->text(), QStringLiteral("Version 3 of 3"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(position->text(), QStringLiteral("Version 2 of 3"));
        QCOMPARE(child<QTabWidget>(&widget, QStringLiteral("entityTabs"))->currentWidget(), child<QWidget>(&widget, QStringLiteral("replay")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(position->text(), QStringLiteral("Version 3 of 3"));

        // Ctrl+F: the filter of the tab shown.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), child<QWidget>(&widget, QStringLiteral("entities.filter")));
        child<QTabWidget>(&widget, QStringLiteral("tabs"))->setCurrentWidget(child<QWidget>(&widget, QStringLiteral("logTab")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), child<QWidget>(&widget, QStringLiteral("log.entity")));

        // The actions are the widget's, for a window's menu.
        QStringList names;
        for (const QAction *action : widget.actions())
            names << action->objectName();
        QCOMPARE(names, (QStringList{QStringLiteral("action.nextEntity"), QStringLiteral("action.previousEntity"),
                                     QStringLiteral("action.replayForward"), QStringLiteral("action.replayBack"),
                                     QStringLiteral("action.focusFilter")}));
    }

    void languageChangesAtOnce()
    {
        Schema schema;
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            QVERIFY(m_fixture.seedCounter(store));
        }
        // As the program does at its start: the catalogs in the language chosen (here none).
        Evented::installTranslations(QLocale(QLocale::English), QStringLiteral("evented-inspector"));
        InspectorWindow window(m_fixture.plugins());
        EVENTED_VERIFY_OK(window.openStore(schema.url(), false, false));
        window.show();
        QVERIFY(await(window.inspector()->selectEntity(QStringLiteral("counter"), counterId)));
        auto *tabs = child<QTabWidget>(window.inspector(), QStringLiteral("tabs"));
        auto *logEntity = child<QLineEdit>(window.inspector(), QStringLiteral("log.entity"));
        auto *rate = child<QChartView>(window.inspector(), QStringLiteral("charts.rate"));
        auto *stateLabel = child<QLabel>(window.inspector(), QStringLiteral("replay.position"));
        QAbstractItemModel *log = window.inspector()->logModel();
        const auto file = [&window] { return window.menuBar()->actions().first()->text(); };
        QCOMPARE(tabs->tabText(0), QStringLiteral("Entities"));

        // Each language at once, without a restart: menus, tabs, fields, charts, headers, the replay.
        struct Shown
        {
            const char *language;
            QString entities, store, entityId, chart, seqNo, position;
        };
        const Shown languages[] = {
            {"de", QStringLiteral("Entitäten"), QStringLiteral("&Store"), QStringLiteral("Entitäts-ID"),
             QStringLiteral("Ereignisse pro Minute, letzte Stunde"), QStringLiteral("Seq.-Nr."), QStringLiteral("Version 3 von 3")},
            {"fr", QStringLiteral("Entités"), QStringLiteral("&Magasin"), QStringLiteral("Identifiant d’entité"),
             QStringLiteral("Événements par minute, dernière heure"), QStringLiteral("N° de séquence"), QStringLiteral("Version 3 sur 3")},
            {"en", QStringLiteral("Entities"), QStringLiteral("&Store"), QStringLiteral("Entity id"),
             QStringLiteral("Events per minute, last hour"), QStringLiteral("Seq no"), QStringLiteral("Version 3 of 3")},
        };
        for (const Shown &shown : languages) {
            auto *action = child<QAction>(&window, u"action.language." + QLatin1StringView(shown.language));
            action->trigger();
            QTRY_COMPARE(tabs->tabText(0), shown.entities);
            QCOMPARE(file(), shown.store);
            QCOMPARE(logEntity->placeholderText(), shown.entityId);
            QCOMPARE(rate->chart()->title(), shown.chart);
            QCOMPARE(log->headerData(EventsModel::SeqNo, Qt::Horizontal).toString(), shown.seqNo);
            QCOMPARE(stateLabel->text(), shown.position);
            QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QLatin1StringView(shown.language));
        }
        QSettings().remove(QStringLiteral("language"));
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
};

QTEST_MAIN(tst_InspectorWindow)
#include "tst_inspector_window.moc"
