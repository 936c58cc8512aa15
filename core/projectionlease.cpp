#include "projectionlease_p.h"

#include "connection_p.h"

namespace Evented::Detail {

ProjectionLease::ProjectionLease(std::shared_ptr<const StoreContext> context, QString name, QString owner, int durationMs)
    : m_context(std::move(context))
    , m_name(std::move(name))
    , m_owner(std::move(owner))
    , m_durationMs(durationMs)
{
}

Result<bool> ProjectionLease::take(QSqlDatabase &db)
{
    return acquire(db, m_context->statements.takeLease);
}

Result<bool> ProjectionLease::seize(QSqlDatabase &db)
{
    return acquire(db, m_context->statements.seizeLease);
}

Result<bool> ProjectionLease::acquire(QSqlDatabase &db, const QString &sql)
{
    const Dialect &dialect = *m_context->dialect;
    const Statements &s = m_context->statements;
    QSqlError failure;
    if (!m_ensured) {
        StoreQuery *ensure = prepareOnce(m_ensure, db, dialect, s.ensureLease, &failure);
        if (!ensure)
            return typedError(dialect, failure, db);
        ensure->addBindValue(m_name);
        if (!ensure->exec())
            return typedError(dialect, ensure->lastError(), db);
        ensure->finish();
        m_ensured = true;
    }
    std::optional<StoreQuery> seizing; // seldom: not kept
    StoreQuery *take = prepareOnce(&sql == &s.takeLease ? m_take : seizing, db, dialect, sql, &failure);
    if (!take)
        return typedError(dialect, failure, db);
    take->addBindValue(m_owner);
    take->addBindValue(m_durationMs);
    take->addBindValue(m_name);
    if (!take->exec())
        return typedError(dialect, take->lastError(), db);
    const bool taken = take->next();
    m_token = taken ? take->value(0).toLongLong() : 0;
    drain(*take);
    return taken;
}

Result<bool> ProjectionLease::renew(QSqlDatabase &db)
{
    if (m_token == 0)
        return false;
    const Dialect &dialect = *m_context->dialect;
    QSqlError failure;
    StoreQuery *renew = prepareOnce(m_renew, db, dialect, m_context->statements.renewLease, &failure);
    if (!renew)
        return typedError(dialect, failure, db);
    renew->addBindValue(m_durationMs);
    renew->addBindValue(m_name);
    renew->addBindValue(m_token);
    if (!renew->exec())
        return typedError(dialect, renew->lastError(), db);
    const bool held = renew->next();
    drain(*renew);
    if (!held)
        m_token = 0;
    return held;
}

Error ProjectionLease::release(QSqlDatabase &db)
{
    if (m_token == 0)
        return {};
    const Dialect &dialect = *m_context->dialect;
    QSqlError failure;
    StoreQuery *release = prepareOnce(m_release, db, dialect, m_context->statements.releaseLease, &failure);
    if (!release)
        return typedError(dialect, failure, db);
    release->addBindValue(m_name);
    release->addBindValue(m_token);
    m_token = 0;
    if (!release->exec())
        return typedError(dialect, release->lastError(), db);
    release->finish();
    return {};
}

void ProjectionLease::resetStatements()
{
    m_ensured = false;
    m_ensure.reset();
    m_take.reset();
    m_renew.reset();
    m_release.reset();
}

} // namespace Evented::Detail
