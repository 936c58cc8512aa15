#include <evented/inspector/parkedmodel.h>

#include "modelhelpers.h"

#include <evented/json.h>

#include <algorithm>

namespace Evented::Inspector {

class ParkedModelPrivate
{
public:
    QString projection;
    QList<ParkedEvent> events;
};

ParkedModel::ParkedModel(QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<ParkedModelPrivate>())
{
}

ParkedModel::~ParkedModel() = default;

void ParkedModel::setEvents(const QString &projection, const QList<ParkedEvent> &events)
{
    Q_D(ParkedModel);
    const bool sameRows = projection == d->projection
        && std::equal(events.begin(), events.end(), d->events.begin(), d->events.end(),
                      [](const ParkedEvent &a, const ParkedEvent &b) { return a.seqNo == b.seqNo; });
    if (sameRows) {
        d->events = events;
        if (!d->events.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    d->projection = projection;
    d->events = events;
    endResetModel();
}

void ParkedModel::clear()
{
    setEvents({}, {});
}

QString ParkedModel::projection() const
{
    Q_D(const ParkedModel);
    return d->projection;
}

const ParkedEvent &ParkedModel::event(int row) const
{
    Q_D(const ParkedModel);
    return d->events.at(row);
}

int ParkedModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const ParkedModel);
    return parent.isValid() ? 0 : int(d->events.size());
}

int ParkedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParkedModel::data(const QModelIndex &index, int role) const
{
    Q_D(const ParkedModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ParkedEvent &event = d->events.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqNo: return number(event.seqNo);
        case Type: return event.typeName;
        case EntityId: return event.entityId.toString(QUuid::WithoutBraces);
        case Event: return QString::fromUtf8(Json::compact(event.event));
        case ParkedAt: return timeText(event.parkedAt);
        case Reruns: return number(event.reruns);
        case Error: return event.error;
        }
    } else if (role == Qt::ToolTipRole && index.column() == Error) {
        return event.error;
    } else if (role == Qt::TextAlignmentRole && (index.column() == SeqNo || index.column() == Reruns)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ParkedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqNo: return tr("Seq no");
    case Type: return tr("Type");
    case EntityId: return tr("Entity");
    case Event: return tr("Event");
    case ParkedAt: return tr("Parked at");
    case Reruns: return tr("Re-runs");
    case Error: return tr("Error");
    }
    return {};
}

} // namespace Evented::Inspector
