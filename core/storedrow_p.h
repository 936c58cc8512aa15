#pragma once

#include "dialect_p.h"
#include "schemaregistry_p.h"

#include <evented/recordedevent.h>

#include <QSqlQuery>

namespace Evented::Detail {

// Stored events as rows: their JSON, their columns, and the messages of what can be wrong with them.

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
    QUuid entityId;
    qint64 version = 0;
    QByteArray event;
    QByteArray metadata;
    QDateTime recordedAt;
    int eventVersion = 1; //!< 1 for a row without one
    QUuid correlationId; //!< null for a row without one
    QUuid causationId;
};
/*! Reads the EventColumn columns up to CausationId. */
StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect);
/*! The event version of a stored column value: a null one (evented, raw SQL, older rows) is 1. */
int storedEventVersion(const QVariant &value);
/*! The same of a native statement's column. */
inline int storedEventVersion(const NativeRow &row, int column)
{
    return row.isNull(column) ? 1 : int(row.integer(column));
}
/*!
    Parses \a row into \a out and, with \a schemas, brings its event to the current shape of
    its type's schema (a type without one is left as stored). DecodeFailed (with the seq_no)
    when its JSON is not valid or no upcaster takes it to a shape the code knows.
*/
Error decode(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas);
/*! Decodes the columns of \a row into \a out but for its event and metadata, which stay null. */
void decodeColumns(const StoredRow &row, RecordedEvent &out);
/*!
    The JSON text of a stored event in the current shape of its type's \a schema (null: as
    stored): \a stored itself when it is current, which is the common case and costs no
    parsing, else the upcast event written to \a upcast, and \a version becomes its current
    one. DecodeFailed (with \a seqNo) when it
    is not valid JSON or no upcaster takes it to a shape the code knows.
*/
Error currentText(const EventSchema *schema, qint64 seqNo, QByteArrayView stored, int &version, QByteArray &upcast,
                  QByteArrayView &out);
/*! What the rows of a page decoded for a typed handler share: the buffer of an upcast event,
    and the last event name, which a run of rows has in common. */
struct TextDecoding
{
    QByteArray upcast;
    QByteArray nameBytes;
    QString name;
};
/*!
    Decodes \a row into \a out for a handler that decodes the event's text itself: the columns,
    the metadata and the event's name, with \a text the event's JSON in its current shape (see
    currentText()), split into tag and payload; \c out.event stays null.
*/
Error decodeForText(const StoredRow &row, RecordedEvent &out, const SchemaMap *schemas, TextDecoding &shared,
                    Json::TaggedText &text);
/*! Upcasts \a event with the schema of its type in \a schemas, if there is one; when it fails,
    the event is no longer as stored (see EventSchema::upcast). */
Error upcast(const SchemaMap &schemas, RecordedEvent &event);

} // namespace Evented::Detail
