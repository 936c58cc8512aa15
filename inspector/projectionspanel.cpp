#include "projectionspanel.h"

#include "progressstrip.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>
#include <evented/inspector/storereader.h>
#include <evented/projection.h>

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
    , m_rebuild(new QPushButton(QIcon(QStringLiteral(":/evented/icons/rebuild.svg")), tr("Rebuild…"), this))
    , m_start(new QPushButton(QIcon(QStringLiteral(":/evented/icons/run.svg")), tr("Start"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_progress(new ProgressStrip(this))
    , m_parkedTitle(new QLabel(this))
    , m_rerun(new QPushButton(tr("Re-run"), this))
    , m_rerunOutcome(new QLabel(this))
{
    m_rebuild->setObjectName(QStringLiteral("projections.rebuild"));
    m_start->setObjectName(QStringLiteral("projections.start"));
    m_stop->setObjectName(QStringLiteral("projections.stop"));
    m_progress->setObjectName(QStringLiteral("projections.progress"));
    m_parkedTitle->setObjectName(QStringLiteral("projections.parkedTitle"));
    m_rerun->setObjectName(QStringLiteral("projections.rerun"));
    m_rerunOutcome->setObjectName(QStringLiteral("projections.rerunOutcome"));
    auto *refreshButton = new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("projections.refresh"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refreshButton);
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
    layout->addWidget(m_parkedTitle);
    layout->addWidget(tableView(QStringLiteral("projections.parked"), parked, this), 1);
    layout->addLayout(rerun);
    m_soon.setSingleShot(true);
    m_soon.setInterval(100);
    connect(&m_soon, &QTimer::timeout, this, &ProjectionsPanel::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &ProjectionsPanel::refresh);
    connect(m_rebuild, &QPushButton::clicked, this, [this] { rebuildSelected(true); });
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
    updateControls();
}

ProjectionsPanel::~ProjectionsPanel() = default;

void ProjectionsPanel::setStore(StoreReader *reader, const Domain *domain, bool readOnly)
{
    ++m_generation; // what the store before still sends is dropped
    ++m_refreshes;
    // The projections run here ended with the store before: its reader is gone.
    qDeleteAll(m_hosted);
    m_hosted.clear();
    m_rerunning = false;
    m_progress->finish();
    m_rerunOutcome->clear();
    m_reader = reader;
    m_domain = domain;
    m_readOnly = readOnly;
    m_rebuild->setToolTip(readOnly ? tr("Read-only: projections cannot be rebuilt.")
                                   : tr("Sets the projection back to the beginning, clears its view and runs it here "
                                        "until it has caught up"));
    updateControls();
    refresh();
}

bool ProjectionsPanel::isRebuilding() const
{
    return std::any_of(m_hosted.cbegin(), m_hosted.cend(),
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
    return writable() && code(name) && !m_hosted.contains(name);
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

void ProjectionsPanel::rebuildSelected(bool confirm)
{
    const QString name = selectedName();
    if (!canRebuild(name))
        return;
    const ProjectionInfo *info = code(name);
    // The questions are window-modal, without an event loop of their own.
    if (!info) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Rebuild"),
                                    tr("There is no domain code for the projection %1, so it cannot be run here.").arg(name),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (!confirm) {
        host(*info, HostedProjection::Mode::Rebuild);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Rebuild"),
                                tr("Clear the view of %1 and project every event again?").arg(name),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("projections.confirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = m_generation;
    connect(box, &QMessageBox::finished, this, [this, box, name, generation] {
        const ProjectionInfo *info = code(name);
        if (box->result() == QMessageBox::Yes && info && generation == m_generation && canRebuild(name))
            host(*info, HostedProjection::Mode::Rebuild);
    });
    box->open();
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
    if (mode == HostedProjection::Mode::Rebuild)
        m_progress->start(tr("Rebuilding %1…").arg(info.name), 1000);
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
