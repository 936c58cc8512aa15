#pragma once

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/result.h>

#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUuid>
#include <QVariantList>

#include <memory>

namespace Evented {

class EventStore;
class Projection;
class SyncLinkPrivate;

/*! What one SyncLink::sync() did. */
struct SyncReport
{
    int accepted = 0;     //!< commands the upstream accepted
    int rejected = 0;     //!< commands the upstream rejected
    qint64 pulled = 0;    //!< upstream events appended to the local store
    qint64 withdrawn = 0; //!< provisional local events deleted
    int rounds = 0;       //!< push-and-pull rounds it took
};

/*!
    Offline-first: a local SQLite store linked to an upstream PostgreSQL store. Reads and
    commands run on the local store; sync() sends the commands handled locally (not their
    events) to the upstream, which decides each again with the same domain code against its own
    state, at most once per command id; then the local store follows the upstream's events.

    Until a sync, a command's local events are provisional. A sync withdraws the provisional
    events of every command the upstream decided and appends the upstream's events in their
    place (with their versions, JSON, metadata, times and correlation; the local seq_nos are
    new, in the order pulled). A command the upstream rejected leaves no trace on either side
    but its record: rejectedCommands() and commandRejected() tell the user what did not
    happen after all. Projections that ran on the local store saw the withdrawn events: register
    them with addProjection(), and a sync that withdrew events resets them (Projection::reset()
    with clearView), so that their views are rebuilt from the new local history. Entities loaded
    before such a sync are to be loaded again.

    The link lives in the local database, in tables of its own (sync_link, sync_command):
    pending commands survive restarts, and a sync that stops anywhere resumes where it stopped.
    Commands of the linked types go through handle(); events of those types written to the local
    store any other way would clash with the upstream's and fail the sync.

    Use it from the local store's thread. sync() blocks; syncAsync() and automatic sync run
    on the local store's worker thread.
*/
class EVENTED_CORE_EXPORT SyncLink : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(SyncLink)
    Q_PROPERTY(bool online READ isOnline NOTIFY onlineChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
    Q_PROPERTY(QDateTime lastSync READ lastSync NOTIFY lastSyncChanged)
    Q_PROPERTY(QVariantList rejectedCommands READ rejectedCommands NOTIFY rejectedCommandsChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    explicit SyncLink(QObject *parent = nullptr);
    ~SyncLink() override;

    /*!
        Links \a local (an open SQLite store) to the PostgreSQL store at \a upstreamUrl,
        following the entity types \a types (empty: all), and attaches this object to it. A
        store linked already keeps its link when it is the same; another is InvalidArgument,
        as are a PostgreSQL local store and an upstream that is not PostgreSQL.
    */
    Error link(EventStore *local, const QString &upstreamUrl, const QStringList &types = {});
    /*! Attaches this object to the link stored in \a local; InvalidArgument when it has none. */
    Error attach(EventStore *local);
    /*! Whether \a local (open) holds a link; false for a PostgreSQL store, which cannot. */
    static Result<bool> isLinked(EventStore *local);

    QString upstreamUrl() const;
    QStringList types() const;

    /*! The domain whose code decides the commands, locally and on the upstream. Its setup
        (Domain::setUp(): tables, listeners) runs on the upstream store when the link opens it;
        the local store's is the application's, as for any store. */
    void setDomain(const Domain &domain);

    /*!
        Handles a command on the local store (Domain::handle) and records it for sync: its
        provisional events are the result. A local rejection or failure is returned as it is and
        nothing is recorded. \a options.commandId is the command's id (a new one when null).
    */
    DomainResult handle(const QString &typeName, const QUuid &id, const QString &command, const QJsonObject &parameters,
                        qint64 expectedVersion = -1, const CommandOptions &options = {});

    /*!
        Pushes the pending commands, in the order they were handled, pulls the upstream's events
        and replaces the provisional ones with them (see the class). Commands handled meanwhile
        (by another process) are pushed in another round, up to three. A failure (the upstream
        unreachable or restarted, say) keeps everything done so far, sets online false and
        lastError, and the next sync resumes.
    */
    Result<SyncReport> sync();

    /*!
        The same as sync() without blocking: the sync runs on the local store's worker thread
        (EventStore::runAsync()), after the asynchronous calls made before it, with connections
        of its own to both stores; the status, the signals and the reset of the projections
        follow in this object's thread, and so does the future's result.
    */
    QFuture<Result<SyncReport>> syncAsync();
    /*! Whether a syncAsync() is running. */
    bool isSyncing() const;

    /*! Syncs in the background (syncAsync()) every \a intervalMs milliseconds, and once at
        once; an attempt that comes while one runs is skipped. 0 stops. */
    void setAutoSync(int intervalMs);

    /*! Resets \a projection (of the local store) after a sync that withdrew provisional events. */
    void addProjection(Projection *projection);

    /*! Forgets the record of a rejected command once the user has seen it; false when none. */
    Result<bool> dismissRejected(const QUuid &commandId);

    bool isOnline() const;
    int pendingCount() const;
    QDateTime lastSync() const;
    /*!
        The commands the upstream rejected, each a map with commandId, typeName, entityId,
        command, parameters (a QVariantMap), rejectionName, rejection (the rejection's fields:
        a QVariantMap, or null for a rejection without any) and createdAt (when it was handled
        locally, UTC).
    */
    QVariantList rejectedCommands() const;
    QString lastError() const;

Q_SIGNALS:
    void onlineChanged(bool online);
    void pendingCountChanged(int pendingCount);
    void lastSyncChanged(const QDateTime &lastSync);
    void rejectedCommandsChanged();
    void lastErrorChanged(const QString &lastError);
    /*! The upstream decided a pushed command: accepted, or rejected (then commandRejected() too). */
    void commandPushed(const QUuid &commandId, bool accepted);
    /*! The upstream rejected a command handled locally; \a command as in rejectedCommands(). */
    void commandRejected(const QVariantMap &command);
    /*! A sync completed. */
    void synced(const Evented::SyncReport &report);

private:
    std::unique_ptr<SyncLinkPrivate> d_ptr;
};

} // namespace Evented

Q_DECLARE_METATYPE(Evented::SyncReport)
