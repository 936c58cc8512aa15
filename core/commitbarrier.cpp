#include "commitbarrier_p.h"
#include "connection_p.h"
#include "session_p.h"

#include <QThread>

namespace Evented::Detail {

CommitBarrier::CommitBarrier(QSqlDatabase &db, const StoreContext &context)
    : m_db(db)
    , m_context(context)
{
}

Result<CommitBarrier::Candidate> CommitBarrier::read()
{
    const Dialect &dialect = *m_context.dialect;
    QSqlError failure;
    StoreQuery *query = prepareOnce(m_query, m_db, dialect, m_context.statements.barrier, &failure);
    if (!query)
        return typedError(dialect, failure, m_db);
    if (!query->exec() || !query->next())
        return typedError(dialect, query->lastError(), m_db);
    Candidate candidate{query->value(0).toString(), {}};
    const QStringList workers = query->value(1).toString().split(u'\n', Qt::SkipEmptyParts);
    query->finish();
    for (const QString &worker : workers) {
        const QStringList words = worker.split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < words.size(); ++i)
            candidate.inDoubt.insert(words.first() + u' ' + words.at(i));
    }
    return candidate;
}

Result<QString> CommitBarrier::current(std::chrono::milliseconds wait)
{
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        Result<Candidate> now = read();
        if (!now)
            return now.error();
        // The pending barrier is settled once none of its transactions in doubt is still so,
        // and every worker answered.
        if (m_pending) {
            const bool unanswered = std::any_of(m_pending->inDoubt.cbegin(), m_pending->inDoubt.cend(),
                                                [](const QString &item) { return item.endsWith(QLatin1StringView(" ?")); });
            if (!unanswered && !m_pending->inDoubt.intersects(now->inDoubt))
                m_settled = m_pending->barrier;
            m_pending.reset();
        }
        if (now->inDoubt.isEmpty()) {
            m_settled = now->barrier;
            return m_settled;
        }
        m_pending = std::move(now.value());
        if (std::chrono::steady_clock::now() >= deadline)
            return m_settled;
        QThread::msleep(1);
    }
}

} // namespace Evented::Detail
