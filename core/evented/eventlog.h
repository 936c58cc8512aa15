#pragma once

#include <evented/error.h>
#include <evented/eventfilter.h>
#include <evented/evented_core_export.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QByteArray>
#include <Qt>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace Evented {

class EventStore;
class EventLogPrivate;

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

/*! How many events of one entity type and name were recorded in one minute. */
struct MinuteCount
{
    QDateTime minute; //!< its start, UTC
    QString typeName;
    QString eventName; //!< the tag as stored ("Increased")
    qint64 events = 0;
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
    QString idPrefix;     //!< only ids that begin with it (hex digits and dashes; anything else matches none)
    SortBy sortBy = SortBy::Id;
    Qt::SortOrder order = Qt::AscendingOrder;
    std::optional<EntitySummary> after; //!< the last entity of the previous page (none for the first)
    int limit = 200;
};

/*! A place in the commit order of the events: see EventLog::readCommitted(). */
struct CommitPosition
{
    QString transactionId = QStringLiteral("0"); //!< PostgreSQL's transaction id as text; "0" on SQLite
    qint64 seqNo = 0;
};

/*! The snapshots of one entity type at one state version. */
struct SnapshotStats
{
    QString typeName;
    int stateVersion = 0;
    qint64 snapshots = 0;
    qint64 bytes = 0; //!< the size of their stored states
};

/*! One stored snapshot, as it is stored. */
struct StoredSnapshot
{
    QString typeName;
    QUuid entityId;
    qint64 version = 0;
    int stateVersion = 0;
    QJsonValue state;
    QDateTime takenAt; //!< UTC
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
    event, metadata and recorded_at (UTC, milliseconds), and event_version when it is not 1,
    correlation_id and causation_id when the event has them, keys in a fixed order, so the same
    events give the same bytes from either backend.
*/
class EVENTED_CORE_EXPORT EventLog
{
    Q_DECLARE_PRIVATE(EventLog)
public:
    explicit EventLog(EventStore *store);
    ~EventLog();
    EventLog(EventLog &&) noexcept;
    EventLog &operator=(EventLog &&) noexcept;

    Result<StoreStats> stats() const;
    /*! The events recorded since \a since, counted per minute, entity type and event name, in
        that order; minutes without events are left out. */
    Result<QList<MinuteCount>> eventsPerMinute(const QDateTime &since) const;
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
        One page of entities as \a query asks, continuing after \a query.after: pages never
        overlap or skip, even while entities change. Sorted by id, every page costs the same
        (an index range); sorted by version or last change, a page aggregates the type.
    */
    Result<QList<EntitySummary>> entityPage(const EntityQuery &query) const;
    /*!
        Where a reader of the commit order starts in order to see what commits from now on:
        the settled position, and in \a beyond the seq_nos of the events already committed
        past it (readCommitted() returns those too, once their place is settled).
    */
    Result<CommitPosition> settledPosition(QList<qint64> *beyond = nullptr) const;
    /*!
        Runs \a reads in a read-only transaction in which every read of the store's connection
        sees the same snapshot: for example settledPosition() and stats() that agree.
    */
    Error inSnapshot(const std::function<Error()> &reads) const;
    /*!
        At most \a limit events committed after \a position, in commit order, and \a position
        moved past them. On PostgreSQL the order is (transaction, seq_no) and stops before the
        oldest transaction still open, so an event that commits late is returned later, never
        skipped; this is how projections catch up. On SQLite it is seq_no order.
    */
    Result<QList<RecordedEvent>> readCommitted(CommitPosition &position, int limit = 1000) const;
    /*!
        With \a keep, an event or metadata that is not valid JSON is read as its stored text (a
        JSON string) instead of ending the read with DecodeFailed: for tools that show the
        store as it is.
    */
    void setKeepUndecodable(bool keep);
    /*!
        With \a upcast (the default), events of the types whose schemas the store knows
        (EventStore::registerEntityType(), Domain::registerSchemas()) are read in their current
        shapes and versions, and one that no upcaster takes there ends the read with
        DecodeFailed (or, with keepUndecodable, is read as stored). Without, every event is read
        as stored: what an export keeps.
    */
    void setUpcast(bool upcast);

    /*!
        Writes \a events as they are (seq_no, versions, metadata and recorded_at kept) in one
        transaction: all or nothing. An event whose seq_no, or whose entity version, is already
        stored is skipped, so importing the same events again adds nothing. Returns how many
        were added.
    */
    Result<qint64> import(const QList<RecordedEvent> &events);

    /*! The stored snapshots per type and state version. */
    Result<QList<SnapshotStats>> snapshotStats() const;
    /*! Deletes the snapshots of \a typeName (all when empty); returns how many. Loads then fold
        from the first event until new ones are taken. */
    Result<qint64> clearSnapshots(const QString &typeName = {});
    /*! Shows \a visit every stored snapshot, by type and entity, until it returns false. */
    Error readSnapshots(const std::function<bool(const StoredSnapshot &)> &visit) const;
    /*! Stores copied snapshots as they are, in one transaction, keeping one of a later version
        that is there already; returns how many were stored. Loads use one only where its
        version is a stored event of its entity, so copy the events first. */
    Result<qint64> importSnapshots(const QList<StoredSnapshot> &snapshots);

    /*! Deletes the records of the commands handled before \a before; returns how many. A command
        sent again after its record is gone is handled again. */
    Result<qint64> pruneCommands(const QDateTime &before);

    /*! Version continuity per entity, JSON validity and the event envelope, by seq_no. */
    Result<QList<StoreProblem>> verify() const;

    /*! The export line of \a event (without a line break). */
    static QByteArray toJsonLine(const RecordedEvent &event);
    /*! Parses an export line; the error says which field is wrong. */
    static Result<RecordedEvent> fromJsonLine(QByteArrayView line);

private:
    std::unique_ptr<EventLogPrivate> d_ptr;
};

} // namespace Evented
