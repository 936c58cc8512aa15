#pragma once

#include <evented/domain.h>
#include <evented/recordedevent.h>

#include <QJsonValue>
#include <QWidget>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QSlider;
class QSpinBox;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

class JsonView;
class StateComparisonModel;

/*! The differences between two states, one line each ("value: 3 → 5"). */
QString stateDifference(const QJsonValue &before, const QJsonValue &after);

/*! Steps through one entity's history, showing the state after each version, and that state
    beside the one after another version, the fields that differ highlighted. */
class ReplayPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayPanel(QWidget *parent = nullptr);
    /*! The entity's events in version order, and the domain code of its type (none: null). */
    void setHistory(const QString &typeName, const QList<RecordedEvent> &events, const EntityTypeInfo *type);
    /*! What a load of the entity gives: the snapshot it starts from (0: none), the version and
        state reached. The panel says so, and warns when that state is not the history's. */
    void setLoaded(qint64 snapshotVersion, qint64 version, const QJsonValue &state);
    /*! Shows the state after \a version (0: before the first event). */
    void showVersion(qint64 version);
    qint64 version() const { return m_version; }
    QJsonValue state() const { return m_state; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void update();
    /*! The state after \a version, folded anew; false with \a why when an event cannot be decoded. */
    bool fold(qint64 version, QJsonValue &state, QString *why) const;
    /*! Compares the state shown with the one after the version chosen to compare with. */
    void updateComparison();

    QString m_typeName;
    QList<RecordedEvent> m_events;
    std::optional<EntityTypeInfo> m_type; // a copy: the domain it came from may be replaced
    qint64 m_version = 0;
    QJsonValue m_state;
    struct Loaded
    {
        qint64 snapshotVersion = 0;
        qint64 version = 0;
        QJsonValue state;
    };
    std::optional<Loaded> m_loaded; // of the entity shown
    std::unique_ptr<StateFolder> m_folder; // the state after m_folded events
    qint64 m_folded = 0;
    QToolButton *m_first, *m_back, *m_forward, *m_last;
    QSlider *m_slider;
    QLabel *m_position;
    QLabel *m_note;
    JsonView *m_stateView;
    QPlainTextEdit *m_difference;
    JsonView *m_eventView;
    QLabel *m_stateLabel;
    QLabel *m_differenceLabel;
    QLabel *m_eventLabel;
    QLabel *m_compareLabel;
    QSpinBox *m_compareWith;
    QLabel *m_compareNote;
    StateComparisonModel *m_comparison;
    QTableView *m_compareView;
    qint64 m_comparedVersion = -1; //!< the version m_comparedState is after; -1: none folded
    QJsonValue m_comparedState;
};

} // namespace Evented::Inspector
