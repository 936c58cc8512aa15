#include "projectionspanel.h"

#include "progressstrip.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>
#include <evented/inspector/storereader.h>
#include <evented/projection.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Evented::Inspector {

namespace {

/*! What a refresh reads: every projection's state, and the selected one's parked events. */
struct Snapshot
{
    Result<QList<ProjectionState>> states;
    Result<QList<ParkedEvent>> parked;
};

} // namespace

ProjectionsPanel::ProjectionsPanel(ProjectionsModel *model, ParkedModel *parked, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_parked(parked)
    , m_view(tableView(QStringLiteral("projections"), model, this))
    , m_rebuild(new QPushButton(QIcon(QStringLiteral(":/evented/icons/rebuild.svg")), QString(), this))
    , m_start(new QPushButton(QIcon(QStringLiteral(":/evented/icons/run.svg")), QString(), this))
    , m_stop(new QPushButton(this))
    , m_progress(new ProgressStrip(this))
    , m_rebuildOutcome(new QLabel(this))
    , m_parkedTitle(new QLabel(this))
    , m_rerun(new QPushButton(this))
    , m_rerunOutcome(new QLabel(this))
{
    m_rebuild->setObjectName(QStringLiteral("projections.rebuild"));
    m_start->setObjectName(QStringLiteral("projections.start"));
    m_stop->setObjectName(QStringLiteral("projections.stop"));
    m_progress->setObjectName(QStringLiteral("projections.progress"));
    m_rebuildOutcome->setObjectName(QStringLiteral("projections.rebuildOutcome"));
    m_rebuildOutcome->setWordWrap(true);
    m_rebuildOutcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_parkedTitle->setObjectName(QStringLiteral("projections.parkedTitle"));
    m_rerun->setObjectName(QStringLiteral("projections.rerun"));
    m_rerunOutcome->setObjectName(QStringLiteral("projections.rerunOutcome"));
    m_refresh = new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), QString(), this);
    m_refresh->setObjectName(QStringLiteral("projections.refresh"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_rebuild);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch();
    auto *rerun = new QHBoxLayout;
    rerun->addWidget(m_rerun);
    rerun->addWidget(m_rerunOutcome, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_rebuildOutcome);
    layout->addWidget(m_parkedTitle);
    layout->addWidget(tableView(QStringLiteral("projections.parked"), parked, this), 1);
    layout->addLayout(rerun);
    m_soon.setSingleShot(true);
    m_soon.setInterval(100);
    connect(&m_soon, &QTimer::timeout, this, &ProjectionsPanel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &ProjectionsPanel::refresh);
    connect(m_rebuild, &QPushButton::clicked, this, &ProjectionsPanel::rebuildSelected);
    connect(m_start, &QPushButton::clicked, this, &ProjectionsPanel::startSelected);
    connect(m_stop, &QPushButton::clicked, this, &ProjectionsPanel::stopSelected);
    connect(m_rerun, &QPushButton::clicked, this, &ProjectionsPanel::rerunParked);
    connect(m_progress, &ProgressStrip::canceled, this, &ProjectionsPanel::cancelRebuild);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        // Another projection's parked events are read at once.
        if (selectedName() != m_parked->projection()) {
            m_parked->clear();
            m_rerunOutcome->clear();
            refresh();
        }
        updateControls();
    });
    retranslateUi();
}

ProjectionsPanel::~ProjectionsPanel() = default;

void ProjectionsPanel::retranslateUi()
{
    m_refresh->setText(tr("Refresh"));
    m_rebuild->setText(tr("Rebuild…"));
    m_start->setText(tr("Start"));
    m_stop->setText(tr("Stop"));
    m_rerun->setText(tr("Re-run"));
    m_rebuild->setToolTip(m_readOnly ? tr("Read-only: projections cannot be rebuilt.")
                                     : tr("Builds the projection anew beside its view while it keeps running, compares "
                                          "the two key by key and swaps the new one in; one that declares no view is "
                                          "rebuilt in place"));
    updateControls(); // the tool tips and the parked events' title
}

void ProjectionsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ProjectionsPanel::setStore(StoreReader *reader, const Domain *domain, bool readOnly)
{
    ++m_generation; // what the store before still sends is dropped
    ++m_refreshes;
    // The projections run here ended with the store before: its reader is gone.
    qDeleteAll(m_hosted);
    m_hosted.clear();
    m_rerunning = false;
    m_rebuildingBeside.clear(); // its outcome is dropped
    m_progress->finish();
    m_rebuildOutcome->clear();
    m_rerunOutcome->clear();
    m_reader = reader;
    m_domain = domain;
    m_readOnly = readOnly;
    retranslateUi();
    refresh();
}

bool ProjectionsPanel::isRebuilding() const
{
    return !m_rebuildingBeside.isEmpty()
        || std::any_of(m_hosted.cbegin(), m_hosted.cend(),
                       [](const HostedProjection *hosted) { return hosted->mode() == HostedProjection::Mode::Rebuild; });
}

QString ProjectionsPanel::selectedName() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->state(rows.first().row()).name;
}

void ProjectionsPanel::select(const QString &name)
{
    if (const int row = m_model->rowOf(name); row >= 0 && selectedName() != name)
        m_view->selectRow(row);
}

const ProjectionInfo *ProjectionsPanel::code(const QString &name) const
{
    return m_domain && !name.isEmpty() ? m_domain->projection(name) : nullptr;
}

bool ProjectionsPanel::writable() const
{
    return !m_readOnly && m_reader;
}

bool ProjectionsPanel::canRebuild(const QString &name) const
{
    return writable() && !name.isEmpty() && !m_hosted.contains(name) && !isRebuilding();
}

bool ProjectionsPanel::canStart(const QString &name) const
{
    return writable() && code(name) && !m_hosted.contains(name) && name != m_rebuildingBeside;
}

bool ProjectionsPanel::canStop(const QString &name) const
{
    const HostedProjection *hosted = m_hosted.value(name);
    return writable() && hosted && hosted->mode() == HostedProjection::Mode::Run;
}

bool ProjectionsPanel::canRerun(const QString &name) const
{
    return writable() && code(name) && !m_rerunning && m_parked->projection() == name && m_parked->rowCount() > 0;
}

void ProjectionsPanel::updateControls()
{
    const QString name = selectedName();
    const bool hasCode = code(name) != nullptr;
    m_rebuild->setEnabled(canRebuild(name));
    m_start->setEnabled(canStart(name));
    m_stop->setEnabled(canStop(name));
    m_rerun->setEnabled(canRerun(name));
    const QString noCode = tr("There is no domain code for the projection %1, so it cannot be run here.").arg(name);
    if (m_readOnly) {
        m_start->setToolTip(tr("Read-only: projections cannot be run here."));
        m_stop->setToolTip(m_start->toolTip());
        m_rerun->setToolTip(tr("Read-only: parked events cannot be re-run."));
    } else {
        m_start->setToolTip(!name.isEmpty() && !hasCode ? noCode
                                                        : tr("Runs the projection here, with the domain's code, until Stop"));
        m_stop->setToolTip(tr("Stops the projection that runs here; its position stays"));
        m_rerun->setToolTip(!name.isEmpty() && !hasCode ? noCode
                                                        : tr("Runs the domain's handler again on every parked event of "
                                                             "the projection; those that fail again stay parked"));
    }
    m_parkedTitle->setText(name.isEmpty() ? tr("Parked events") : tr("Parked events of %1").arg(name));
}

void ProjectionsPanel::refresh()
{
    if (!m_reader)
        return;
    // Only the answer to the last read is shown.
    const quint64 request = ++m_refreshes;
    const QString name = selectedName();
    // An empty domain declares nothing: its states are the stored ones.
    m_reader->run<Snapshot>([domain = m_domain ? *m_domain : Domain(), name](EventStore &store) {
            return Snapshot{domain.projectionStates(&store),
                            name.isEmpty() ? QList<ParkedEvent>() : Projection::parked(&store, name)};
        }, this, [this, request, name](const Snapshot &read) {
            if (request != m_refreshes)
                return;
            if (!read.states) {
                Q_EMIT failed(read.states.error());
                return;
            }
            m_model->setStates(read.states.value());
            select(name);
            if (!read.parked)
                Q_EMIT failed(read.parked.error());
            else if (selectedName() == name)
                m_parked->setEvents(name, read.parked.value());
            updateControls();
        });
}

bool ProjectionsPanel::mayRebuild(const QString &name)
{
    if (!canRebuild(name))
        return false;
    if (code(name))
        return true;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Rebuild"),
                                tr("There is no domain code for the projection %1, so it cannot be run here.").arg(name),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

bool ProjectionsPanel::answersHold(const QString &name, quint64 generation) const
{
    return generation == m_generation && code(name) && canRebuild(name);
}

void ProjectionsPanel::ask(const QString &objectName, const QString &name, const QString &question,
                           const QString &details, std::function<void()> yes)
{
    // The questions are window-modal, without an event loop of their own.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Rebuild"), question, QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(objectName);
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = m_generation;
    connect(box, &QMessageBox::finished, this, [this, box, name, generation, yes = std::move(yes)] {
        if (box->result() == QMessageBox::Yes && answersHold(name, generation))
            yes();
    });
    box->open();
}

void ProjectionsPanel::rebuildSelected()
{
    const QString name = selectedName();
    if (!mayRebuild(name))
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Rebuild"),
                                tr("Build %1 anew beside its view, from the first event, while it keeps running, and "
                                   "compare the two key by key?")
                                    .arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("projections.confirm"));
    box->setInformativeText(tr("Rebuild and swap puts the new version in place of the view when no key differs; "
                               "Verify only compares and keeps the view. Once begun, neither can be cancelled. A "
                               "projection that declares no view can only be rebuilt in place: you are asked then."));
    QPushButton *swap = box->addButton(tr("Rebuild and swap"), QMessageBox::AcceptRole);
    swap->setObjectName(QStringLiteral("projections.confirm.swap"));
    QPushButton *verify = box->addButton(tr("Verify only"), QMessageBox::AcceptRole);
    verify->setObjectName(QStringLiteral("projections.confirm.verify"));
    box->setDefaultButton(swap);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = m_generation;
    connect(box, &QMessageBox::finished, this, [this, box, swap, verify, name, generation] {
        const bool verifyOnly = box->clickedButton() == verify;
        if ((box->clickedButton() == swap || verifyOnly) && answersHold(name, generation))
            rebuildBeside(name, verifyOnly, false);
    });
    box->open();
}

void ProjectionsPanel::rebuildBeside(bool verifyOnly, bool swapWhenDifferent)
{
    const QString name = selectedName();
    if (!mayRebuild(name))
        return;
    rebuildBeside(name, verifyOnly, swapWhenDifferent);
}

void ProjectionsPanel::rebuildBeside(const QString &name, bool verifyOnly, bool swapWhenDifferent)
{
    m_rebuildingBeside = name;
    m_rebuildOutcome->clear();
    // The core cannot stop it: Cancel is disabled.
    m_progress->start(verifyOnly ? tr("Verifying %1 beside its view…").arg(name)
                                 : tr("Rebuilding %1 beside its view…").arg(name),
                      1000, false);
    updateControls();
    const quint64 generation = m_generation;
    RebuildOptions options;
    options.verifyOnly = verifyOnly;
    options.swapWhenDifferent = swapWhenDifferent;
    // Called in the reader's thread; the strip moves in this one (this lives while the work runs).
    options.progress = [panel = this, generation](qint64 seqNo, qint64 target) {
        QMetaObject::invokeMethod(panel, [panel, generation, seqNo, target] {
            if (generation == panel->m_generation && !panel->m_rebuildingBeside.isEmpty())
                panel->m_progress->setValue(target > 0 ? int(1000 * std::min(seqNo, target) / target) : 1000);
        }, Qt::QueuedConnection);
    };
    const auto work = [info = *code(name), prepare = m_prepare, options](EventStore &store) -> Result<RebuildOutcome> {
        if (prepare) {
            if (Error error = prepare(store); error.isError())
                return error;
        }
        return Projection::rebuild(&store, info.name, [&](Projection &projection) { info.configure(projection, store); },
                                   options);
    };
    m_reader->run<Result<RebuildOutcome>>(work, this, [this, generation, name, verifyOnly](const Result<RebuildOutcome> &outcome) {
        if (generation == m_generation)
            rebuiltBeside(name, verifyOnly, outcome);
    });
}

void ProjectionsPanel::rebuiltBeside(const QString &name, bool verifyOnly, const Result<RebuildOutcome> &outcome)
{
    m_rebuildingBeside.clear();
    m_progress->finish();
    updateControls();
    if (!outcome && outcome.error().kind() == Error::Kind::InvalidArgument) {
        // It declares no view, has partitions, or the store is distributed: only in place.
        ask(QStringLiteral("projections.inPlace"), name,
            tr("%1 cannot be rebuilt beside its view. Clear its view and project every event again here instead?").arg(name),
            outcome.error().message(), [this, name] { host(*code(name), HostedProjection::Mode::Rebuild); });
    } else if (!outcome) {
        Q_EMIT failed(outcome.error());
    } else {
        const RebuildOutcome &o = outcome.value();
        m_rebuildOutcome->setText(
            tr("%1 built anew and compared at seq_no %2: %3, %4 compared, %5 differ. %6 (%7 ms)")
                .arg(name)
                .arg(o.seqNo)
                .arg(tr("%n event(s)", nullptr, int(o.events)), tr("%n key(s)", nullptr, int(o.keys)))
                .arg(o.differing)
                .arg(o.swapped ? tr("The new version is the view now.")
                               : verifyOnly ? tr("Verified only: the view is as it was.") : tr("The view is as it was."))
                .arg(o.milliseconds));
        QStringList keys = o.differingKeys;
        if (o.differing > keys.size())
            keys.append(tr("… and %n more", nullptr, int(o.differing - keys.size())));
        m_rebuildOutcome->setToolTip(keys.isEmpty() ? QString() : tr("Keys that differ:\n%1").arg(keys.join(u'\n')));
        if (o.differing > 0 && !o.swapped && !verifyOnly) {
            ask(QStringLiteral("projections.swapAnyway"), name,
                tr("%n key(s) of %1 differ, so the view was kept. Swap anyway?", nullptr, int(o.differing)).arg(name),
                tr("Builds the new version again and puts it in place even though keys differ: when the handler "
                   "changed on purpose."),
                [this, name] { rebuildBeside(name, false, true); });
        }
    }
    refresh();
    Q_EMIT rebuildEnded();
}

void ProjectionsPanel::rebuildInPlace()
{
    const QString name = selectedName();
    if (mayRebuild(name))
        host(*code(name), HostedProjection::Mode::Rebuild);
}

void ProjectionsPanel::cancelRebuild()
{
    for (HostedProjection *hosted : std::as_const(m_hosted)) {
        if (hosted->mode() == HostedProjection::Mode::Rebuild)
            hosted->stop();
    }
}

void ProjectionsPanel::startSelected()
{
    const QString name = selectedName();
    if (canStart(name))
        host(*code(name), HostedProjection::Mode::Run);
}

void ProjectionsPanel::stopSelected()
{
    const QString name = selectedName();
    if (canStop(name))
        m_hosted.value(name)->stop();
}

void ProjectionsPanel::host(const ProjectionInfo &info, HostedProjection::Mode mode)
{
    auto *hosted = new HostedProjection(m_reader, info.name, mode, this);
    m_hosted.insert(info.name, hosted);
    if (mode == HostedProjection::Mode::Rebuild) {
        m_rebuildOutcome->clear();
        m_progress->start(tr("Rebuilding %1 in place…").arg(info.name), 1000);
    }
    connect(hosted, &HostedProjection::stateChanged, this, [this, mode](const ProjectionState &state) {
        if (mode == HostedProjection::Mode::Run)
            m_soon.start(); // the stored state follows, with the others
        else if (state.head > 0)
            m_progress->setValue(int(1000 * std::min(state.seqNo, state.head) / state.head));
    });
    connect(hosted, &HostedProjection::ended, this, [this, hosted](const ProjectionState &state, const Error &error) {
        hostedEnded(hosted, state, error);
    });
    hosted->start(info, m_prepare);
    updateControls();
}

void ProjectionsPanel::hostedEnded(HostedProjection *hosted, const ProjectionState &state, const Error &error)
{
    m_hosted.remove(hosted->name());
    hosted->deleteLater();
    const bool rebuilt = hosted->mode() == HostedProjection::Mode::Rebuild;
    if (rebuilt)
        m_progress->finish();
    updateControls();
    if (error.isError())
        Q_EMIT failed(error);
    else if (state.status == ProjectionState::Status::Failed)
        Q_EMIT failed(Error::handlerFailed(state.errorSeqNo, state.error));
    else if (rebuilt)
        m_rebuildOutcome->setText(tr("%1 rebuilt in place: at seq_no %2 of %3.").arg(hosted->name()).arg(state.seqNo).arg(state.head));
    refresh();
    if (rebuilt)
        Q_EMIT rebuildEnded();
}

void ProjectionsPanel::rerunParked()
{
    const QString name = selectedName();
    if (!canRerun(name))
        return;
    m_rerunning = true;
    m_rerunOutcome->setText(tr("Re-running the parked events of %1…").arg(name));
    updateControls();
    const quint64 generation = m_generation;
    // A projection of the name with the domain's handler; it need not run.
    const auto work = [info = *code(name), prepare = m_prepare](EventStore &store) -> Result<ParkedRerun> {
        if (prepare) {
            if (Error error = prepare(store); error.isError())
                return error;
        }
        Projection projection(&store, info.name);
        info.configure(projection, store);
        return projection.rerunParked();
    };
    m_reader->run<Result<ParkedRerun>>(work, this, [this, generation, name](const Result<ParkedRerun> &rerun) {
        if (generation != m_generation)
            return;
        m_rerunning = false;
        if (rerun) {
            m_rerunOutcome->setText(tr("Re-run of %1: %2, %3.")
                                        .arg(name, tr("%n applied", nullptr, rerun->applied),
                                             tr("%n failed again", nullptr, rerun->failed)));
        } else {
            m_rerunOutcome->clear();
            Q_EMIT failed(rerun.error());
        }
        updateControls();
        refresh();
    });
}

} // namespace Evented::Inspector
