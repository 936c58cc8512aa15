#pragma once

#include "storecontext_p.h"
#include "storequery_p.h"

#include <evented/result.h>

#include <QSqlDatabase>

#include <optional>

namespace Evented::Detail {

/*!
    The instances of one partitioned projection that are alive, in the table projection_member:
    each renews its row with its heartbeats and leaves when it stops; the row of one that died
    expires. Their number is what the partitions are shared out by.

    Used by one thread, on the connection given to each call; the statements are kept per
    connection (resetStatements() when it is opened again).
*/
class ProjectionMembers
{
public:
    ProjectionMembers(std::shared_ptr<const StoreContext> context, QString name, QString member, int durationMs);

    /*! Renews this member for the duration; how many members are alive, this one included. */
    Result<int> renew(QSqlDatabase &db);
    /*! This member leaves. */
    Error leave(QSqlDatabase &db);
    void resetStatements();

private:
    std::shared_ptr<const StoreContext> m_context;
    QString m_name;
    QString m_member;
    int m_durationMs;
    std::optional<StoreQuery> m_renew;
    std::optional<StoreQuery> m_count;
};

} // namespace Evented::Detail
