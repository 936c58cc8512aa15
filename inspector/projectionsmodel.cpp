#include <evented/inspector/projectionsmodel.h>

#include "modelhelpers.h"

#include <QColor>

#include <algorithm>

namespace Evented::Inspector {

class ProjectionsModelPrivate
{
public:
    QList<ProjectionState> states;
};

ProjectionsModel::ProjectionsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<ProjectionsModelPrivate>())
{
}

ProjectionsModel::~ProjectionsModel() = default;

void ProjectionsModel::setStates(const QList<ProjectionState> &states)
{
    Q_D(ProjectionsModel);
    const bool sameNames = std::equal(states.begin(), states.end(), d->states.begin(), d->states.end(),
                                      [](const ProjectionState &a, const ProjectionState &b) { return a.name == b.name; });
    if (sameNames) {
        d->states = states;
        if (!d->states.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        d->states = states;
        endResetModel();
    }
}

const ProjectionState &ProjectionsModel::state(int row) const
{
    Q_D(const ProjectionsModel);
    return d->states.at(row);
}

int ProjectionsModel::rowOf(const QString &name) const
{
    Q_D(const ProjectionsModel);
    const auto found = std::find_if(d->states.cbegin(), d->states.cend(),
                                    [&name](const ProjectionState &state) { return state.name == name; });
    return found == d->states.cend() ? -1 : int(found - d->states.cbegin());
}

void ProjectionsModel::clear()
{
    Q_D(ProjectionsModel);
    beginResetModel();
    d->states.clear();
    endResetModel();
}

int ProjectionsModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const ProjectionsModel);
    return parent.isValid() ? 0 : int(d->states.size());
}

int ProjectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectionsModel::data(const QModelIndex &index, int role) const
{
    Q_D(const ProjectionsModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProjectionState &state = d->states.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return state.name;
        case Status: return state.statusLabel();
        case Position: return number(state.seqNo);
        case Lag: return number(state.lag);
        case WaitingOn:
            return state.waitingOnPid ? tr("pid %1 since %2").arg(state.waitingOnPid).arg(timeText(state.waitingSince))
                                      : QString();
        case Owner: return state.owner;
        case Error:
            return state.error.isEmpty() ? QString() : tr("at %1: %2").arg(state.errorSeqNo).arg(state.error);
        case Updated: return timeText(state.updatedAt);
        }
    } else if (role == Qt::TextAlignmentRole && (index.column() == Position || index.column() == Lag)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole && state.status == ProjectionState::Status::Failed) {
        return QColor(Qt::red);
    }
    return {};
}

QVariant ProjectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Projection");
    case Status: return tr("State");
    case Position: return tr("Position");
    case Lag: return tr("Lag");
    case WaitingOn: return tr("Waiting on");
    case Owner: return tr("Owner");
    case Error: return tr("Error");
    case Updated: return tr("Updated");
    }
    return {};
}

} // namespace Evented::Inspector
