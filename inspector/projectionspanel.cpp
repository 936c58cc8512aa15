#include "projectionspanel.h"

#include "progressstrip.h"
#include "viewhelpers.h"

#include <evented/eventlog.h>
#include <evented/inspector/models.h>
#include <evented/inspector/storereader.h>
#include <evented/projection.h>

#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Evented::Inspector {

/*!
    A rebuild under way. Its projection lives in the reader's thread, as a child of the
    reader's store; only that thread touches the fields after the first.
*/
struct ProjectionsPanel::Rebuild
{
    quint64 generation = 0;
    QPointer<Projection> projection;
    bool ended = false;
};

void ProjectionsPanel::endRebuild(const std::shared_ptr<Rebuild> &rebuild, ProjectionsPanel *panel,
                                  const std::function<void(const ProjectionState &)> &report)
{
    if (rebuild->ended || !rebuild->projection)
        return;
    rebuild->ended = true;
    Projection *projection = rebuild->projection;
    projection->stop();
    const ProjectionState state = projection->state();
    projection->deleteLater();
    QMetaObject::invokeMethod(panel, [report, state] { report(state); });
}

ProjectionsPanel::ProjectionsPanel(ProjectionsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(tableView(QStringLiteral("projections"), model, this))
    , m_rebuild(new QPushButton(QIcon(QStringLiteral(":/evented/icons/rebuild.svg")), tr("Rebuild…"), this))
    , m_progress(new ProgressStrip(this))
{
    m_rebuild->setObjectName(QStringLiteral("projections.rebuild"));
    m_progress->setObjectName(QStringLiteral("projections.progress"));
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("projections.refresh"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(m_rebuild);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(refresh, &QPushButton::clicked, this, &ProjectionsPanel::refresh);
    connect(m_rebuild, &QPushButton::clicked, this, [this] { rebuildSelected(true); });
    connect(m_progress, &ProgressStrip::canceled, this, &ProjectionsPanel::cancelRebuild);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ProjectionsPanel::updateEnabled);
    m_rebuild->setEnabled(false);
}

ProjectionsPanel::~ProjectionsPanel() = default;

void ProjectionsPanel::setStore(StoreReader *reader, const Domain *domain, bool readOnly)
{
    ++m_generation; // what the store before still sends is dropped
    ++m_refreshes;
    m_running.reset();
    m_progress->finish();
    m_reader = reader;
    m_domain = domain;
    m_readOnly = readOnly;
    m_rebuild->setToolTip(readOnly ? tr("Read-only: projections cannot be rebuilt.")
                                   : tr("Sets the projection back to the beginning, clears its view and runs it here "
                                        "until it has caught up"));
    updateEnabled();
    refresh();
}

bool ProjectionsPanel::isRebuilding() const
{
    return m_running != nullptr;
}

void ProjectionsPanel::updateEnabled()
{
    m_rebuild->setEnabled(!m_readOnly && m_reader && !isRebuilding() && m_view->selectionModel()->hasSelection());
}

void ProjectionsPanel::refresh()
{
    if (!m_reader)
        return;
    // Only the answer to the last read is shown.
    const quint64 request = ++m_refreshes;
    // An empty domain declares nothing: its states are the stored ones.
    m_reader->run<Result<QList<ProjectionState>>>([domain = m_domain ? *m_domain : Domain()](EventStore &store) {
            return domain.projectionStates(&store);
        }, this, [this, request](const Result<QList<ProjectionState>> &states) {
            if (request != m_refreshes)
                return;
            if (states)
                m_model->setStates(states.value());
            else
                Q_EMIT failed(states.error());
        });
}

void ProjectionsPanel::rebuildSelected(bool confirm)
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!m_reader || m_readOnly || rows.isEmpty() || isRebuilding())
        return;
    const QString name = m_model->state(rows.first().row()).name;
    const ProjectionInfo *info = m_domain ? m_domain->projection(name) : nullptr;
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
        rebuild(name, *info);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Rebuild"),
                                tr("Clear the view of %1 and project every event again?").arg(name),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("projections.confirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = m_generation;
    connect(box, &QMessageBox::finished, this, [this, box, name, generation] {
        const ProjectionInfo *info = m_domain ? m_domain->projection(name) : nullptr;
        if (box->result() == QMessageBox::Yes && info && generation == m_generation && !isRebuilding())
            rebuild(name, *info);
    });
    box->open();
}

void ProjectionsPanel::rebuild(const QString &name, const ProjectionInfo &info)
{
    auto running = std::make_shared<Rebuild>();
    running->generation = m_generation;
    m_running = running;
    m_progress->start(tr("Rebuilding %1…").arg(name), 1000);
    updateEnabled();
    const quint64 generation = m_generation;
    const auto report = [this, generation](const ProjectionState &state) { ended(generation, state, {}); };
    m_reader
        ->run<Error>([running, info, name, prepare = m_prepare, panel = this, report](EventStore &store) -> Error {
            if (prepare) {
                if (Error error = prepare(store); error.isError())
                    return error;
            }
            auto *projection = new Projection(&store, name, &store);
            info.configure(*projection, store);
            if (Error error = projection->reset(true); error.isError()) {
                delete projection;
                return error;
            }
            const Result<StoreStats> stats = EventLog(&store).stats();
            const qint64 head = stats ? std::max<qint64>(stats->head, 1) : 1;
            running->projection = projection;
            // The progress in the panel's thread; the end in this one, after the signal.
            QObject::connect(projection, &Projection::stateChanged, panel, [panel, head](const ProjectionState &state) {
                panel->m_progress->setValue(int(1000 * std::min(state.seqNo, head) / head));
            });
            const auto end = [running, panel, report] { endRebuild(running, panel, report); };
            QObject::connect(projection, &Projection::caughtUp, projection, end, Qt::QueuedConnection);
            QObject::connect(projection, &Projection::stateChanged, projection, [end](const ProjectionState &state) {
                if (state.status == ProjectionState::Status::Failed)
                    end();
            }, Qt::QueuedConnection);
            projection->start();
            return {};
        }, this, [this, generation](const Error &error) {
            if (error.isError())
                ended(generation, {}, error);
        });
}

void ProjectionsPanel::cancelRebuild()
{
    if (!m_running || !m_reader)
        return;
    const quint64 generation = m_generation;
    const auto report = [this, generation](const ProjectionState &state) { ended(generation, state, {}); };
    m_reader->run<bool>([running = m_running, panel = this, report](EventStore &) {
        endRebuild(running, panel, report);
        return true;
    });
}

void ProjectionsPanel::ended(quint64 generation, const ProjectionState &state, const Error &error)
{
    if (generation != m_generation)
        return;
    m_running.reset();
    m_progress->finish();
    updateEnabled();
    if (error.isError())
        Q_EMIT failed(error);
    else if (state.status == ProjectionState::Status::Failed)
        Q_EMIT failed(Error::handlerFailed(state.errorSeqNo, state.error));
    refresh();
    Q_EMIT rebuildEnded();
}

} // namespace Evented::Inspector
