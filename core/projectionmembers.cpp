#include "projectionmembers_p.h"

#include "connection_p.h"

namespace Evented::Detail {

ProjectionMembers::ProjectionMembers(std::shared_ptr<const StoreContext> context, QString name, QString member,
                                     int durationMs)
    : m_context(std::move(context))
    , m_name(std::move(name))
    , m_member(std::move(member))
    , m_durationMs(durationMs)
{
}

Result<int> ProjectionMembers::renew(QSqlDatabase &db)
{
    const Dialect &dialect = *m_context->dialect;
    QSqlError failure;
    StoreQuery *renew = prepareOnce(m_renew, db, dialect, m_context->statements.renewMember, &failure);
    if (!renew)
        return typedError(dialect, failure, db);
    renew->addBindValue(m_durationMs);
    renew->addBindValue(m_name);
    renew->addBindValue(m_member);
    if (!renew->exec())
        return typedError(dialect, renew->lastError(), db);
    renew->finish();
    StoreQuery *count = prepareOnce(m_count, db, dialect, m_context->statements.members, &failure);
    if (!count)
        return typedError(dialect, failure, db);
    count->addBindValue(m_name);
    if (!count->exec() || !count->next())
        return typedError(dialect, count->lastError(), db);
    const int alive = std::max(1, count->value(0).toInt());
    drain(*count);
    return alive;
}

Error ProjectionMembers::leave(QSqlDatabase &db)
{
    StoreQuery query(db, *m_context->dialect);
    if (!query.prepare(m_context->statements.leaveMember))
        return typedError(*m_context->dialect, query.lastError(), db);
    query.addBindValue(m_name);
    query.addBindValue(m_member);
    if (!query.exec())
        return typedError(*m_context->dialect, query.lastError(), db);
    return {};
}

void ProjectionMembers::resetStatements()
{
    m_renew.reset();
    m_count.reset();
}

} // namespace Evented::Detail
