#pragma once

#include <evented/projection.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

#include <memory>

namespace Evented::Inspector {

class ParkedModelPrivate;

/*! The events one projection parked (ErrorStrategy::Park), in commit order, with their errors. */
class EVENTED_INSPECTOR_EXPORT ParkedModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(ParkedModel)
public:
    enum Column { SeqNo, Type, EntityId, Event, ParkedAt, Reruns, Error, ColumnCount };
    explicit ParkedModel(QObject *parent = nullptr);
    ~ParkedModel() override;

    /*! Shows \a events, the parked events of projection \a projection; the same events keep
        their rows (and the selection). */
    void setEvents(const QString &projection, const QList<ParkedEvent> &events);
    void clear();
    /*! The projection whose parked events are shown; empty after clear(). */
    QString projection() const;
    const ParkedEvent &event(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::unique_ptr<ParkedModelPrivate> d_ptr;
};

} // namespace Evented::Inspector
