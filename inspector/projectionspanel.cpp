#include "projectionspanel.h"

#include "viewhelpers.h"

#include <evented/eventlog.h>
#include <evented/inspector/models.h>
#include <evented/projection.h>

#include <QEventLoop>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Evented::Inspector {

ProjectionsPanel::ProjectionsPanel(ProjectionsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(tableView(QStringLiteral("projections"), model, this))
    , m_rebuild(new QPushButton(QIcon(QStringLiteral(":/evented/icons/rebuild.svg")), tr("Rebuild…"), this))
{
    m_rebuild->setObjectName(QStringLiteral("projections.rebuild"));
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("projections.refresh"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(m_rebuild);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(refresh, &QPushButton::clicked, this, &ProjectionsPanel::refresh);
    connect(m_rebuild, &QPushButton::clicked, this, [this] { rebuildSelected(true); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_rebuild->setEnabled(!m_readOnly && m_view->selectionModel()->hasSelection()); });
    m_rebuild->setEnabled(false);
}

void ProjectionsPanel::setStore(EventStore *store, const Domain *domain, bool readOnly)
{
    m_store = store;
    m_domain = domain;
    m_readOnly = readOnly;
    m_rebuild->setEnabled(!readOnly && m_view->selectionModel()->hasSelection());
    m_rebuild->setToolTip(readOnly ? tr("Read-only: projections cannot be rebuilt.")
                                   : tr("Sets the projection back to the beginning, clears its view and runs it here "
                                        "until it has caught up"));
    refresh();
}

void ProjectionsPanel::refresh()
{
    if (!m_store)
        return;
    if (const Error error = m_model->refresh(m_store); error.isError())
        Q_EMIT failed(error);
}

void ProjectionsPanel::rebuildSelected(bool confirm)
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!m_store || m_readOnly || rows.isEmpty())
        return;
    const QString name = m_model->state(rows.first().row()).name;
    const ProjectionInfo *info = m_domain ? m_domain->projection(name) : nullptr;
    if (!info) {
        QMessageBox::warning(this, tr("Rebuild"),
                             tr("There is no domain code for the projection %1, so it cannot be run here.").arg(name));
        return;
    }
    if (confirm
        && QMessageBox::question(this, tr("Rebuild"),
                                 tr("Clear the view of %1 and project every event again?").arg(name))
            != QMessageBox::Yes)
        return;

    if (m_prepare) {
        if (const Error error = m_prepare(); error.isError()) {
            Q_EMIT failed(error);
            return;
        }
    }
    Projection projection(m_store, name);
    info->configure(projection, *m_store);
    if (const Error error = projection.reset(true); error.isError()) {
        Q_EMIT failed(error);
        return;
    }
    const Result<StoreStats> stats = EventLog(m_store).stats();
    QProgressDialog progress(tr("Rebuilding %1…").arg(name), tr("Cancel"), 0, 1000, this);
    progress.setObjectName(QStringLiteral("projections.progress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    const qint64 head = stats ? std::max<qint64>(stats->head, 1) : 1;
    QEventLoop loop;
    connect(&projection, &Projection::stateChanged, &loop, [&](const ProjectionState &state) {
        progress.setValue(int(1000 * std::min(state.seqNo, head) / head));
        if (state.status == ProjectionState::Status::Failed)
            loop.quit();
    });

    connect(&projection, &Projection::caughtUp, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, &loop, &QEventLoop::quit);
    projection.start();
    loop.exec();
    projection.stop();
    if (const ProjectionState state = projection.state(); state.status == ProjectionState::Status::Failed)
        Q_EMIT failed(Error::handlerFailed(state.errorSeqNo, state.error));
    refresh();
}

} // namespace Evented::Inspector
