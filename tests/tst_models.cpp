// The live item models on both backends: ProjectionModel over a projection's view (pages, row
// by row changes with no reset, a projection in another process, optimistic rows through
// CommandRunner), EntityModel over the entities of a type, and their errors. Every model runs
// under QAbstractItemModelTester.

#include "testcounter.h"
#include "testoutcomes.h"
#include "testsupport.h"

#include <evented/commandrunner.h>
#include <evented/domain.h>
#include <evented/entitymodel.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/projectionmodel.h>

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

constexpr int timeoutMs = 20'000;
const QString viewTable = QStringLiteral("counter_view");

/*! Increase and Decrease as gadgets, for a Domain: their parameters are the gadgets' properties. */
struct Add
{
    Q_GADGET
    Q_PROPERTY(quint64 amount MEMBER amount)
public:
    quint64 amount = 1;
    Decision<Counter, OutOfRange> handle(const QUuid &id, const Counter &counter) const
    {
        return Increase{amount}.handle(id, counter);
    }
};
struct Take
{
    Q_GADGET
    Q_PROPERTY(quint64 amount MEMBER amount)
public:
    quint64 amount = 1;
    Decision<Counter, OutOfRange> handle(const QUuid &id, const Counter &counter) const
    {
        return Decrease{amount}.handle(id, counter);
    }
};

/*! The domain of the counters, with the projection "counters" into counter_view(id, value). */
Domain counterDomain()
{
    Domain domain;
    domain.addEntityType<Counter>().addCommand<Counter, Add>().addCommand<Counter, Take>();
    domain.addTable(viewTable, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"));
    domain.addProjection(QStringLiteral("counters"), [](Projection &projection, EventStore &store) {
        const QString view = store.tableName(viewTable);
        projection.setPollInterval(100);
        projection.setHandler<Counter>([view](const Counter::Event &event, const RecordedEvent &recorded, QSqlDatabase &db) {
            QSqlQuery query(db);
            if (const auto *decreased = std::get_if<Decreased>(&event); decreased && decreased->dec == 0) {
                // Decrease by 0 takes the counter out of the view.
                query.prepare(u"DELETE FROM " + view + u" WHERE id = ?");
                query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
            } else {
                const qint64 delta = decreased ? -qint64(decreased->dec) : qint64(std::get<Increased>(event).inc);
                query.prepare(u"INSERT INTO " + view
                              + u" AS v (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = v.value + excluded.value");
                query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
                query.addBindValue(delta);
            }
            query.exec();
            return ListenerResult::check(query);
        });
    });
    return domain;
}

/*! \a n counters with ids in order (so that row i is counter i), each increased by i + 1. */
QList<QUuid> increaseCounters(EventStore &store, int n)
{
    QList<QUuid> ids;
    for (int i = 0; i < n; ++i)
        ids.append(QUuid::createUuid());
    std::sort(ids.begin(), ids.end(), [](const QUuid &a, const QUuid &b) {
        return a.toString(QUuid::WithoutBraces) < b.toString(QUuid::WithoutBraces);
    });
    for (int i = 0; i < n; ++i) {
        auto counter = store.load<Counter>(ids.at(i));
        if (!counter || !TestSupport::isOk(store.handle(counter.value(), Increase{quint64(i + 1)})))
            return {};
    }
    return ids;
}

QString text(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

/*! The value the model shows for counter \a id, or -1 when it has no row. */
qint64 shown(const ProjectionModel &model, const QUuid &id)
{
    const int row = model.indexOf({{QStringLiteral("id"), text(id)}});
    return row < 0 ? -1 : model.get(row).value(QStringLiteral("value")).toLongLong();
}

/*! A projection of \a domain running on \a store. */
std::unique_ptr<Projection> run(EventStore &store, const Domain &domain, const QString &name)
{
    auto projection = std::make_unique<Projection>(&store, name);
    domain.projection(name)->configure(*projection, store);
    projection->start();
    return projection;
}

} // namespace

class tst_Models : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void rowsChangeOneByOne()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const Domain domain = counterDomain();
        EVENTED_VERIFY_OK(domain.setUp(store));
        const QList<QUuid> ids = increaseCounters(store, 5);
        QCOMPARE(ids.size(), 5);
        auto projection = run(store, domain, QStringLiteral("counters"));

        ProjectionModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(50);
        model.setProjection(QStringLiteral("counters"));
        model.setTable(viewTable);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, timeoutMs);
        QVERIFY(model.isReady());
        QCOMPARE(model.columns(), (QStringList{QStringLiteral("id"), QStringLiteral("value")}));
        QCOMPARE(model.roleNames().value(ProjectionModel::FirstColumnRole + 1), QByteArray("value"));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(model.data(model.index(i, 0)).toString(), text(ids.at(i)));
            QCOMPARE(model.data(model.index(i, 1)).toLongLong(), i + 1);
            QCOMPARE(model.data(model.index(i, 0), ProjectionModel::FirstColumnRole + 1).toLongLong(), i + 1);
        }

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // A change: counter 2 by 10.
        auto counter = store.load<Counter>(ids.at(2));
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{10}));
        QTRY_COMPARE_WITH_TIMEOUT(shown(model, ids.at(2)), 13, timeoutMs);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 2);
        // A removal: counter 1 leaves the view.
        counter = store.load<Counter>(ids.at(1));
        EVENTED_VERIFY_OK(store.handle(counter.value(), Decrease{0}));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, timeoutMs);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 1);
        QCOMPARE(shown(model, ids.at(1)), -1);
        // An insertion where the key sorts: counter 1 comes back.
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{7}));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, timeoutMs);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 1);
        QCOMPARE(shown(model, ids.at(1)), 7);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.lastError().kind(), Error::Kind::None);
    }

    void pagesAsTheViewScrolls()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const Domain domain = counterDomain();
        EVENTED_VERIFY_OK(domain.setUp(store));
        const QList<QUuid> ids = increaseCounters(store, 25);
        QCOMPARE(ids.size(), 25);
        auto projection = run(store, domain, QStringLiteral("counters"));
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(viewTable)).toInt(), 25, timeoutMs);

        ProjectionModel model(&store); // no QAbstractItemModelTester here: it fetches every page
        model.setPageSize(10);
        model.setRefreshInterval(50);
        model.setProjection(QStringLiteral("counters"));
        model.setTable(viewTable);
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), timeoutMs);
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 20, timeoutMs);
        QCOMPARE(model.data(model.index(19, 0)).toString(), text(ids.at(19)));
        // A change beyond the rows read is not shown; one among them is.
        auto last = store.load<Counter>(ids.at(24));
        EVENTED_VERIFY_OK(store.handle(last.value(), Increase{100}));
        auto fifth = store.load<Counter>(ids.at(4));
        EVENTED_VERIFY_OK(store.handle(fifth.value(), Increase{100}));
        QTRY_COMPARE_WITH_TIMEOUT(shown(model, ids.at(4)), 105, timeoutMs);
        QCOMPARE(model.rowCount(), 20);
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 25, timeoutMs);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(shown(model, ids.at(24)), 125);

        // A view that asks for the next page from a slot of the model's signals (as the tester
        // does) gets each page once.
        ProjectionModel eager(&store);
        QAbstractItemModelTester tester(&eager, QAbstractItemModelTester::FailureReportingMode::QtTest);
        eager.setPageSize(3);
        eager.setTable(viewTable);
        QTRY_VERIFY_WITH_TIMEOUT(!eager.canFetchMore({}) && eager.isReady(), timeoutMs);
        QCOMPARE(eager.rowCount(), 25);
        for (int i = 0; i < 25; ++i)
            QCOMPARE(eager.data(eager.index(i, 0)).toString(), text(ids.at(i)));
    }

    void projectionInAnotherProcess()
    {
#ifndef EVENTEDCTL
        QSKIP("built without eventedctl");
#else
        // eventedctl run hosts the counter plugin's projection; eventedctl send changes counters:
        // the model follows both from this process.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QProcess host;
        host.setProgram(QStringLiteral(EVENTEDCTL));
        host.setArguments({QStringLiteral("--plugin-path"), QStringLiteral(EVENTED_PLUGIN_DIR), QStringLiteral("--url"),
                           schema.url(), QStringLiteral("run"), QStringLiteral("--projection"), QStringLiteral("counter")});
        host.setProcessChannelMode(QProcess::MergedChannels);
        host.start();
        QVERIFY(host.waitForStarted());
        const auto stopHost = qScopeGuard([&host] {
            host.kill();
            host.waitForFinished();
        });
        QByteArray printed;
        QTRY_VERIFY_WITH_TIMEOUT((printed += host.readAll()).contains("counter: live") || host.state() != QProcess::Running, timeoutMs);
        QCOMPARE(host.state(), QProcess::Running);

        ProjectionModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(50);
        model.setProjection(QStringLiteral("counter"));
        model.setTable(QStringLiteral("counter_projection"));
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), timeoutMs);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const QUuid id = QUuid::createUuid();
        for (int i = 0; i < 3; ++i) {
            QProcess send;
            send.start(QStringLiteral(EVENTEDCTL), {QStringLiteral("--plugin-path"), QStringLiteral(EVENTED_PLUGIN_DIR),
                                                    QStringLiteral("--url"), schema.url(), QStringLiteral("send"),
                                                    QStringLiteral("counter"), text(id), QStringLiteral("Increase"),
                                                    QStringLiteral(R"({"inc": 2})")});
            QVERIFY(send.waitForFinished(timeoutMs));
            QVERIFY2(send.exitCode() == 0, send.readAllStandardError().constData());
            QTRY_COMPARE_WITH_TIMEOUT(shown(model, id), 2 * (i + 1), timeoutMs);
        }
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(resets.size(), 0);
#endif
    }

    void optimisticRows()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const Domain domain = counterDomain();
        EVENTED_VERIFY_OK(domain.setUp(store));
        auto projection = run(store, domain, QStringLiteral("counters"));
        ProjectionModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshInterval(0); // only the command's own refresh: what shows is its doing
        model.setProjection(QStringLiteral("counters"));
        model.setTable(viewTable);
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), timeoutMs);
        CommandRunner runner(&store, domain);
        QSignalSpy applied(&runner, &CommandRunner::applied);
        QSignalSpy rejected(&runner, &CommandRunner::rejected);

        // A new counter: a pending row at once, then the view's row.
        const QUuid id = QUuid::createUuid();
        const QUuid commandId = runner.send(QStringLiteral("counter"), id, QStringLiteral("Add"), {{QStringLiteral("amount"), 5}},
                                            &model, {{QStringLiteral("id"), text(id)}, {QStringLiteral("value"), 5}});
        QVERIFY(!commandId.isNull());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.get(0).value(QStringLiteral("pending")).toBool(), true);
        QCOMPARE(model.get(0).value(QStringLiteral("value")).toLongLong(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, timeoutMs);
        QCOMPARE(applied.first().at(0).toUuid(), commandId);
        QCOMPARE(applied.first().at(1).toList().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(model.pendingCount(), 0, timeoutMs);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.get(0).value(QStringLiteral("pending")).toBool(), false);
        QCOMPARE(shown(model, id), 5);

        // An expectation that is not the view's truth settles to the truth.
        runner.send(QStringLiteral("counter"), id, QStringLiteral("Add"), {{QStringLiteral("amount"), 1}}, &model,
                    {{QStringLiteral("id"), text(id)}, {QStringLiteral("value"), 1000}});
        QCOMPARE(shown(model, id), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 2, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(model.pendingCount(), 0, timeoutMs);
        QCOMPARE(shown(model, id), 6);

        // A rejection rolls the row back, with the rejection's fields.
        runner.send(QStringLiteral("counter"), id, QStringLiteral("Take"), {{QStringLiteral("amount"), 50}}, &model,
                    {{QStringLiteral("id"), text(id)}, {QStringLiteral("value"), -44}});
        QCOMPARE(shown(model, id), -44);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, timeoutMs);
        QCOMPARE(rejected.first().at(1).toString(), QStringLiteral("OutOfRange"));
        QCOMPARE(rejected.first().at(2).toMap().value(QStringLiteral("by")).toLongLong(), 50);
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(shown(model, id), 6);
        QCOMPARE(eventCount(schema), 2);
    }

    void badViews()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        increaseCounters(store, 2);
        // A name is quoted, whatever it holds: this one names no table.
        ProjectionModel hostile(&store);
        QSignalSpy errors(&hostile, &ProjectionModel::errorOccurred);
        hostile.setTable(QStringLiteral("event\"; DROP TABLE event; --"));
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), timeoutMs);
        QCOMPARE(errors.first().at(0).value<Error>().kind(), Error::Kind::Database);
        QVERIFY(!hostile.isReady());
        QCOMPARE(eventCount(schema), 2);

        // A view that is not there yet: errors, then rows once it is.
        ProjectionModel early(&store);
        QAbstractItemModelTester tester(&early, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy missing(&early, &ProjectionModel::errorOccurred);
        early.setRefreshInterval(50);
        early.setTable(viewTable);
        QTRY_VERIFY_WITH_TIMEOUT(!missing.isEmpty(), timeoutMs);
        QCOMPARE(missing.first().at(0).value<Error>().kind(), Error::Kind::Database);
        const Domain domain = counterDomain();
        EVENTED_VERIFY_OK(domain.setUp(store));
        auto projection = run(store, domain, QStringLiteral("counters"));
        QTRY_COMPARE_WITH_TIMEOUT(early.rowCount(), 2, timeoutMs);
        QCOMPARE(early.lastError().kind(), Error::Kind::None);
        QCOMPARE(eventCount(schema), 2);
    }

    void entitiesLive()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = increaseCounters(store, 6);
        QCOMPARE(ids.size(), 6);
        EntityModel model(&store, counterDomain(), QStringLiteral("counter"));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(4);
        model.setRefreshInterval(50);
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), timeoutMs);
        QCOMPARE(model.fields(), QStringList{QStringLiteral("value")});
        QCOMPARE(model.roleNames().value(EntityModel::FirstFieldRole), QByteArray("value"));
        // The first page was asked for with page size 128 before setPageSize: six rows.
        QCOMPARE(model.rowCount(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(model.data(model.index(i), EntityModel::IdRole).toString(), text(ids.at(i)));
            QCOMPARE(model.data(model.index(i), EntityModel::FirstFieldRole).toLongLong(), i + 1);
            QCOMPARE(model.data(model.index(i), EntityModel::VersionRole).toLongLong(), 1);
        }
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // This store's command, then another store's (as another process's would be).
        auto counter = store.load<Counter>(ids.at(3));
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{10}));
        QTRY_COMPARE_WITH_TIMEOUT(model.get(3).value(QStringLiteral("value")).toLongLong(), 14, timeoutMs);
        QCOMPARE(model.get(3).value(QStringLiteral("version")).toLongLong(), 2);
        EventStore elsewhere;
        EVENTED_VERIFY_OK(elsewhere.open(schema.url()));
        auto other = elsewhere.load<Counter>(ids.at(0));
        EVENTED_VERIFY_OK(elsewhere.handle(other.value(), Decrease{1}));
        QTRY_COMPARE_WITH_TIMEOUT(model.get(0).value(QStringLiteral("value")).toLongLong(), 0, timeoutMs);
        // A new entity goes where its id sorts.
        const QUuid first = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-000000000001"));
        auto created = elsewhere.load<Counter>(first);
        EVENTED_VERIFY_OK(elsewhere.handle(created.value(), Increase{3}));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 7, timeoutMs);
        QCOMPARE(model.indexOf(first), 0);
        QCOMPARE(model.get(0).value(QStringLiteral("state")).toMap().value(QStringLiteral("value")).toLongLong(), 3);
        QCOMPARE(resets.size(), 0);
        QVERIFY(changed.size() >= 2);
    }

    void entityPages()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QList<QUuid> ids = increaseCounters(store, 9);
        QCOMPARE(ids.size(), 9);
        EntityModel model; // no QAbstractItemModelTester here: it fetches every page
        model.setPageSize(4);
        model.setDomain(counterDomain());
        model.setEntityType(QStringLiteral("counter"));
        model.setStore(&store);
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), timeoutMs);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 8, timeoutMs);
        // An entity beyond the rows read changes: nothing shows until its page is read.
        auto last = store.load<Counter>(ids.at(8));
        EVENTED_VERIFY_OK(store.handle(last.value(), Increase{1}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 9, timeoutMs);
        QVERIFY(!model.canFetchMore({}));
        QTRY_COMPARE_WITH_TIMEOUT(model.get(8).value(QStringLiteral("value")).toLongLong(), 10, timeoutMs);
        QCOMPARE(model.indexOf(ids.at(8)), 8);

        // A view that asks for the next page from a slot of the model's signals (as the tester
        // does) gets each page once.
        EntityModel eager;
        QAbstractItemModelTester tester(&eager, QAbstractItemModelTester::FailureReportingMode::QtTest);
        eager.setPageSize(2);
        eager.setDomain(counterDomain());
        eager.setEntityType(QStringLiteral("counter"));
        eager.setStore(&store);
        QTRY_VERIFY_WITH_TIMEOUT(!eager.canFetchMore({}) && eager.isReady(), timeoutMs);
        QCOMPARE(eager.rowCount(), 9);
        for (int i = 0; i < 9; ++i)
            QCOMPARE(eager.data(eager.index(i), EntityModel::IdRole).toString(), text(ids.at(i)));
    }
};

QTEST_GUILESS_MAIN(tst_Models)
#include "tst_models.moc"
