#pragma once

#include <QString>

namespace Evented::Detail {

// The columns of the store's statements, by name. A backend builds each statement's select
// list in this order; readers take the values by these names, never by a bare index. Count is
// the number of columns (tests check every statement against it).

/*! Statements that return stored events: catch-up pages, scans, verification. The catch-up
    page adds the transaction id and the head; the others end after CausationId. EventVersion
    is null for a row written without one (version 1), the correlation and causation for a row
    written by evented. */
namespace EventColumn {
enum : int { SeqNo, TypeName, EntityId, Version, Event, Metadata, RecordedAt, EventVersion, CorrelationId, CausationId,
             TransactionId, Head, Count };
}

/*! The load of one entity. A load from a snapshot begins with the snapshot as a row of its
    own: seq_no 0, the snapshot's version, its state as Event, and a null EventVersion. */
namespace LoadColumn {
enum : int { SeqNo, Version, Event, EventVersion, Count };
}

/*! A page of the history check: events by entity and version, each with the snapshot taken
    at its version, if any (null SnapshotState otherwise). */
namespace HistoryColumn {
enum : int { SeqNo, EntityId, Version, Event, EventVersion, SnapshotState, SnapshotStateVersion, Count };
}

/*! A snapshot whose version is not a stored event of its entity. */
namespace OrphanSnapshotColumn {
enum : int { EntityId, Version, Count };
}

/*! A stored snapshot, whole. */
namespace SnapshotColumn {
enum : int { TypeName, EntityId, Version, StateVersion, State, TakenAt, Count };
}

/*! Snapshots per type and state version. */
namespace SnapshotStatsColumn {
enum : int { TypeName, StateVersion, Snapshots, Bytes, Count };
}

/*! What an append returns for each inserted event. */
namespace AppendColumn {
enum : int { SeqNo, Version, RecordedAt, Count };
}

/*! A projection's stored position. */
namespace PositionColumn {
enum : int { SeqNo, TransactionId, Digest, DigestEvents, Count };
}

/*! A checkpoint of a projection's running digest, and a row of the events it covers. */
namespace CheckpointColumn {
enum : int { TransactionId, SeqNo, Digest, Events, Count };
}
namespace DigestColumn {
enum : int { SeqNo, EntityId, Version, TransactionId, Count };
}

/*! An event that a projection parked (table projection_parked). */
namespace ParkedColumn {
enum : int { Name, SeqNo, TransactionId, EntityId, TypeName, Event, Error, ParkedAt, Reruns, Count };
}

/*! Whether a caught-up projection waits, and on what. */
namespace IdleColumn {
enum : int { Head, Held, Ready, Pid, Since, Count };
}

/*! The stored state of every projection. */
namespace StateColumn {
enum : int { Name, SeqNo, TransactionId, Status, Error, ErrorSeqNo, WaitingOnPid, WaitingSince, Owner, UpdatedAt, Head,
             LeaseToken, LeaseHeld, Count };
}

/*! One entity of a listing. */
namespace EntityColumn {
enum : int { EntityId, Version, LastSeqNo, LastChange, TypeName, Count };
}

/*! Events and entities per type. */
/*! Columns of Statements::replayPosition. */
namespace ReplayColumn {
enum { Position, InRecovery, SinceReplayMs };
}

namespace TypeStatsColumn {
enum : int { TypeName, Events, Entities, Count };
}

/*! Events per minute, type and event name (the tag, as stored): the minute as whole minutes
    since 1970 (UTC). */
namespace MinuteCountColumn {
enum : int { Minute, TypeName, EventName, Events, Count };
}

/*!
    The statements of one store, built once per backend and schema when the store opens.
    Parameters are positional, in the order given.
*/
struct Statements
{
    /*! entity id, type name → LoadColumn, in version order. */
    QString load;
    /*! entity id, type name, state version → LoadColumn: the snapshot of that state version,
        if its version is a stored event of the entity, then the events after it. */
    QString loadFromSnapshot;
    /*! entity id, type name, version, state version, state: stores a snapshot, unless one of
        a later version and the same state version is stored whose version is a stored event
        (one ahead of the events is replaced: it would be taken for the state once they reach it). */
    QString saveSnapshot;
    /*! entity id, type name, version, state version: deletes the snapshot that saveSnapshot
        would replace, which then only inserts. Empty where saveSnapshot replaces it itself
        (only a distributed store has it: Citus takes no subquery in an INSERT). */
    QString dropStaleSnapshot;
    /*! entity id, type name, expected version, then for appendOne the event, its metadata and
        its event version, for the others a JSON array of [event, metadata, event version]
        triples; then the correlation and causation ids → AppendColumn per event.
        appendChecked inserts nothing unless the entity is at the expected version; the other
        two trust that the expected version is stored and let the unique key decide a race. */
    QString appendChecked;
    QString appendStored;
    QString appendOne;
    /*! The three appends, followed by the command id: they also record the command (see
        recordCommand) in the same statement, and fail with a unique violation when it is
        recorded already. For backends whose appends run without a transaction of their own
        (without Feature::SerialWriters); in a transaction, recordCommand follows the appends.
        Empty where a command is always recorded that way (a distributed store). */
    QString appendCheckedCommand;
    QString appendStoredCommand;
    QString appendOneCommand;
    /*! command id, type name, entity id, JSON array of the seq_nos: records a handled command;
        a unique violation when it is recorded already. */
    QString recordCommand;
    /*! command id → EventColumn up to CausationId: the events a recorded command appended. */
    QString commandEvents;
    /*! time (ISO 8601) → deletes the commands handled before it. */
    QString pruneCommands;
    /*! entity id, type name → the current version (0 for none). */
    QString version;
    /*! schema → wakes other processes; empty without Feature::CommitNotifications. */
    QString notify;
    /*! Begins a read-only transaction in which every statement sees one snapshot. */
    QString beginSnapshot;

    // On a distributed store, the statements that read up to the barrier of the commit order
    // (catchUp, idle, settledPosition, beyondSettled) take it as their last parameter, from
    // CommitBarrier; elsewhere they compute it themselves.

    /*! → the coordinator's barrier (text) and the two-phase commits still in doubt on the
        workers, a line "host:port gid…" (or "host:port ?": it did not answer) for each worker
        that has any. Only on a distributed store. */
    QString barrier;
    /*! transaction id, seq_no, limit → EventColumn (all nine), in commit order, only events
        whose place in that order is settled. */
    QString catchUp;
    /*! name → PositionColumn, when the projection has a stored position (the digest null when
        it was stored without one). */
    QString position;
    /*! name, transaction id, seq_no, digest, events: stores a checkpoint of the running digest. */
    QString saveCheckpoint;
    /*! name → CheckpointColumn, in commit order. */
    QString checkpoints;
    /*! name: deletes the checkpoints of a projection (at its reset). */
    QString clearCheckpoints;
    /*! transaction id, seq_no after, transaction id, seq_no up to, limit → DigestColumn, in commit order. */
    QString digestPage;
    /*! seq_no → the transaction id of that event (text; "0" where there are none). */
    QString transactionOf;
    /*! name, seq_no, transaction id, status, error, error seq_no, waiting-on pid, waiting
        since, owner, digest, digest events: stores all of a projection's state. */
    QString save;
    /*! transaction id, seq_no → IdleColumn: held when committed events after that position
        are held back by an open transaction (pid and since name it; pid 0 when it cannot be
        seen), ready when events after the position can be read now. */
    QString idle;
    /*! → StateColumn, every stored projection, with its lease (token 0 and not held when it has none). */
    QString states;

    // Parked events (table projection_parked).
    /*! name, seq_no, transaction id, entity id, type name, event (JSON text), error: parks an
        event, or gives one parked already the new error. */
    QString park;
    /*! name (null: every projection) → ParkedColumn, in commit order. */
    QString parked;
    /*! name, seq_no: takes a parked event out; affects no row when it is not parked (any more). */
    QString unpark;
    /*! error, name, seq_no: a re-run of a parked event failed again. */
    QString parkedFailedAgain;
    /*! entity id, seq_no → EventColumn up to CausationId: one event. */
    QString eventAt;

    // The instances of a partitioned projection (table projection_member).
    /*! duration in ms, name, member: the member lives for that long from now. */
    QString renewMember;
    /*! owner, duration in ms, name: takes the lease whoever holds it (a rebuild's swap) → token. */
    QString seizeLease;
    /*! name: deletes a projection's stored state (a rebuild's new version, once swapped in or given up). */
    QString dropPosition;
    /*! new name, old name: the checkpoints of a rebuild's new version become the projection's. */
    QString renameCheckpoints;
    /*! name → the number of members alive. */
    QString members;
    /*! name, member: the member leaves. */
    QString leaveMember;

    // The lease of a projection's one active instance (table projection_lease).

    /*! name: creates the projection's lease row, free, when it has none. */
    QString ensureLease;
    /*! owner, lease (ms), name → the new fencing token, one above the last: takes the lease when
        it is free (expired or given up); no row when another instance holds it. */
    QString takeLease;
    /*! lease (ms), name, token → the token, when it is still the lease's: renews it. No row when
        another instance has taken it over. In a transaction it also holds the lease until the
        transaction ends, so that no takeover comes between the check and the commit. */
    QString renewLease;
    /*! name, token: gives the lease up, if still held with the token. */
    QString releaseLease;

    /*! → (transaction id, seq_no) of the newest event whose place in the commit order is
        settled; no row when there is none. */
    QString settledPosition;
    /*! → seq_no of each committed event beyond the settled position; empty where there are none
        (without Feature::LateCommits). */
    QString beyondSettled;

    /*! → ReplayColumn: on a read replica, how far it replayed the primary's log; on the
        primary, how far the log goes. A position is text, "X/Y" in hexadecimal (logPosition()
        reads it). Empty where there are no replicas. */
    QString replayPosition;

    /*! seq_no, entity id, version, type name, event, metadata, recorded_at (ISO 8601), event
        version: inserts one exported event, nothing when its seq_no or version is taken. */
    QString importEvent;
    /*! Run after an import so that new events get numbers above the imported ones; may be empty. */
    QString afterImport;

    /*! → TypeStatsColumn per type. */
    QString typeStats;
    /*! time (ISO 8601) → MinuteCountColumn for the events recorded since then, by minute, type and event name. */
    QString eventsPerMinute;
    /*! → the highest seq_no, 0 for none. */
    QString head;
    /*! → the size of the database in bytes. */
    QString databaseSize;
    /*! → EntityColumn, every entity of every type, most recently changed first. */
    QString entities;
    /*! type name → EntityColumn, the entities of one type, most recently changed first. */
    QString entitiesOfType;
    /*! → EventColumn up to CausationId, every event by entity and version: for verification. */
    QString eventsByEntity;

    /*! seq_no, limit → EventColumn up to EventVersion, in seq_no order after seq_no: the
        stored events as they are, for rewriting them. */
    QString eventsAfter;
    /*! event, event version, seq_no: rewrites one stored event in a newer shape. */
    QString rewriteEvent;

    /*! type name, entity id, version, limit → HistoryColumn: the events of one type after
        (entity id, version) by entity and version. */
    QString historyPage;
    /*! type name → OrphanSnapshotColumn. */
    QString orphanSnapshots;
    /*! → SnapshotStatsColumn per type and state version. */
    QString snapshotStats;
    /*! → SnapshotColumn, every snapshot by type and entity. */
    QString snapshots;
    /*! entity id, type name, version, state version, state, taken_at (ISO 8601): stores a copied
        snapshot unless one of a later version is stored. */
    QString importSnapshot;
    /*! type name → deletes the snapshots of one type. */
    QString clearSnapshotsOfType;
    /*! → deletes every snapshot. */
    QString clearSnapshots;
};

} // namespace Evented::Detail
