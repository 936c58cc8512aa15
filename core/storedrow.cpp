#include "storedrow_p.h"
#include "storetext_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Evented::Detail {

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
    return {query.value(SeqNo).toLongLong(),
            query.value(TypeName).toString(),
            QUuid::fromString(query.value(EntityId).toString()),
            query.value(Version).toLongLong(),
            query.value(Event).toByteArray(),
            query.value(Metadata).toByteArray(),
            dialect.toUtc(query.value(RecordedAt)),
            storedEventVersion(query.value(EventVersion)),
            QUuid::fromString(query.value(CorrelationId).toString()),
            QUuid::fromString(query.value(CausationId).toString())};
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

void decodeColumns(const StoredRow &row, RecordedEvent &out)
{
    out.seqNo = row.seqNo;
    out.typeName = row.typeName;
    out.entityId = row.entityId;
    out.version = row.version;
    out.recordedAt = row.recordedAt;
    out.eventVersion = row.eventVersion;
    out.correlationId = row.correlationId;
    out.causationId = row.causationId;
}

Error currentText(const EventSchema *schema, qint64 seqNo, QByteArrayView stored, int &version, QByteArray &upcast,
                  QByteArrayView &out)
{
    out = stored;
    if (!schema || schema->isCurrent(version))
        return {};
    const QByteArray name = Json::splitTagged(stored).name;
    if (name.isEmpty() || schema->isCurrent(QString::fromUtf8(name), version))
        return {}; // current, or not tagged: the decoder says why
    QJsonValue event;
    if (!Json::parse(stored, event))
        return Error::decodeFailed(seqNo, invalidStoredJson());
    QString why;
    if (!schema->upcast(event, version, &why))
        return Error::decodeFailed(seqNo, why);
    upcast = Json::compact(event);
    out = upcast;
    return {};
}

Error decodeForText(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas, TextDecoding &shared,
                    Json::TaggedText &text)
{
    decodeColumns(row, out);
    const EventSchema *schema = schemas ? schemas->value(row.typeName).get() : nullptr;
    QByteArrayView current;
    if (Error error = currentText(schema, row.seqNo, row.event, out.eventVersion, shared.upcast, current); error.isError())
        return error;
    text = Json::splitTagged(current);
    if (text.name != shared.nameBytes) {
        shared.nameBytes = QByteArray(text.name.constData(), text.name.size()); // the name's own copy
        shared.name = QString::fromUtf8(text.name);
    }
    out.eventName = shared.name;
    if (!Json::parse(row.metadata, out.metadata))
        return Error::decodeFailed(row.seqNo, invalidStoredMetadata());
    return {};
}

Error decode(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas)
{
    decodeColumns(row, out);
    if (!Json::parse(row.event, out.event))
        return Error::decodeFailed(row.seqNo, invalidStoredJson());
    out.eventName = eventNameOf(out.event);
    if (!Json::parse(row.metadata, out.metadata))
        return Error::decodeFailed(row.seqNo, invalidStoredMetadata());
    return schemas ? upcast(*schemas, out) : Error();
}

} // namespace Evented::Detail
