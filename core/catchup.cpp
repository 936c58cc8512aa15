#include "catchup_p.h"

namespace Evented::Detail {

CatchUpReader::CatchUpReader(QSqlDatabase &db, const StoreContext &context, bool native)
    : m_db(db)
    , m_context(context)
    , m_allowNative(native)
{
}

Result<QVariantList> CatchUpReader::barrierValues(std::chrono::milliseconds wait)
{
    if (!m_context.distributed)
        return QVariantList();
    if (!m_barrier)
        m_barrier.emplace(m_db, m_context);
    const Result<QString> barrier = m_barrier->current(wait);
    if (!barrier)
        return barrier.error();
    m_barrierValues = {barrier.value()};
    m_settleBarrier = false;
    return m_barrierValues;
}

Error CatchUpReader::read(const QString &transactionId, qint64 seqNo, int limit, CatchUpPage &page)
{
    const Dialect &dialect = *m_context.dialect;
    // Settling the barrier asks every worker: it is done again only once a page has reached it.
    // It waits a little for a two-phase commit in doubt to be resolved: usually a moment.
    const Result<QVariantList> barrier = m_settleBarrier ? barrierValues(std::chrono::milliseconds(20)) : m_barrierValues;
    if (!barrier)
        return barrier.error();
    page.rows.reserve(limit);
    if (m_allowNative && !m_native && !m_query && dialect.hasFeature(Dialect::Feature::NativeStatements))
        m_native = dialect.nativeStatement(m_db, m_context.statements.catchUp);
    if (m_native) {
        QByteArrayView typeBytes; // rows in a run of one type share one string
        QString typeName;
        using namespace EventColumn;
        QByteArrayList parameters = {transactionId.toLatin1(), QByteArray::number(seqNo), QByteArray::number(limit)};
        for (const QVariant &value : barrier.value())
            parameters.append(value.toString().toLatin1());
        const Error error = m_native->visit(parameters,
                               [&](const NativeRow &row) {
                                   const QByteArrayView type = row.text(TypeName);
                                   if (type != typeBytes || typeName.isNull()) {
                                       typeName = QString::fromUtf8(type);
                                       typeBytes = type; // valid while the page is read, as the name is
                                   }
                                   const QVariant recordedAt =
                                       row.isNull(RecordedAt) ? QVariant() : QVariant(row.integer(RecordedAt));
                                   page.rows.append({{row.integer(SeqNo), typeName, row.uuid(EntityId), row.integer(Version),
                                                      row.text(Event).toByteArray(), row.text(Metadata).toByteArray(),
                                                      dialect.toUtc(recordedAt),
                                                      storedEventVersion(row, EventVersion),
                                                      row.uuid(CorrelationId), row.uuid(CausationId)},
                                                     QString::fromLatin1(row.text(TransactionId))});
                                   page.head = row.integer(Head);
                               });
        m_settleBarrier = page.rows.size() < limit;
        return error;
    }
    QSqlError failure;
    StoreQuery *query = prepareOnce(m_query, m_db, dialect, m_context.statements.catchUp, &failure);
    if (!query)
        return typedError(dialect, failure, m_db);
    query->addBindValue(transactionId);
    query->addBindValue(seqNo);
    query->addBindValue(limit);
    for (const QVariant &value : barrier.value())
        query->addBindValue(value);
    if (!query->exec())
        return typedError(dialect, query->lastError(), m_db);
    while (query->next()) {
        page.rows.append({storedRow(*query, dialect), query->value(EventColumn::TransactionId).toString()});
        page.head = query->value(EventColumn::Head).toLongLong();
    }
    const QSqlError error = query->lastError();
    query->finish();
    m_settleBarrier = page.rows.size() < limit;
    return error.isValid() ? typedError(dialect, error, m_db) : Error();
}

} // namespace Evented::Detail
