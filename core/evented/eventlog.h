#pragma once

#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QByteArray>
#include <Qt>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>

namespace Evented {

class EventStore;

/*! Which events to read; an empty or zero field does not filter. */
struct EventFilter
{
    QString typeName;   //!< entity type name
    QUuid entityId;     //!< one entity
    QString eventName;  //!< the event's tag ("Increased")
    qint64 fromSeqNo = 0; //!< first seq_no, inclusive
    qint64 toSeqNo = 0;   //!< last seq_no, inclusive
};

/*! Events and entities of one entity type. */
struct TypeStats
{
    QString typeName;
    qint64 events = 0;
    qint64 entities = 0;
};

/*! What a store holds. */
struct StoreStats
{
    QList<TypeStats> types;
    qint64 events = 0;
    qint64 head = 0;          //!< the highest seq_no
    qint64 databaseBytes = 0; //!< the size of the whole database
};

/*! One entity: its type, id, version and last change. */
struct EntitySummary
{
    QString typeName;
    QUuid id;
    qint64 version = 0;
    qint64 lastSeqNo = 0;
    QDateTime lastChange;
};

/*! Which entities of one type to list, in which order, and from where. */
struct EntityQuery
{
    enum class SortBy { Id, Version, LastChange };
    QString typeName;
    QString idPrefix;     //!< only ids that begin with it (hex digits and dashes)
    SortBy sortBy = SortBy::Id;
    Qt::SortOrder order = Qt::AscendingOrder;
    QUuid after;          //!< SortBy::Id: the last id of the previous page (null for the first)
    int offset = 0;       //!< other orders: entities to skip
    int limit = 200;
};

/*! A defect verify() found in the stored events. */
struct StoreProblem
{
    qint64 seqNo = 0;
    QString message;
};

/*!
    The store's events as a whole, backend-neutral: statistics, listings, export and import as
    JSON lines, and verification. Blocking: use it from the store's thread.

    An exported line is one JSON object with the keys seq_no, type_name, entity_id, version,
    event, metadata and recorded_at (UTC, milliseconds), keys in a fixed order, so the same
    events give the same bytes from either backend.
*/
class EVENTED_CORE_EXPORT EventLog
{
public:
    explicit EventLog(EventStore *store);

    Result<StoreStats> stats() const;
    /*! Entities, most recently changed first; all types when \a typeName is empty. */
    Result<QList<EntitySummary>> entities(const QString &typeName = {}) const;

    /*!
        Calls \a visit with each event that passes \a filter, in seq_no order, reading pages of
        \a pageSize rows; \a visit returns false to stop early. A stored event that is not
        valid JSON ends the read with DecodeFailed (its seq_no).
    */
    Error read(const EventFilter &filter, const std::function<bool(const RecordedEvent &)> &visit,
               int pageSize = 1000) const;

    /*!
        One page of the events that pass \a filter, newest first: at most \a limit events
        with a seq_no below \a beforeSeqNo (0: from the newest). The next page starts below
        the last one's seq_no.
    */
    Result<QList<RecordedEvent>> page(const EventFilter &filter, qint64 beforeSeqNo, int limit) const;
    /*!
        One page of entities as \a query asks: sorted by id, it continues after \a query.after
        at the same cost for every page; sorted otherwise it skips \a query.offset entities.
    */
    Result<QList<EntitySummary>> entityPage(const EntityQuery &query) const;
    /*!
        Writes \a events as they are (seq_no, versions, metadata and recorded_at kept) in one
        transaction: all or nothing. An event whose seq_no, or whose entity version, is already
        stored is skipped, so importing the same events again adds nothing. Returns how many
        were added.
    */
    Result<qint64> import(const QList<RecordedEvent> &events);

    /*! Version continuity per entity, JSON validity and the event envelope, by seq_no. */
    Result<QList<StoreProblem>> verify() const;

    /*! The export line of \a event (without a line break). */
    static QByteArray toJsonLine(const RecordedEvent &event);
    /*! Parses an export line; the error says which field is wrong. */
    static Result<RecordedEvent> fromJsonLine(QByteArrayView line);

private:
    Error scan(const EventFilter &filter, bool newestFirst, qint64 bound, int pageSize,
               const std::function<bool(const RecordedEvent &)> &visit) const;

    EventStore *m_store;
};

} // namespace Evented
