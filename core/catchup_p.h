#pragma once

#include "commitbarrier_p.h"
#include "session_p.h"

#include <QList>
#include <QSqlQuery>

#include <optional>

namespace Evented::Detail {

/*! One row of a catch-up page, decoded only when it passes the filter. */
struct CatchUpRow
{
    StoredRow stored;
    QString transactionId;
};

/*! A page of the catch-up: the rows after a position, and the head when they were read. */
struct CatchUpPage
{
    QList<CatchUpRow> rows;
    qint64 head = 0;
};

/*!
    The catch-up statement of one connection, through the client library where the backend
    has native statements, else through the driver: one page reader for the projection's worker
    and its read-ahead alike.
*/
class CatchUpReader
{
public:
    /*! With \a native, through the client library where the backend can: only on a
        connection that does not wait for notifications, which the client library would take
        from under the driver. */
    CatchUpReader(QSqlDatabase &db, const StoreContext &context, bool native);

    /*! At most \a limit events after (\a transactionId, \a seqNo) in commit order. */
    Error read(const QString &transactionId, qint64 seqNo, int limit, CatchUpPage &page);

    /*! The values that end the parameters of a statement read up to the barrier: on a
        distributed store the barrier of this connection, settled anew within \a wait; none
        elsewhere. Pages are read up to the same barrier until one comes back short of it. */
    Result<QVariantList> barrierValues(std::chrono::milliseconds wait);

private:
    QSqlDatabase &m_db;
    const StoreContext &m_context;
    bool m_allowNative;
    std::unique_ptr<NativeStatement> m_native; // or, where the backend has none:
    std::optional<StoreQuery> m_query;
    std::optional<CommitBarrier> m_barrier; // on a distributed store
    QVariantList m_barrierValues;
    bool m_settleBarrier = true; // before the next page: the last one reached the barrier
};

} // namespace Evented::Detail
