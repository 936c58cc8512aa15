#pragma once

#include "dialect_p.h"
#include "schemaregistry_p.h"

#include <evented/recordedevent.h>

#include <QSqlQuery>

namespace Evented::Detail {

// Stored events as rows: their JSON, their columns, and the messages of what can be wrong with them.

/*! Parses stored JSON (UTF-8), which may be a bare string (an event without fields). */
bool parseStoredJson(const QByteArray &text, QJsonValue &out);
/*! The tag of an externally tagged event ("Increased"), or empty. */
QString eventNameOf(const QJsonValue &event);

/*! Messages shared by the store and projections. */
QString invalidStoredJson();
QString invalidStoredMetadata();
/*! One stored event as the database returned it, before its JSON (UTF-8) is parsed. */
struct StoredRow
{
    qint64 seqNo = 0;
    QString typeName;
    QByteArray entityId;
    qint64 version = 0;
    QByteArray event;
    QByteArray metadata;
    QDateTime recordedAt;
    int eventVersion = 1; //!< 1 for a row without one
    QByteArray correlationId; //!< empty for a row without one
    QByteArray causationId;
};
/*! Reads the EventColumn columns up to CausationId. */
StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect);
/*! The event version of a stored column value: a null one (evented, raw SQL, older rows) is 1. */
int storedEventVersion(const QVariant &value);
/*! The same of a column as a native statement gives it (a null view for NULL). */
inline int storedEventVersion(QByteArrayView column)
{
    return column.isNull() ? 1 : int(column.toInt());
}
/*!
    Parses \a row into \a out and, with \a schemas, brings its event to the current shape of
    its type's schema (a type without one is left as stored). DecodeFailed (with the seq_no)
    when its JSON is not valid or no upcaster takes it to a shape the code knows.
*/
Error decode(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas);
/*! Upcasts \a event with the schema of its type in \a schemas, if there is one; when it fails,
    the event is no longer as stored (see EventSchema::upcast). */
Error upcast(const SchemaMap &schemas, RecordedEvent &event);

} // namespace Evented::Detail
