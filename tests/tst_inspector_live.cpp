// Live events in the inspector on both backends: from another connection by the poll and by
// notification, bursts, late commits, undecodable events, and refreshing without counting twice.

#include "inspectorsupport.h"

#include <QTableView>

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

class tst_InspectorLive : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void liveFromAnotherConnection()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(50);
        widget.setStore(&store, m_fixture.domain());
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        auto *entities = child<QTableView>(&widget, QStringLiteral("entities"));
        QTRY_COMPARE(widget.logModel()->rowCount(), 3);

        // Another connection (as another process would) adds an entity and changes the selected one.
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        const QUuid second = QUuid::createUuid();
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), second, QStringLiteral("Increase"), {{QStringLiteral("inc"), 2}}));
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 9}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 5);
        QCOMPARE(widget.logModel()->event(0).entityId, counterId); // newest first
        QTRY_VERIFY(widget.entitiesModel()->rowOf(second) >= 0);
        QCOMPARE(widget.historyModel()->rowCount(), 4);
        // The selection stayed on the same entity, now at version 4, and the replay followed it.
        const QModelIndexList selected = entities->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(widget.entitiesModel()->entity(selected.first().row()).id, counterId);
        QCOMPARE(widget.entitiesModel()->entity(selected.first().row()).version, 4);
        QCOMPARE(jsonOf(child<QPlainTextEdit>(&widget, QStringLiteral("replay.state"))).value(QStringLiteral("value")).toInt(), 15);

        // This process's own commits arrive through the signal (read at once by the reader), each once.
        QVERIFY(m_fixture.send(store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 6);
        QCOMPARE(await(widget.pollNow()), 0);
        QCOMPARE(widget.logModel()->rowCount(), 6);
    }

    void liveByNotification()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        if (isSqlite()) {
            QVERIFY(!store.listenForCommits());
            QSKIP("SQLite has no notifications: the inspector polls it (liveFromAnotherConnection)");
        }
        QVERIFY(m_fixture.seedCounter(store));
        InspectorWidget widget;
        widget.setPollInterval(0); // no polling: only the notification can bring the event
        widget.setStore(&store, m_fixture.domain());
        QTRY_COMPARE(widget.logModel()->rowCount(), 3);
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"),
                     {{QStringLiteral("inc"), 1}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 4);
    }

    void liveBurstThenOwnCommit()
    {
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        for (int i = 0; i < 100; ++i)
            QVERIFY(m_fixture.send(other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        // own commit before the next poll
        QVERIFY(m_fixture.send(store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        await(widget.pollNow());
        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QCOMPARE(widget.logModel()->rowCount(), 104);
        QCOMPARE(widget.entityTypesModel()->stats(row).events, 104);
        QCOMPARE(widget.entityTypesModel()->stats(row).entities, 101);
    }

    void liveLateCommit()
    {
        POSTGRESQL_ONLY("late commits");
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        QSqlDatabase raw = rawConnection();
        EXEC(raw, QStringLiteral("BEGIN"));
        EXEC(raw, u"INSERT INTO " + schema.table(QStringLiteral("event")) + u" (entity_id, version, type_name, event, metadata) VALUES ('" + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'counter', '{\"Increased\":{\"inc\":1}}', 'null')");
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        for (int i = 0; i < 70; ++i)
            QVERIFY(m_fixture.send(other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        // The commit order waits for the open transaction; what came after is shown all the same.
        await(widget.pollNow());
        QCOMPARE(widget.logModel()->rowCount(), 73);
        EXEC(raw, QStringLiteral("COMMIT"));
        await(widget.pollNow());
        QCOMPARE(widget.logModel()->rowCount(), 74);
        QCOMPARE(await(widget.pollNow()), 0); // and each once
        closeConnection(raw);
    }

    void undecodableEventIsShownAsText()
    {
        if (!isSqlite())
            QSKIP("PostgreSQL's jsonb holds only valid JSON");
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + u" (entity_id, version, type_name, event, metadata) VALUES ('"
                              + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"', 1, 'counter', '{broken', 'null')");
        QCOMPARE(await(widget.pollNow()), 1);
        QCOMPARE(widget.logModel()->event(0).event, QJsonValue(QStringLiteral("{broken")));
        // The poll goes on past it.
        QVERIFY(m_fixture.send(store, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        QTRY_COMPARE(widget.logModel()->rowCount(), 5);
        QCOMPARE(await(widget.pollNow()), 0);
    }

    void refreshCountsOnce()
    {
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), QUuid::createUuid(), QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        widget.refresh();
        await(widget.pollNow());
        const int row = widget.entityTypesModel()->rowOf(QStringLiteral("counter"));
        QCOMPARE(widget.entityTypesModel()->index(row, EntityTypesModel::Events).data().toString(), QStringLiteral("4"));
    }

    void refreshReloadsHistory()
    {
        Inspected inspected;
        QVERIFY(inspected.open(m_fixture));
        auto &[schema, store, widget] = inspected;
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId)));
        EventStore other;
        EVENTED_VERIFY_OK(other.open(schema.url()));
        QVERIFY(m_fixture.send(other, QStringLiteral("counter"), counterId, QStringLiteral("Increase"), {{QStringLiteral("inc"), 1}}));
        widget.refresh();
        QTRY_COMPARE(widget.historyModel()->rowCount(), 4);
    }
};

QTEST_MAIN(tst_InspectorLive)
#include "tst_inspector_live.moc"
