#pragma once

#include <evented/error.h>
#include <evented/eventlog.h>
#include <evented/recordedevent.h>
#include <evented/result.h>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace Evented::Detail {

class Session;

/*! The link of a local store to its upstream, as sync_link stores it. */
struct SyncLinkRecord
{
    QString upstreamUrl;
    QStringList types;     //!< the entity types followed; empty: all
    CommitPosition pulled; //!< the upstream's commit order, pulled up to here
    QDateTime lastSync;    //!< the end of the last sync that completed (UTC)
    QString lastError;     //!< why the last attempt failed; empty after a sync that completed
    bool resetProjections = false; //!< a sync withdrew events: the link's projections are to be reset
};

/*! A command handled through the link, as sync_command stores it. */
struct SyncCommandRecord
{
    QUuid commandId;
    QString typeName;
    QUuid entityId;
    QString command;
    QJsonObject parameters;
    QString rejectionName;
    QJsonValue rejection;
    QDateTime createdAt; //!< when it was handled locally (UTC)
};

/*!
    The link's own tables in the local (always SQLite) database, sync_link and sync_command,
    and every statement on them and on the local events that a sync changes. Each call runs on
    \a session's connection; those that a sync makes inside its final transaction say so.
*/
class SyncTables
{
public:
    explicit SyncTables(Session &session);

    /*! The error of a store that holds no link. */
    static Error notLinked();

    /*! Creates the tables when they are missing. */
    Error ensure();
    /*! The stored link; none when the store is not linked. */
    Result<std::optional<SyncLinkRecord>> link();
    /*! Stores a new link. */
    Error saveLink(const QString &upstreamUrl, const QStringList &types);
    /*! Records \a command as being decided locally, before the local store handles it. */
    Error recordDeciding(const SyncCommandRecord &command);
    /*! The local store applied the command: pending, with its provisional events. */
    Error recordPending(const SyncCommandRecord &command, const QList<qint64> &localSeqNos);
    /*! The local store did not apply the command: nothing stays recorded. */
    Error forget(const QUuid &commandId);
    /*!
        A command left 'deciding' by a process that stopped between recording it and completing
        it: pending when the local store applied it (its record in table command says so),
        forgotten when it is older than \a staleSeconds and was never applied.
    */
    Error recoverDeciding(int staleSeconds);
    /*! The commands in \a status, in the order they were handled. */
    Result<QList<SyncCommandRecord>> commands(const QString &status);
    Result<int> count(const QString &status);
    /*! The upstream accepted the command with the events of \a serverSeqNos. */
    Error markAccepted(const QUuid &commandId, const QList<qint64> &serverSeqNos);
    /*! The upstream rejected the command. */
    Error markRejected(const QUuid &commandId, const QString &name, const QJsonValue &rejection);
    /*! Deletes the record of a rejected command whose sync completed; false when there is none. */
    Result<bool> dismissRejected(const QUuid &commandId);
    Error saveError(const QString &message);
    Error projectionsWereReset();

    // In the final transaction of a sync:
    /*! Whether a command awaits its push, or was applied locally and is not yet recorded so. */
    Result<bool> hasUnpushed();
    /*! Deletes the provisional events of the decided commands that are not yet synced, their
        entities' snapshots and their local command records; returns how many events. */
    Result<qint64> withdrawDecided();
    /*! Appends \a events, in this order, with new local seq_nos (set in \a events) and
        everything else kept. */
    Error appendPulled(QList<RecordedEvent> &events);
    /*! Stores the position pulled up to and the end of the sync; marks the decided commands synced. */
    Error completeSync(const CommitPosition &pulled, bool resetProjections);

private:
    Error exec(const QString &sql, const QVariantList &values);
    Session &m_session;
};

} // namespace Evented::Detail
