#include "storedrow_p.h"
#include "storetext_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Evented::Detail {

bool parseStoredJson(const QByteArray &text, QJsonValue &out)
{
    QJsonParseError error;
    if (text.startsWith('{')) {
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        out = doc.object();
        return error.error == QJsonParseError::NoError;
    }
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    out = doc.array().first();
    return true;
}

QString eventNameOf(const QJsonValue &event)
{
    if (event.isString())
        return event.toString();
    if (event.isObject() && event.toObject().size() == 1)
        return event.toObject().constBegin().key();
    return {};
}

QString invalidStoredJson()
{
    return StoreText::tr("the stored event is not valid JSON");
}

QString invalidStoredMetadata()
{
    return StoreText::tr("the stored metadata is not valid JSON");
}

StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect)
{
    using namespace EventColumn;
    return {query.value(SeqNo).toLongLong(),    query.value(TypeName).toString(),
            query.value(EntityId).toByteArray(), query.value(Version).toLongLong(),
            query.value(Event).toByteArray(),    query.value(Metadata).toByteArray(),
            dialect.toUtc(query.value(RecordedAt)), storedEventVersion(query.value(EventVersion)),
            query.value(CorrelationId).toByteArray(), query.value(CausationId).toByteArray()};
}

int storedEventVersion(const QVariant &value)
{
    return value.isNull() ? 1 : value.toInt();
}

Error upcast(const SchemaMap &schemas, RecordedEvent &event)
{
    const auto it = schemas.constFind(event.typeName);
    if (it == schemas.constEnd())
        return {};
    const EventSchema &schema = *it.value();
    if (schema.currentVersion(event.eventName) == event.eventVersion)
        return {}; // in its current shape already
    QString why;
    if (!schema.upcast(event.event, event.eventVersion, &why))
        return Error::decodeFailed(event.seqNo, why);
    // Also when the version is the same: a renamed event keeps it.
    event.eventName = eventNameOf(event.event);
    return {};
}

Error decode(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas)
{
    out.seqNo = row.seqNo;
    out.typeName = row.typeName;
    out.entityId = QUuid::fromString(QLatin1StringView(row.entityId));
    out.version = row.version;
    out.recordedAt = row.recordedAt;
    if (!parseStoredJson(row.event, out.event))
        return Error::decodeFailed(row.seqNo, invalidStoredJson());
    out.eventName = eventNameOf(out.event);
    out.eventVersion = row.eventVersion;
    out.correlationId = QUuid::fromString(QLatin1StringView(row.correlationId));
    out.causationId = QUuid::fromString(QLatin1StringView(row.causationId));
    if (!parseStoredJson(row.metadata, out.metadata))
        return Error::decodeFailed(row.seqNo, invalidStoredMetadata());
    return schemas ? upcast(*schemas, out) : Error();
}

} // namespace Evented::Detail
