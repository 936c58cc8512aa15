#include <evented/inspector/entitytypesmodel.h>

#include "modelhelpers.h"

#include <algorithm>

namespace Evented::Inspector {

void EntityTypesModel::setStats(const StoreStats &stats, const Domain &domain)
{
    QList<TypeStats> types = stats.types;
    for (const EntityTypeInfo &info : domain.entityTypes()) {
        if (std::none_of(types.begin(), types.end(), [&info](const TypeStats &t) { return t.typeName == info.typeName; }))
            types.append({info.typeName, 0, 0});
    }
    std::sort(types.begin(), types.end(), [](const TypeStats &a, const TypeStats &b) { return a.typeName < b.typeName; });
    beginResetModel();
    m_types = types;
    m_head = stats.head;
    endResetModel();
}

void EntityTypesModel::clear()
{
    beginResetModel();
    m_types.clear();
    m_head = 0;
    endResetModel();
}

void EntityTypesModel::add(const QList<RecordedEvent> &events)
{
    for (const RecordedEvent &event : events) {
        int row = rowOf(event.typeName);
        if (row < 0) {
            row = int(std::lower_bound(m_types.begin(), m_types.end(), event.typeName,
                                       [](const TypeStats &t, const QString &name) { return t.typeName < name; })
                      - m_types.begin());
            beginInsertRows({}, row, row);
            m_types.insert(row, {event.typeName, 0, 0});
            endInsertRows();
        }
        TypeStats &type = m_types[row];
        ++type.events;
        if (event.version == 1)
            ++type.entities;
        Q_EMIT dataChanged(index(row, Entities), index(row, Events));
    }
}

QString EntityTypesModel::typeName(int row) const
{
    return row >= 0 && row < m_types.size() ? m_types.at(row).typeName : QString();
}

int EntityTypesModel::rowOf(const QString &typeName) const
{
    for (int row = 0; row < m_types.size(); ++row) {
        if (m_types.at(row).typeName == typeName)
            return row;
    }
    return -1;
}

int EntityTypesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

int EntityTypesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntityTypesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TypeStats &type = m_types.at(index.row());
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
