#include <evented/inspector/entitytypesmodel.h>

#include "modelhelpers.h"

#include <algorithm>

namespace Evented::Inspector {

class EntityTypesModelPrivate
{
public:
    QList<TypeStats> types;
    qint64 head = 0;
};

EntityTypesModel::EntityTypesModel(QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<EntityTypesModelPrivate>())
{
}

EntityTypesModel::~EntityTypesModel() = default;

void EntityTypesModel::setStats(const StoreStats &stats, const Domain &domain)
{
    Q_D(EntityTypesModel);
    QList<TypeStats> types = stats.types;
    for (const EntityTypeInfo &info : domain.entityTypes()) {
        if (std::none_of(types.begin(), types.end(), [&info](const TypeStats &t) { return t.typeName == info.typeName; }))
            types.append({info.typeName, 0, 0});
    }
    std::sort(types.begin(), types.end(), [](const TypeStats &a, const TypeStats &b) { return a.typeName < b.typeName; });
    beginResetModel();
    d->types = types;
    d->head = stats.head;
    endResetModel();
}

void EntityTypesModel::clear()
{
    Q_D(EntityTypesModel);
    beginResetModel();
    d->types.clear();
    d->head = 0;
    endResetModel();
}

void EntityTypesModel::add(const QList<RecordedEvent> &events)
{
    Q_D(EntityTypesModel);
    for (const RecordedEvent &event : events) {
        int row = rowOf(event.typeName);
        if (row < 0) {
            row = int(std::lower_bound(d->types.begin(), d->types.end(), event.typeName,
                                       [](const TypeStats &t, const QString &name) { return t.typeName < name; })
                      - d->types.begin());
            beginInsertRows({}, row, row);
            d->types.insert(row, {event.typeName, 0, 0});
            endInsertRows();
        }
        TypeStats &type = d->types[row];
        ++type.events;
        if (event.version == 1)
            ++type.entities;
        Q_EMIT dataChanged(index(row, Entities), index(row, Events));
    }
}

QString EntityTypesModel::typeName(int row) const
{
    Q_D(const EntityTypesModel);
    return row >= 0 && row < d->types.size() ? d->types.at(row).typeName : QString();
}

qint64 EntityTypesModel::head() const
{
    Q_D(const EntityTypesModel);
    return d->head;
}

const TypeStats &EntityTypesModel::stats(int row) const
{
    Q_D(const EntityTypesModel);
    return d->types.at(row);
}

int EntityTypesModel::rowOf(const QString &typeName) const
{
    Q_D(const EntityTypesModel);
    for (int row = 0; row < d->types.size(); ++row) {
        if (d->types.at(row).typeName == typeName)
            return row;
    }
    return -1;
}

int EntityTypesModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const EntityTypesModel);
    return parent.isValid() ? 0 : int(d->types.size());
}

int EntityTypesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntityTypesModel::data(const QModelIndex &index, int role) const
{
    Q_D(const EntityTypesModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TypeStats &type = d->types.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Type: return type.typeName;
        case Entities: return number(type.entities);
        case Events: return number(type.events);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != Type) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant EntityTypesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Type: return tr("Entity type");
    case Entities: return tr("Entities");
    case Events: return tr("Events");
    }
    return {};
}

} // namespace Evented::Inspector
