#pragma once

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/eventlog.h>
#include <evented/projection.h>

#include <QDateTime>
#include <QHash>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPushButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

class StoreReader;

/*!
    The inspector's charts tab: the events recorded per minute over the last hour, for the whole
    store and per entity type or per event name, and each projection's lag over the last minutes, sampled while
    the inspector shows a store. Every read runs in the reader's thread.
*/
class ChartsPage : public QWidget
{
    Q_OBJECT
public:
    /*! The minutes the events-per-minute chart covers, up to now: an hour. */
    static constexpr int rateMinutes = 60;
    /*! The minutes of lag samples kept. */
    static constexpr int lagMinutes = 10;

    explicit ChartsPage(QWidget *parent = nullptr);

    /*! Reads through \a reader (null: none) with the projections of \a domain; clears the charts. */
    void setReader(StoreReader *reader, const Domain *domain);
    /*! Reads the events per minute again and takes a lag sample. */
    void refresh();
    /*! Takes one sample of each projection's lag, unless one is under way. */
    void sampleLag();
    /*! Reads the events per minute again when the last read is older than \a ms. */
    void refreshCountsOlderThan(qint64 ms);

Q_SIGNALS:
    void failed(const Evented::Error &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void readCounts();
    void showCounts(const QList<MinuteCount> &counts, const QDateTime &since, const QDateTime &until);
    void addLagSample(const QDateTime &at, const QList<ProjectionState> &states);

    StoreReader *m_reader = nullptr;
    const Domain *m_domain = nullptr;
    quint64 m_generation = 0; //!< counts setReader(): answers of a reader before are dropped
    bool m_readingCounts = false;
    bool m_sampling = false;
    QDateTime m_countsReadAt;
    QChartView *m_rateView;
    QChartView *m_lagView;
    QLabel *m_rateNote;
    QPushButton *m_refresh;
    QComboBox *m_groupBy; //!< GroupBy: a series per entity type or per event name
    enum GroupBy { ByType, ByEvent };
    QList<MinuteCount> m_counts; //!< the last read, shown again when the grouping changes
    QDateTime m_since;
    QDateTime m_until;
    qint64 m_total = -1; //!< the events of the last hour shown; -1: none read
    QHash<QString, QLineSeries *> m_rateSeries; //!< by entity type or event name; the whole store's under ""
    QHash<QString, QLineSeries *> m_lagSeries;  //!< by projection name
};

} // namespace Evented::Inspector
