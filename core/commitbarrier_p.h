#pragma once

#include "storecontext_p.h"
#include "storequery_p.h"

#include <evented/result.h>

#include <QSet>
#include <QSqlDatabase>

#include <chrono>
#include <optional>

namespace Evented::Detail {

/*!
    The barrier of the commit order on one connection of a distributed store: the transaction
    id below which every event is visible and no other can still appear.

    A single server's barrier is the oldest transaction still open (pg_snapshot_xmin). On a
    Citus cluster the rows carry the coordinator's transaction id, and a transaction over
    several workers commits in two phases: the workers prepare, the coordinator commits, then
    each worker commits its prepared part. Between the last two steps the coordinator's
    transaction is below its xmin while its rows on a worker are not visible yet. So the
    coordinator's xmin x is taken first, then the two-phase commits in doubt on every worker P,
    and x is the barrier once every one of P has been resolved: any transaction below x had
    committed on the coordinator before x was taken, so it had prepared on its workers before
    P was listed, and is either visible already or one of P. Until then the barrier stays
    where it was; a worker that does not answer keeps it there too.

    On a store that is not distributed the statements compute their barrier themselves, and
    this one is never asked.
*/
class CommitBarrier
{
public:
    CommitBarrier(QSqlDatabase &db, const StoreContext &context);

    /*! The barrier (a transaction id, as text), settled as far as it can be within \a wait:
        in doubt at its end, the last settled one ("0" before any). */
    Result<QString> current(std::chrono::milliseconds wait);

private:
    struct Candidate
    {
        QString barrier;
        QSet<QString> inDoubt; // "host:port gid", or "host:port ?"
    };
    Result<Candidate> read();

    QSqlDatabase &m_db;
    const StoreContext &m_context;
    std::optional<StoreQuery> m_query;
    std::optional<Candidate> m_pending;
    QString m_settled = QStringLiteral("0");
};

} // namespace Evented::Detail
