// Row differences: a walk over both readings in step, with the keys each holds, so that the
// order of the keys is the database's own and never compared here.

#include "rowdiff_p.h"

#include <QSet>
#include <QUuid>

namespace Evented::Detail {

QString rowKey(const QVariantList &row, const QList<int> &keyColumns)
{
    QString key;
    for (int column : keyColumns) {
        const QVariant &value = row.at(column);
        if (value.isNull())
            key += QChar(0x1e);
        else if (value.typeId() == QMetaType::QUuid) // as the backends write one
            key += value.toUuid().toString(QUuid::WithoutBraces);
        else
            key += value.toString();
        key += QChar(0x1f);
    }
    return key;
}

namespace {

/*! Appends one row's operation at \a row, joining it to the last run where it continues it. */
void add(QList<RowRun> &runs, RowRun::Kind kind, int row, const QVariantList *values)
{
    if (!runs.isEmpty()) {
        RowRun &last = runs.last();
        // Removals repeat at one place; insertions and changes move on row by row.
        const int next = kind == RowRun::Kind::Remove ? last.row : last.row + last.count;
        if (last.kind == kind && row == next) {
            ++last.count;
            if (values)
                last.rows.append(*values);
            return;
        }
    }
    RowRun run{kind, row, 1, {}};
    if (values)
        run.rows.append(*values);
    runs.append(std::move(run));
}

} // namespace

QList<RowRun> diffRows(const QList<QVariantList> &before, const QList<QVariantList> &after, const QList<int> &keyColumns)
{
    QList<QString> oldKeys, newKeys;
    oldKeys.reserve(before.size());
    newKeys.reserve(after.size());
    for (const QVariantList &row : before)
        oldKeys.append(rowKey(row, keyColumns));
    for (const QVariantList &row : after)
        newKeys.append(rowKey(row, keyColumns));
    QSet<QString> inOld(oldKeys.cbegin(), oldKeys.cend());
    const QSet<QString> inNew(newKeys.cbegin(), newKeys.cend());

    QList<RowRun> runs;
    qsizetype i = 0, j = 0;
    // The model's rows are after[0, j) followed by before[i, end): row j is where either walk is.
    while (i < before.size() || j < after.size()) {
        if (i < before.size() && !inNew.contains(oldKeys.at(i))) {
            add(runs, RowRun::Kind::Remove, int(j), nullptr);
            ++i;
        } else if (j < after.size() && !inOld.contains(newKeys.at(j))) {
            add(runs, RowRun::Kind::Insert, int(j), &after.at(j));
            ++j;
        } else if (i < before.size() && j < after.size() && oldKeys.at(i) == newKeys.at(j)) {
            if (before.at(i) != after.at(j))
                add(runs, RowRun::Kind::Change, int(j), &after.at(j));
            ++i;
            ++j;
        } else if (i < before.size()) {
            // The row at i is in both readings, but later in the new one: it goes here and comes
            // back where the new reading has it.
            inOld.remove(oldKeys.at(i));
            add(runs, RowRun::Kind::Remove, int(j), nullptr);
            ++i;
        } else {
            add(runs, RowRun::Kind::Insert, int(j), &after.at(j));
            ++j;
        }
    }
    return runs;
}

} // namespace Evented::Detail
