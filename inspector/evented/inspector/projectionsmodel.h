#pragma once

#include <evented/projection.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

namespace Evented::Inspector {

/*! The stored state of every projection, as any process sees it. */
class EVENTED_INSPECTOR_EXPORT ProjectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, Position, Lag, WaitingOn, Owner, Error, Updated, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    /*! Shows \a states; the same projections in the same order keep their rows (and the selection). */
    void setStates(const QList<ProjectionState> &states);
    void clear();
    const ProjectionState &state(int row) const { return m_states.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProjectionState> m_states;
};

} // namespace Evented::Inspector
