#include "statecomparisonmodel.h"

#include <evented/json.h>

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>
#include <QJsonObject>

namespace Evented::Inspector {

namespace {

/*! The leaves of \a value under \a path, in order: objects by key, arrays by index. An empty
    object or array is a leaf of its own. */
void flatten(const QJsonValue &value, const QString &path, QList<std::pair<QString, QJsonValue>> &out)
{
    if (value.isObject() && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out);
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(array.at(i), path + u'[' + QString::number(i) + u']', out);
    } else {
        out.append({path, value});
    }
}

} // namespace

StateComparisonModel::StateComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void StateComparisonModel::setStates(qint64 beforeVersion, const QJsonValue &before, qint64 afterVersion, const QJsonValue &after)
{
    QList<std::pair<QString, QJsonValue>> left;
    QList<std::pair<QString, QJsonValue>> right;
    flatten(before, {}, left);
    flatten(after, {}, right);
    QList<Row> rows;
    for (const auto &[field, value] : std::as_const(left))
        rows.append({field, value, QJsonValue(QJsonValue::Undefined)});
    for (const auto &[field, value] : std::as_const(right)) {
        const auto found = std::find_if(rows.begin(), rows.end(), [&field](const Row &row) { return row.field == field; });
        if (found != rows.end())
            found->after = value;
        else
            rows.append({field, QJsonValue(QJsonValue::Undefined), value});
    }
    beginResetModel();
    m_rows = rows;
    m_beforeVersion = beforeVersion;
    m_afterVersion = afterVersion;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, Before, After);
}

void StateComparisonModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_beforeVersion = -1;
    m_afterVersion = -1;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, Before, After);
}

int StateComparisonModel::changedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &row) { return row.before != row.after; }));
}

int StateComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StateComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool changed = row.before != row.after;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        if (index.column() == Field)
            return row.field.isEmpty() ? tr("(the state)") : row.field;
        const QJsonValue &value = index.column() == Before ? row.before : row.after;
        return value.isUndefined() ? tr("(none)") : QString::fromUtf8(Json::compact(value));
    }
    case Qt::BackgroundRole:
        return changed ? QVariant(QBrush(QColor(255, 236, 179))) : QVariant();
    case Qt::FontRole:
        if (changed) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case ChangedRole:
        return changed;
    default:
        return {};
    }
}

QVariant StateComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Field: return tr("Field");
    case Before: return m_beforeVersion < 0 ? tr("Before") : tr("Version %1").arg(m_beforeVersion);
    case After: return m_afterVersion < 0 ? tr("After") : tr("Version %1").arg(m_afterVersion);
    default: return {};
    }
}

} // namespace Evented::Inspector
