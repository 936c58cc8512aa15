#include "chartspage.h"

#include <evented/inspector/storereader.h>

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Evented::Inspector {

namespace {

/*! A chart over time: a time axis below, a count axis beside it. */
QChartView *timeChart(const QString &name, QWidget *parent)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignRight);
    auto *time = new QDateTimeAxis(chart);
    time->setFormat(QStringLiteral("HH:mm"));
    chart->addAxis(time, Qt::AlignBottom);
    auto *count = new QValueAxis(chart);
    count->setLabelFormat(QStringLiteral("%d"));
    count->setMin(0);
    chart->addAxis(count, Qt::AlignLeft);
    auto *view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    return view;
}

QAbstractAxis *axis(QChart *chart, Qt::Orientation orientation)
{
    return chart->axes(orientation).value(0);
}

/*! Shows [\a from, \a to] and counts up to \a top (at least 1, so that an empty chart has a scale). */
void setRanges(QChart *chart, const QDateTime &from, const QDateTime &to, qint64 top)
{
    axis(chart, Qt::Horizontal)->setRange(from, to);
    static_cast<QValueAxis *>(axis(chart, Qt::Vertical))->setRange(0, double(std::max<qint64>(top, 1)));
}

QLineSeries *addSeries(QChart *chart, const QString &name)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    chart->addSeries(series);
    series->attachAxis(axis(chart, Qt::Horizontal));
    series->attachAxis(axis(chart, Qt::Vertical));
    return series;
}

/*! Takes every series of \a series off \a chart and deletes it. */
void removeSeries(QChart *chart, QHash<QString, QLineSeries *> &series)
{
    for (QLineSeries *one : std::as_const(series)) {
        chart->removeSeries(one);
        delete one;
    }
    series.clear();
}

} // namespace

ChartsPage::ChartsPage(QWidget *parent)
    : QWidget(parent)
    , m_rateView(timeChart(QStringLiteral("charts.rate"), this))
    , m_lagView(timeChart(QStringLiteral("charts.lag"), this))
    , m_rateNote(new QLabel(this))
    , m_refresh(new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), QString(), this))
    , m_groupBy(new QComboBox(this))
{
    setObjectName(QStringLiteral("chartsTab"));
    m_rateNote->setObjectName(QStringLiteral("charts.note"));
    m_refresh->setObjectName(QStringLiteral("charts.refresh"));
    connect(m_refresh, &QPushButton::clicked, this, &ChartsPage::refresh);
    m_groupBy->setObjectName(QStringLiteral("charts.groupBy"));
    m_groupBy->addItem(QString());
    m_groupBy->addItem(QString());
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] { showCounts(m_counts, m_since, m_until); });
    auto *top = new QHBoxLayout;
    top->addWidget(m_rateNote, 1);
    top->addWidget(m_groupBy);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_rateView, 1);
    layout->addWidget(m_lagView, 1);
    setReader(nullptr, nullptr);
    retranslateUi();
}

void ChartsPage::retranslateUi()
{
    m_refresh->setText(tr("Refresh"));
    m_groupBy->setItemText(ByType, tr("Per entity type"));
    m_groupBy->setItemText(ByEvent, tr("Per event"));
    m_rateView->chart()->setTitle(tr("Events per minute, last hour"));
    m_lagView->chart()->setTitle(tr("Projection lag, last %1 minutes").arg(lagMinutes));
    for (QChartView *view : {m_rateView, m_lagView}) {
        axis(view->chart(), Qt::Horizontal)->setTitleText(tr("Time"));
        axis(view->chart(), Qt::Vertical)->setTitleText(view == m_rateView ? tr("Events") : tr("Events behind"));
    }
    if (QLineSeries *all = m_rateSeries.value(QString()))
        all->setName(tr("All types"));
    m_rateNote->setText(m_total < 0 ? QString() : tr("Events in the last hour: %1").arg(m_total));
}

void ChartsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ChartsPage::setReader(StoreReader *reader, const Domain *domain)
{
    m_reader = reader;
    m_domain = domain;
    ++m_generation;
    m_readingCounts = false;
    m_sampling = false;
    m_countsReadAt = {};
    removeSeries(m_lagView->chart(), m_lagSeries);
    removeSeries(m_rateView->chart(), m_rateSeries);
    const QDateTime now = QDateTime::currentDateTime();
    setRanges(m_lagView->chart(), now.addSecs(-60 * lagMinutes), now, 0);
    setRanges(m_rateView->chart(), now.addSecs(-60 * rateMinutes), now, 0);
    m_total = -1;
    m_rateNote->clear();
}

void ChartsPage::refresh()
{
    readCounts();
    sampleLag();
}

void ChartsPage::refreshCountsOlderThan(qint64 ms)
{
    if (!m_countsReadAt.isValid() || m_countsReadAt.msecsTo(QDateTime::currentDateTime()) >= ms)
        readCounts();
}

void ChartsPage::readCounts()
{
    if (!m_reader || m_readingCounts)
        return;
    m_readingCounts = true;
    m_countsReadAt = QDateTime::currentDateTime();
    // Whole minutes: the first one shown is complete.
    const QDateTime until = QDateTime::currentDateTimeUtc();
    QDateTime since = until.addSecs(-60 * rateMinutes);
    since.setSecsSinceEpoch(since.toSecsSinceEpoch() / 60 * 60);
    m_reader->run<Result<QList<MinuteCount>>>([since](EventStore &store) { return EventLog(&store).eventsPerMinute(since); },
                                              this,
                                              [this, generation = m_generation, since, until](const Result<QList<MinuteCount>> &counts) {
                                                  if (generation != m_generation)
                                                      return;
                                                  m_readingCounts = false;
                                                  if (!counts) {
                                                      Q_EMIT failed(counts.error());
                                                      return;
                                                  }
                                                  showCounts(counts.value(), since, until);
                                              });
}

void ChartsPage::showCounts(const QList<MinuteCount> &counts, const QDateTime &since, const QDateTime &until)
{
    m_counts = counts;
    m_since = since;
    m_until = until;
    // A point at every minute, zero where nothing was recorded: lines that fall to the axis.
    QMap<QString, QMap<qint64, qint64>> byType; // type or event → minute (ms since 1970) → events
    QMap<qint64, qint64> all;
    qint64 total = 0;
    const bool byEvent = m_groupBy->currentIndex() == ByEvent;
    for (const MinuteCount &count : counts) {
        const qint64 minute = count.minute.toMSecsSinceEpoch();
        byType[byEvent ? count.eventName : count.typeName][minute] += count.events;
        all[minute] += count.events;
        total += count.events;
    }
    // The series stay (kept by type, the whole store's under the empty name), their points change.
    QChart *chart = m_rateView->chart();
    byType.insert(QString(), all);
    for (auto it = m_rateSeries.begin(); it != m_rateSeries.end();) {
        if (byType.contains(it.key())) {
            ++it;
            continue;
        }
        chart->removeSeries(it.value());
        delete it.value();
        it = m_rateSeries.erase(it);
    }
    qint64 top = 0;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) {
        QLineSeries *&series = m_rateSeries[it.key()];
        if (!series)
            series = addSeries(chart, it.key().isEmpty() ? tr("All types") : it.key());
        QList<QPointF> points;
        for (qint64 minute = since.toMSecsSinceEpoch(); minute <= until.toMSecsSinceEpoch(); minute += 60000) {
            const qint64 value = it.value().value(minute);
            top = std::max(top, value);
            points.append(QPointF(double(minute), double(value)));
        }
        series->replace(points);
    }
    setRanges(chart, since.toLocalTime(), until.toLocalTime(), top);
    m_total = total;
    m_rateNote->setText(tr("Events in the last hour: %1").arg(total));
}

void ChartsPage::sampleLag()
{
    if (!m_reader || m_sampling)
        return;
    m_sampling = true;
    // An empty domain declares nothing: the stored projections are sampled.
    m_reader->run<Result<QList<ProjectionState>>>(
        [domain = m_domain ? *m_domain : Domain()](EventStore &store) { return domain.projectionStates(&store); }, this,
        [this, generation = m_generation](const Result<QList<ProjectionState>> &states) {
            if (generation != m_generation)
                return;
            m_sampling = false;
            if (!states) {
                Q_EMIT failed(states.error());
                return;
            }
            addLagSample(QDateTime::currentDateTime(), states.value());
        });
}

void ChartsPage::addLagSample(const QDateTime &at, const QList<ProjectionState> &states)
{
    QChart *chart = m_lagView->chart();
    const double oldest = double(at.addSecs(-60 * lagMinutes).toMSecsSinceEpoch());
    qint64 top = 0;
    for (const ProjectionState &state : states) {
        QLineSeries *&series = m_lagSeries[state.name];
        if (!series)
            series = addSeries(chart, state.name);
        series->append(double(at.toMSecsSinceEpoch()), double(state.lag));
    }
    for (QLineSeries *series : std::as_const(m_lagSeries)) {
        int old = 0;
        while (old < series->count() && series->at(old).x() < oldest)
            ++old;
        if (old > 0)
            series->removePoints(0, old);
        for (int i = 0; i < series->count(); ++i)
            top = std::max(top, qint64(series->at(i).y()));
    }
    setRanges(chart, at.addSecs(-60 * lagMinutes), at, top);
}

} // namespace Evented::Inspector
