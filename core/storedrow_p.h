#pragma once

#include "dialect_p.h"

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
};
/*! Reads the EventColumn columns up to RecordedAt. */
StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect);
/*! Parses \a row into \a out; DecodeFailed (with the seq_no) when its JSON is not valid. */
Error decode(const StoredRow &row, RecordedEvent &out);

} // namespace Evented::Detail
