#include "replaypanel.h"

#include "jsonview.h"
#include "statecomparisonmodel.h"
#include "viewhelpers.h"

#include <evented/json.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Evented::Inspector {

QString stateDifference(const QJsonValue &before, const QJsonValue &after)
{
    QStringList lines;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        for (auto it = b.begin(); it != b.end(); ++it) {
            if (!a.contains(it.key()))
                lines << ReplayPanel::tr("%1: added %2").arg(it.key(), QString::fromUtf8(Json::compact(it.value())));
            else if (a.value(it.key()) != it.value())
                lines << ReplayPanel::tr("%1: %2 → %3")
                             .arg(it.key(), QString::fromUtf8(Json::compact(a.value(it.key()))),
                                  QString::fromUtf8(Json::compact(it.value())));
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                lines << ReplayPanel::tr("%1: removed").arg(it.key());
        }
    } else if (before != after) {
        lines << ReplayPanel::tr("%1 → %2").arg(QString::fromUtf8(Json::compact(before)), QString::fromUtf8(Json::compact(after)));
    }
    return lines.isEmpty() ? ReplayPanel::tr("(no change)") : lines.join(u'\n');
}

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_first(toolButton(QStringLiteral("replay.first"), QStringLiteral(":/evented/icons/first.svg"), this))
    , m_back(toolButton(QStringLiteral("replay.back"), QStringLiteral(":/evented/icons/back.svg"), this))
    , m_forward(toolButton(QStringLiteral("replay.forward"), QStringLiteral(":/evented/icons/forward.svg"), this))
    , m_last(toolButton(QStringLiteral("replay.last"), QStringLiteral(":/evented/icons/last.svg"), this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
    , m_note(new QLabel(this))
    , m_stateView(new JsonView(this))
    , m_difference(new QPlainTextEdit(this))
    , m_eventView(new JsonView(this))
    , m_compareWith(new QSpinBox(this))
    , m_compareNote(new QLabel(this))
    , m_comparison(new StateComparisonModel(this))
    , m_compareView(tableView(QStringLiteral("replay.compare"), m_comparison, this))
{
    m_slider->setObjectName(QStringLiteral("replay.slider"));
    m_position->setObjectName(QStringLiteral("replay.position"));
    m_note->setObjectName(QStringLiteral("replay.note"));
    m_note->setWordWrap(true);
    m_stateView->setObjectName(QStringLiteral("replay.state"));
    m_difference->setObjectName(QStringLiteral("replay.difference"));
    m_difference->setReadOnly(true);
    m_eventView->setObjectName(QStringLiteral("replay.event"));

    auto *steps = new QHBoxLayout;
    for (QToolButton *button : {m_first, m_back})
        steps->addWidget(button);
    steps->addWidget(m_slider, 1);
    for (QToolButton *button : {m_forward, m_last})
        steps->addWidget(button);
    steps->addWidget(m_position);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(steps);
    layout->addWidget(m_note);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("replay.split"));
    auto *stateBox = new QWidget(split);
    auto *stateLayout = new QVBoxLayout(stateBox);
    stateLayout->setContentsMargins(0, 0, 0, 0);
    m_stateLabel = new QLabel(stateBox);
    stateLayout->addWidget(m_stateLabel);
    stateLayout->addWidget(m_stateView);
    auto *diffBox = new QWidget(split);
    auto *diffLayout = new QVBoxLayout(diffBox);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    m_differenceLabel = new QLabel(diffBox);
    diffLayout->addWidget(m_differenceLabel);
    diffLayout->addWidget(m_difference);
    auto *eventBox = new QWidget(split);
    auto *eventLayout = new QVBoxLayout(eventBox);
    eventLayout->setContentsMargins(0, 0, 0, 0);
    m_eventLabel = new QLabel(eventBox);
    eventLayout->addWidget(m_eventLabel);
    eventLayout->addWidget(m_eventView);
    auto *compareBox = new QWidget(split);
    auto *compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    auto *compareRow = new QHBoxLayout;
    m_compareLabel = new QLabel(compareBox);
    compareRow->addWidget(m_compareLabel);
    m_compareWith->setObjectName(QStringLiteral("replay.compareWith"));
    compareRow->addWidget(m_compareWith);
    m_compareNote->setObjectName(QStringLiteral("replay.compareNote"));
    compareRow->addWidget(m_compareNote, 1);
    compareLayout->addLayout(compareRow);
    compareLayout->addWidget(m_compareView);
    split->addWidget(compareBox);
    split->setSizes({200, 100, 200, 200});
    layout->addWidget(split, 1);

    connect(m_first, &QToolButton::clicked, this, [this] { showVersion(0); });
    connect(m_back, &QToolButton::clicked, this, [this] { showVersion(m_version - 1); });
    connect(m_forward, &QToolButton::clicked, this, [this] { showVersion(m_version + 1); });
    connect(m_last, &QToolButton::clicked, this, [this] { showVersion(m_events.size()); });
    connect(m_compareWith, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (value != m_version)
            showVersion(value);
    });
    retranslateUi();
    setHistory({}, {}, nullptr);
}

void ReplayPanel::retranslateUi()
{
    m_first->setToolTip(tr("First event"));
    m_back->setToolTip(tr("Back one event"));
    m_forward->setToolTip(tr("Forward one event"));
    m_last->setToolTip(tr("Last event"));
    m_stateLabel->setText(tr("State after this event"));
    m_differenceLabel->setText(tr("Change from the state before"));
    m_eventLabel->setText(tr("Event"));
    m_compareLabel->setText(tr("Compare with the state after version"));
    m_compareWith->setToolTip(tr("The version whose state is shown beside this one; 0 is the state before the first event"));
}

void ReplayPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        update(); // the position, the notes and the differences
    }
    QWidget::changeEvent(event);
}

void ReplayPanel::setHistory(const QString &typeName, const QList<RecordedEvent> &events, const EntityTypeInfo *type)
{
    const bool sameEntity = typeName == m_typeName && !events.isEmpty() && !m_events.isEmpty()
        && events.first().entityId == m_events.first().entityId;
    const bool atEnd = m_version == m_events.size();
    if (!sameEntity || !type || !m_type || type->typeName != m_type->typeName) {
        m_folder.reset(); // a history only grows: the same entity's folder stays valid
        m_loaded.reset();
        m_comparedVersion = -1;
    }
    m_typeName = typeName;
    m_events = events;
    m_type = type ? std::optional(*type) : std::nullopt;
    m_slider->setRange(0, int(events.size()));
    {
        const QSignalBlocker block(m_compareWith);
        m_compareWith->setRange(0, int(events.size()));
        if (!sameEntity)
            m_compareWith->setValue(0); // a new entity: compared with its start
    }
    // Following the entity as it changes, unless the user stepped back.
    showVersion(sameEntity && !atEnd ? std::min<qint64>(m_version, events.size()) : events.size());
}

void ReplayPanel::setLoaded(qint64 snapshotVersion, qint64 version, const QJsonValue &state)
{
    m_loaded = Loaded{snapshotVersion, version, state};
    update();
}

void ReplayPanel::showVersion(qint64 version)
{
    m_version = std::clamp<qint64>(version, 0, m_events.size());
    update();
}

void ReplayPanel::update()
{
    const qint64 count = m_events.size();
    m_first->setEnabled(m_version > 0);
    m_back->setEnabled(m_version > 0);
    m_forward->setEnabled(m_version < count);
    m_last->setEnabled(m_version < count);
    m_slider->setEnabled(count > 0);
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(m_version));
    }
    m_position->setText(tr("Version %1 of %2").arg(m_version).arg(count));
    m_eventView->setJson(m_version > 0 ? m_events.at(m_version - 1).event : QJsonValue(QJsonValue::Undefined));

    if (m_typeName.isEmpty()) {
        m_note->setText(tr("Select an entity to replay its history."));
        m_stateView->clear();
        m_difference->clear();
        m_comparison->clear();
        m_compareNote->clear();
        return;
    }
    if (!m_type) {
        m_note->setText(tr("No state: there is no domain code for the entity type %1. Load a plugin that provides it, "
                           "or register the type in the application that embeds the inspector. The events are shown as stored.")
                            .arg(m_typeName));
        m_state = QJsonValue();
        m_stateView->clear();
        m_difference->clear();
        m_comparison->clear();
        m_compareNote->clear();
        return;
    }
    // The domain's own code folds the events, as the store does when it loads the entity. The
    // folder is kept: stepping forward applies only the new events, stepping back folds anew.
    const qint64 beforeVersion = std::max<qint64>(m_version - 1, 0);
    if (!m_folder || m_folded > beforeVersion) {
        m_folder = m_type->newFolder();
        m_folded = 0;
    }
    QString why;
    QJsonValue before;
    for (; m_folded < m_version; ++m_folded) {
        if (m_folded == beforeVersion)
            before = m_folder->state();
        if (!m_folder->apply(m_events.at(m_folded).event, &why)) {
            m_note->setText(tr("The event at version %1 (seq no %2) cannot be decoded: %3")
                                .arg(m_folded + 1)
                                .arg(m_events.at(m_folded).seqNo)
                                .arg(why));
            m_folder.reset();
            m_state = QJsonValue();
            m_stateView->clear();
            m_difference->clear();
            m_comparison->clear();
            m_compareNote->clear();
            return;
        }
    }
    m_state = m_folder->state();
    QString note = m_version == 0 ? tr("The state before the first event.") : QString();
    if (m_loaded && m_loaded->snapshotVersion > 0) {
        // The replay folds every event; a load starts from the snapshot. They must agree.
        if (m_version == m_loaded->version && m_loaded->state != m_state)
            note = tr("A load of this entity starts from its snapshot at version %1 and gives another state than its "
                      "events do: the snapshot is stale. Check the history (Store menu).")
                       .arg(m_loaded->snapshotVersion);
        else
            note = tr("A load of this entity starts from its snapshot at version %1.").arg(m_loaded->snapshotVersion);
    }
    m_note->setText(note);
    m_stateView->setJson(m_state);
    m_difference->setPlainText(m_version == 0 ? QString() : stateDifference(before, m_state));
    updateComparison();
}

bool ReplayPanel::fold(qint64 version, QJsonValue &state, QString *why) const
{
    const std::unique_ptr<StateFolder> folder = m_type->newFolder();
    for (qint64 i = 0; i < version; ++i) {
        if (!folder->apply(m_events.at(i).event, why))
            return false;
    }
    state = folder->state();
    return true;
}

void ReplayPanel::updateComparison()
{
    // The other state is folded once per version chosen; stepping folds only the one shown.
    const qint64 with = m_compareWith->value();
    if (with != m_comparedVersion) {
        QString why;
        if (!fold(with, m_comparedState, &why)) {
            m_comparedVersion = -1;
            m_comparison->clear();
            m_compareNote->setText(tr("Version %1 cannot be folded: %2").arg(with).arg(why));
            return;
        }
        m_comparedVersion = with;
    }
    m_comparison->setStates(with, m_comparedState, m_version, m_state);
    m_compareNote->setText(tr("Fields that differ: %1").arg(m_comparison->changedCount()));
}

} // namespace Evented::Inspector
