#pragma once

// Reading a view table of the caller's in key order, a page or a range at a time.

#include <evented/error.h>

#include <QList>
#include <QStringList>
#include <QVariantList>

namespace Evented {
class EventStore;
}

namespace Evented::Detail {

/*! Which rows of a view to read. */
struct ViewQuery
{
    enum class Range {
        After, //!< up to limit rows after boundary (from the first row when boundary is empty)
        UpTo,  //!< every row up to boundary, and it (every row when boundary is empty)
    };
    QString table;          //!< as the caller names it; qualified by the store
    QStringList keyColumns; //!< empty: the table's first column
    Range range = Range::After;
    QVariantList boundary; //!< the key of a row read before
    int limit = 0;
};

/*! What a read of a view gave. */
struct ViewReading
{
    QStringList columns;
    QList<int> keyIndexes; //!< where the key columns are in columns
    QList<QVariantList> rows;
    Error error;
};

/*! Reads \a query from \a store, on the calling thread's connection of it (the worker's, in
    EventStore::runAsync()). An unknown table or column, or a name the backend would not keep
    as it is, is an error. */
ViewReading readView(EventStore *store, const ViewQuery &query);

} // namespace Evented::Detail
