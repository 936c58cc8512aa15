#include "catchup_p.h"

namespace Evented::Detail {

CatchUpReader::CatchUpReader(QSqlDatabase &db, const StoreContext &context, bool native)
    : m_db(db)
    , m_context(context)
    , m_allowNative(native)
{
}

Error CatchUpReader::read(const QString &transactionId, qint64 seqNo, int limit, CatchUpPage &page)
{
    const Dialect &dialect = *m_context.dialect;
    page.rows.reserve(limit);
    if (m_allowNative && !m_native && !m_query && dialect.hasFeature(Dialect::Feature::NativeStatements))
        m_native = dialect.nativeStatement(m_db, m_context.statements.catchUp);
    if (m_native) {
        QByteArray typeBytes; // rows in a run of one type share one string
        QString typeName;
        using namespace EventColumn;
        return m_native->visit({transactionId.toLatin1(), QByteArray::number(seqNo), QByteArray::number(limit)},
                               [&](const QByteArrayView *columns, int) {
                                   if (columns[TypeName] != typeBytes) {
                                       typeBytes = columns[TypeName].toByteArray();
                                       typeName = QString::fromUtf8(typeBytes);
                                   }
                                   const QVariant recordedAt = columns[RecordedAt].isNull()
                                       ? QVariant()
                                       : QVariant(columns[RecordedAt].toLongLong());
                                   page.rows.append({{columns[SeqNo].toLongLong(), typeName, columns[EntityId].toByteArray(),
                                                      columns[Version].toLongLong(), columns[Event].toByteArray(),
                                                      columns[Metadata].toByteArray(), dialect.toUtc(recordedAt),
                                                      storedEventVersion(columns[EventVersion]),
                                                      columns[CorrelationId].toByteArray(), columns[CausationId].toByteArray()},
                                                     QString::fromLatin1(columns[TransactionId])});
                                   page.head = columns[Head].toLongLong();
                               });
    }
    QSqlError failure;
    StoreQuery *query = prepareOnce(m_query, m_db, dialect, m_context.statements.catchUp, &failure);
    if (!query)
        return typedError(dialect, failure, m_db);
    query->addBindValue(transactionId);
    query->addBindValue(seqNo);
    query->addBindValue(limit);
    if (!query->exec())
        return typedError(dialect, query->lastError(), m_db);
    while (query->next()) {
        page.rows.append({storedRow(*query, dialect), query->value(EventColumn::TransactionId).toString()});
        page.head = query->value(EventColumn::Head).toLongLong();
    }
    const QSqlError error = query->lastError();
    query->finish();
    return error.isValid() ? typedError(dialect, error, m_db) : Error();
}

} // namespace Evented::Detail
