#pragma once

#include <evented/projection.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

#include <memory>

namespace Evented::Inspector {

class ProjectionsModelPrivate;

/*! The stored state of every projection, as any process sees it, and the projections a domain
    declares that never ran ("never ran"). */
class EVENTED_INSPECTOR_EXPORT ProjectionsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(ProjectionsModel)
public:
    enum Column { Name, Status, Position, Lag, WaitingOn, Owner, Error, Updated, ColumnCount };
    explicit ProjectionsModel(QObject *parent = nullptr);
    ~ProjectionsModel() override;

    /*! Shows \a states; the same projections in the same order keep their rows (and the selection). */
    void setStates(const QList<ProjectionState> &states);
    void clear();
    const ProjectionState &state(int row) const;
    /*! The row of projection \a name, or -1. */
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::unique_ptr<ProjectionsModelPrivate> d_ptr;
};

} // namespace Evented::Inspector
