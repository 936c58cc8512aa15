// The inspector never waits on the database: over a connection that delays every chunk by
// 50 ms each way, selecting, scrolling (pages of entities), typing into the log's filter and
// switching tabs never stall the GUI thread's event loop for long, and what was asked for
// arrives. PostgreSQL only: SQLite is in-process, with no network to be slow.

#include "inspectorsupport.h"
#include "tcprelay.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <deque>

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

namespace {

/*! One direction of a relayed connection: what was read is written \a delay later, in order. */
class DelayedPipe : public QObject
{
    Q_OBJECT
public:
    DelayedPipe(QTcpSocket *from, QTcpSocket *to, int delayMs, QObject *parent)
        : QObject(parent)
        , m_to(to)
        , m_delayMs(delayMs)
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &DelayedPipe::deliver);
        connect(from, &QTcpSocket::readyRead, this, [this, from] {
            m_queue.push_back({m_clock.elapsed() + m_delayMs, from->readAll()});
            if (!m_timer.isActive())
                m_timer.start(m_delayMs);
        });
        m_clock.start();
    }

private:
    void deliver()
    {
        while (!m_queue.empty() && m_queue.front().due <= m_clock.elapsed()) {
            if (m_to)
                m_to->write(m_queue.front().bytes);
            m_queue.pop_front();
        }
        if (!m_queue.empty())
            m_timer.start(int(std::max<qint64>(0, m_queue.front().due - m_clock.elapsed())));
    }

    struct Chunk
    {
        qint64 due;
        QByteArray bytes;
    };
    QPointer<QTcpSocket> m_to;
    int m_delayMs;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Chunk> m_queue;
};

/*! A relay to the test server that delays each chunk by delayMs in both directions. */
class DelayingRelay : public TcpRelay
{
public:
    DelayingRelay(const QString &host, quint16 port, int delayMs)
        : TcpRelay(host, port)
        , m_delayMs(delayMs)
    {
        start();
    }
    ~DelayingRelay() override { stop(); }

private:
    void pipe(QTcpSocket *client, QTcpSocket *server) override
    {
        new DelayedPipe(client, server, m_delayMs, client);
        new DelayedPipe(server, client, m_delayMs, client);
    }

    int m_delayMs;
};

/*! The longest time between two ticks of a 5 ms timer of the GUI thread: how long its loop stood still. */
class StallMeter : public QObject
{
    Q_OBJECT
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return std::max(m_longest, m_clock.elapsed());
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace

class tst_InspectorResponsive : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void neverWaitsOnASlowDatabase()
    {
        POSTGRESQL_ONLY("SQLite runs in-process: there is no network connection to slow down");
        constexpr int delayMs = 50; // each way: a round trip costs 100 ms and more
        constexpr int entities = 450;
        Schema schema;
        {
            EventStore writer;
            EVENTED_VERIFY_OK(writer.open(schema.url()));
            QVERIFY(m_fixture.seedCounter(writer));
            for (int i = 1; i < entities; ++i)
                QVERIFY(m_fixture.increase(writer, QUuid::createUuid()));
        }
        const QUrl server(serverUrl());
        DelayingRelay relay(server.host(), quint16(server.port(5432)), delayMs);
        QVERIFY(relay.port() != 0);
        QUrl slow(schema.url());
        slow.setHost(QStringLiteral("127.0.0.1"));
        slow.setPort(relay.port());
        EventStore store;
        QElapsedTimer opening;
        opening.start();
        EVENTED_VERIFY_OK(store.open(slow.toString()));
        qInfo("opening the store over the relay took %lld ms", opening.elapsed());

        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.resize(1100, 700);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        StallMeter meter;
        meter.start();
        QElapsedTimer total;
        total.start();

        widget.setStore(&store, m_fixture.domain());
        QTRY_VERIFY_WITH_TIMEOUT(widget.entityTypesModel()->rowOf(QStringLiteral("counter")) >= 0, 30000);

        // Selecting an entity: its history arrives.
        QVERIFY(await(widget.selectEntity(QStringLiteral("counter"), counterId), 30000));
        QCOMPARE(widget.historyModel()->rowCount(), 3);

        // Scrolling the entities: pages of 200 are asked for and arrive.
        auto *entitiesView = child<QTableView>(&widget, QStringLiteral("entities"));
        QSignalSpy fetched(widget.entitiesModel(), &EntitiesModel::fetched);
        while (widget.entitiesModel()->canFetchMore({})) {
            entitiesView->scrollToBottom();
            if (!widget.entitiesModel()->isFetching()) // the view asks only when its scroll bar moved
                widget.entitiesModel()->fetchMore({});
            QVERIFY(fetched.wait(30000));
        }
        QCOMPARE(widget.entitiesModel()->rowCount(), entities);

        // Selecting another entity with the mouse: its one event arrives.
        const int other = widget.entitiesModel()->rowOf(counterId) == 0 ? 1 : 0;
        entitiesView->scrollToTop();
        QTest::mouseClick(entitiesView->viewport(), Qt::LeftButton, {},
                          entitiesView->visualRect(widget.entitiesModel()->index(other, 0)).center());
        QTRY_COMPARE_WITH_TIMEOUT(widget.historyModel()->rowCount(), 1, 30000);

        // Typing into the log's filter: the log shows that entity's events.
        auto *tabs = child<QTabWidget>(&widget, QStringLiteral("tabs"));
        tabs->setCurrentIndex(1);
        auto *logEntity = child<QLineEdit>(&widget, QStringLiteral("log.entity"));
        QTest::keyClicks(logEntity, counterId.toString(QUuid::WithoutBraces));
        QTest::keyClick(logEntity, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(widget.logModel()->rowCount(), 3, 30000);

        // Switching tabs: the projections are read, the entities shown again.
        tabs->setCurrentIndex(2);
        tabs->setCurrentIndex(0);
        tabs->setCurrentIndex(2);
        tabs->setCurrentIndex(0);

        const qint64 stall = meter.stop();
        qInfo("longest event-loop stall: %lld ms in %lld ms of browsing, over a relay delaying each chunk %d ms each way",
              stall, total.elapsed(), delayMs);
        QVERIFY2(stall < 40, qPrintable(QStringLiteral("the GUI thread stood still for %1 ms").arg(stall)));
        widget.setStore(nullptr);
    }
};

QTEST_MAIN(tst_InspectorResponsive)
#include "tst_inspector_responsive.moc"
