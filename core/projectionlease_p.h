#pragma once

#include "storecontext_p.h"
#include "storequery_p.h"

#include <evented/result.h>

#include <QSqlDatabase>

#include <optional>

namespace Evented::Detail {

/*!
    The lease that makes one instance of a projection the active one, in the table
    projection_lease: no session state, so it holds through a transaction-mode pooler, and one
    mechanism for every backend. Taking it over raises its fencing token; the active instance
    renews it with heartbeats and, in the transaction that stores a batch's position, checks
    that the token is still its own (renew()), so that an instance that was paused, cut off or
    slow past its lease can never commit after another one took over.

    Used by one thread, on the connection given to each call; the statements are kept per
    connection (resetStatements() when it is opened again).
*/
class ProjectionLease
{
public:
    ProjectionLease(std::shared_ptr<const StoreContext> context, QString name, QString owner, int durationMs);

    /*! Takes the lease when it is free (expired, given up or never taken): true when this
        instance holds it now, with a new token(); false when another instance holds it. */
    Result<bool> take(QSqlDatabase &db);
    /*! Takes the lease whoever holds it, with a new token(): the holder's next batch rolls back
        and it goes standby (a rebuild's swap). */
    Result<bool> seize(QSqlDatabase &db);
    /*! Renews the lease held with token(): false, and token() 0, when another instance took it
        over. In a transaction, it is held until the transaction ends. */
    Result<bool> renew(QSqlDatabase &db);
    /*! Gives the lease up, so that a standby takes over at once; token() is 0 after it. */
    Error release(QSqlDatabase &db);
    /*! Forgets the lease (lost), without telling the database. */
    void forget() { m_token = 0; }

    /*! The fencing token of the lease this instance holds, 0 when none. */
    qint64 token() const { return m_token; }
    int durationMs() const { return m_durationMs; }
    void resetStatements();

private:
    /*! Takes the lease by \a sql (takeLease or seizeLease). */
    Result<bool> acquire(QSqlDatabase &db, const QString &sql);

    std::shared_ptr<const StoreContext> m_context;
    QString m_name;
    QString m_owner;
    int m_durationMs;
    qint64 m_token = 0;
    bool m_ensured = false;
    std::optional<StoreQuery> m_ensure;
    std::optional<StoreQuery> m_take;
    std::optional<StoreQuery> m_renew;
    std::optional<StoreQuery> m_release;
};

} // namespace Evented::Detail
