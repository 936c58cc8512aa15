#pragma once

#include <QAbstractTableModel>
#include <QJsonValue>
#include <QList>

namespace Evented::Inspector {

/*!
    Two states of one entity side by side, a row per field (a path such as "owner.name" or
    "items[2]", the fields of both states in order), the changed rows highlighted.
*/
class StateComparisonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Field, Before, After, ColumnCount };
    /*! True for a row whose field differs (also one that only one of the states has). */
    static constexpr int ChangedRole = Qt::UserRole + 1;

    explicit StateComparisonModel(QObject *parent = nullptr);

    /*! Compares the state at \a beforeVersion with the one at \a afterVersion. */
    void setStates(qint64 beforeVersion, const QJsonValue &before, qint64 afterVersion, const QJsonValue &after);
    void clear();
    /*! How many fields differ. */
    int changedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString field;
        QJsonValue before; //!< undefined: the field is not there
        QJsonValue after;
    };
    QList<Row> m_rows;
    qint64 m_beforeVersion = -1; //!< -1: nothing compared
    qint64 m_afterVersion = -1;
};

} // namespace Evented::Inspector
