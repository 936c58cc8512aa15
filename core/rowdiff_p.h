#pragma once

// The differences between two readings of a keyed table as the row operations of an item model.

#include <QList>
#include <QString>
#include <QVariantList>

namespace Evented::Detail {

/*! A run of rows that a model inserts, removes or changes at \a row of the rows as they are
    once the runs before it were applied. */
struct RowRun
{
    enum class Kind { Insert, Remove, Change };
    Kind kind = Kind::Change;
    int row = 0;
    int count = 0;
    QList<QVariantList> rows; //!< the new rows, for Insert and Change
};

/*! The text that identifies a row by its \a keyColumns. */
QString rowKey(const QVariantList &row, const QList<int> &keyColumns);

/*!
    The runs that turn \a before into \a after, both in the table's key order. Rows that keep
    their key and values are left alone; a row whose key moved in the order is removed and
    inserted again.
*/
QList<RowRun> diffRows(const QList<QVariantList> &before, const QList<QVariantList> &after, const QList<int> &keyColumns);

} // namespace Evented::Detail
