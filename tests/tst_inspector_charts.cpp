// The inspector's charts on both backends: the events recorded per minute (EventLog and the
// chart), and each projection's lag sampled while a store is shown.

#include "inspectorsupport.h"

#include <evented/projection.h>

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTabWidget>

using namespace Evented;
using namespace Evented::Inspector;
using namespace InspectorSupport;
using namespace TestSupport;

class tst_InspectorCharts : public QObject
{
    Q_OBJECT

    Fixture m_fixture;

    /*! The start of the minute \a minutesAgo minutes before now, UTC. */
    static QDateTime minuteAgo(int minutesAgo)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return QDateTime::fromSecsSinceEpoch(now / 60 * 60 - 60 * minutesAgo, Qt::UTC);
    }

    /*! An Increased event of \a type at \a at, as an import writes it. */
    static RecordedEvent eventAt(qint64 seqNo, const QString &type, qint64 version, const QDateTime &at)
    {
        RecordedEvent event;
        event.seqNo = seqNo;
        event.typeName = type;
        event.entityId = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-0000000000%1").arg(type.size(), 2, 10, QLatin1Char('0')));
        event.version = version;
        event.event = QJsonObject{{QStringLiteral("Increased"), QJsonObject{{QStringLiteral("inc"), 1}}}};
        event.metadata = QJsonValue::Null;
        event.recordedAt = at;
        return event;
    }

    /*! Two counter events in the minute 30 minutes ago, one wallet event in the next, one two hours ago. */
    static bool importTimedEvents(EventStore &store)
    {
        const QDateTime minute = minuteAgo(30);
        const Result<qint64> added = EventLog(&store).import({eventAt(1, QStringLiteral("counter"), 1, minuteAgo(120)),
                                                              eventAt(2, QStringLiteral("counter"), 2, minute.addSecs(10)),
                                                              eventAt(3, QStringLiteral("counter"), 3, minute.addSecs(50)),
                                                              eventAt(4, QStringLiteral("wallet"), 1, minute.addSecs(65))});
        return added && added.value() == 4;
    }

    static QLineSeries *series(QChartView *view, const QString &name)
    {
        const QList<QAbstractSeries *> all = view->chart()->series();
        for (QAbstractSeries *series : all) {
            if (series->name() == name)
                return static_cast<QLineSeries *>(series);
        }
        return nullptr;
    }

    /*! The y value of \a series at x \a at, or -1 when it has no point there. */
    static qint64 valueAt(const QLineSeries *series, const QDateTime &at)
    {
        for (int i = 0; series && i < series->count(); ++i) {
            if (qint64(series->at(i).x()) == at.toMSecsSinceEpoch())
                return qint64(series->at(i).y());
        }
        return -1;
    }

    static qint64 sum(const QLineSeries *series)
    {
        qint64 total = 0;
        for (int i = 0; series && i < series->count(); ++i)
            total += qint64(series->at(i).y());
        return total;
    }

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        QVERIFY2(m_fixture.init(), "the counter plugin did not load");
    }

    void eventsPerMinute()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(importTimedEvents(store));
        const Result<QList<MinuteCount>> counts = EventLog(&store).eventsPerMinute(minuteAgo(60));
        EVENTED_VERIFY_OK(counts);
        QCOMPARE(counts->size(), 2);
        QCOMPARE(counts->at(0).minute, minuteAgo(30));
        QCOMPARE(counts->at(0).typeName, QStringLiteral("counter"));
        QCOMPARE(counts->at(0).eventName, QStringLiteral("Increased"));
        QCOMPARE(counts->at(0).events, 2);
        QCOMPARE(counts->at(1).minute, minuteAgo(29));
        QCOMPARE(counts->at(1).typeName, QStringLiteral("wallet"));
        QCOMPARE(counts->at(1).events, 1);
        // An event without fields is its bare name.
        RecordedEvent closed = eventAt(5, QStringLiteral("wallet"), 2, minuteAgo(29).addSecs(20));
        closed.event = QStringLiteral("Closed");
        EVENTED_VERIFY_OK(EventLog(&store).import({closed}));
        const Result<QList<MinuteCount>> more = EventLog(&store).eventsPerMinute(minuteAgo(60));
        EVENTED_VERIFY_OK(more);
        QCOMPARE(more->size(), 3);
        QCOMPARE(more->at(1).eventName, QStringLiteral("Closed"));
        QCOMPARE(more->at(2).eventName, QStringLiteral("Increased"));
        QCOMPARE(more->at(2).typeName, QStringLiteral("wallet"));
        EVENTED_VERIFY_OK(EventLog(&store).eventsPerMinute(QDateTime::currentDateTimeUtc().addSecs(60)));
        QVERIFY(EventLog(&store).eventsPerMinute(QDateTime::currentDateTimeUtc().addSecs(60))->isEmpty());
    }

    void chartOfEventsPerMinute()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(importTimedEvents(store));
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(0);
        widget.setStore(&store, m_fixture.domain());
        widget.resize(1100, 700);
        widget.show();
        auto *tabs = child<QTabWidget>(&widget, QStringLiteral("tabs"));
        auto *page = child<QWidget>(&widget, QStringLiteral("chartsTab"));
        tabs->setCurrentWidget(page); // shown: read at once
        auto *rate = child<QChartView>(page, QStringLiteral("charts.rate"));
        QTRY_VERIFY(series(rate, QStringLiteral("wallet")));
        QLineSeries *all = series(rate, QStringLiteral("All types"));
        QVERIFY(all);
        QCOMPARE(sum(all), 3); // not the one of two hours ago
        QCOMPARE(valueAt(all, minuteAgo(30)), 2);
        QCOMPARE(valueAt(series(rate, QStringLiteral("counter")), minuteAgo(30)), 2);
        QCOMPARE(valueAt(series(rate, QStringLiteral("wallet")), minuteAgo(29)), 1);
        QCOMPARE(valueAt(all, minuteAgo(40)), 0); // every minute has a point
        QCOMPARE(child<QLabel>(page, QStringLiteral("charts.note"))->text(), QStringLiteral("Events in the last hour: 3"));

        // Per event instead: the same counts, a series per event name.
        auto *groupBy = child<QComboBox>(page, QStringLiteral("charts.groupBy"));
        groupBy->setCurrentIndex(1);
        QVERIFY(!series(rate, QStringLiteral("counter")));
        QCOMPARE(sum(series(rate, QStringLiteral("Increased"))), 3);
        QCOMPARE(valueAt(series(rate, QStringLiteral("Increased")), minuteAgo(29)), 1);
        QCOMPARE(sum(series(rate, QStringLiteral("All types"))), 3);
        groupBy->setCurrentIndex(0);
        QCOMPARE(sum(series(rate, QStringLiteral("counter"))), 2);

        // Refresh reads again: a new event counts in this minute.
        QVERIFY(m_fixture.increase(store, counterId));
        child<QPushButton>(page, QStringLiteral("charts.refresh"))->click();
        QTRY_COMPARE(sum(series(rate, QStringLiteral("All types"))), 4);
        QCOMPARE(valueAt(series(rate, QStringLiteral("counter")), minuteAgo(0)), 1);

        // Another store shows only its own.
        Schema other;
        EventStore otherStore;
        EVENTED_VERIFY_OK(otherStore.open(other.url()));
        widget.setStore(&otherStore, m_fixture.domain());
        QVERIFY(!series(rate, QStringLiteral("counter")));
        child<QPushButton>(page, QStringLiteral("charts.refresh"))->click();
        QTRY_COMPARE(child<QLabel>(page, QStringLiteral("charts.note"))->text(), QStringLiteral("Events in the last hour: 0"));
        QCOMPARE(rate->chart()->series().size(), 1);
    }

    void lagSampledLive()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QVERIFY(m_fixture.seedCounter(store));
        {
            // A projection that handled the three events and stopped.
            Projection projection(&store, QStringLiteral("tally"));
            projection.setHandler([](const RecordedEvent &, QSqlDatabase &) { return ListenerResult::ok(); });
            projection.setPollInterval(20);
            projection.start();
            QTRY_COMPARE(projection.state().seqNo, 3);
            projection.stop();
        }
        InspectorWidget widget;
        ModelTesters testers(&widget);
        widget.setPollInterval(50); // samples at the poll interval, whichever tab is shown
        widget.setStore(&store, {});
        auto *lag = child<QChartView>(&widget, QStringLiteral("charts.lag"));
        QTRY_VERIFY(series(lag, QStringLiteral("tally")) && series(lag, QStringLiteral("tally"))->count() >= 2);
        QCOMPARE(series(lag, QStringLiteral("tally"))->at(0).y(), 0.0);

        // Two events later it is two behind, and the samples go on.
        QVERIFY(m_fixture.increase(store, counterId) && m_fixture.increase(store, counterId));
        QLineSeries *tally = series(lag, QStringLiteral("tally"));
        QTRY_COMPARE(tally->at(tally->count() - 1).y(), 2.0);
        const int samples = tally->count();
        QTRY_VERIFY(tally->count() > samples);
        QVERIFY(tally->at(tally->count() - 1).x() <= double(QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(tally->at(0).x() >= double(QDateTime::currentDateTime().addSecs(-60 * 10).toMSecsSinceEpoch()));
    }
};

QTEST_MAIN(tst_InspectorCharts)
#include "tst_inspector_charts.moc"
