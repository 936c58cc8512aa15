#pragma once

#include "connection_p.h"
#include "guard_p.h"
#include "storecontext_p.h"
#include "storedrow_p.h"

#include <evented/eventstore.h>

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <optional>

namespace Evented::Detail {

/*!
    One database connection of a store, used only by the thread that opened it, with the
    store's prepared statements. Callers get it from EventStorePrivate::session(), which opens
    it again after it was lost (ensureOpen()).
*/
class Session
{
public:
    using CommitCallback = std::function<void(const QList<RecordedEvent> &)>;

    /*! Takes over the connection named \a connectionName (removed again on destruction). */
    Session(const QString &connectionName, std::shared_ptr<const StoreContext> context, CommitCallback onCommitted);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    QSqlDatabase &database() { return m_db; }
    const StoreContext &context() const { return *m_context; }
    const Dialect &dialect() const { return *m_context->dialect; }
    const Statements &statements() const { return m_context->statements; }

    /*! Opens the connection if it is closed (for example after it was lost). */
    Error ensureOpen();

    /*! Reads one entity as \a request says: from its snapshot, if it asks for one and the
        snapshot restores, and its events upcast with its schema. */
    Error fold(const QString &typeName, const QUuid &id, const FoldRequest &request);
    /*! Stores a snapshot (see Statements::saveSnapshot). */
    Error saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion, const QJsonValue &state);
    /*! Appends \a events at \a expectedVersion + 1, …; \a versionStored when the caller read or
        wrote that version in this store, so that only a race has to be checked for. */
    Result<QList<RecordedEvent>> append(const QString &typeName, const QUuid &id, qint64 expectedVersion,
                                        bool versionStored, const QList<PendingEvent> &events,
                                        const ErasedListener &listener);

    /*! Wakes other processes, where the backend has commit notifications. */
    void notify(const QString &payload);

    /*! Maps a driver error to a typed Error, resetting the statements when the connection is gone. */
    Error sqlError(const QSqlError &error);
    /*! Passes \a error on, resetting the statements when it says the connection is gone. */
    Error failure(const Error &error);

private:
    enum class AppendForm { Checked, Stored, One };
    /*! What one append statement did. */
    struct Inserted
    {
        enum class Outcome {
            Inserted, //!< the events are in (the transaction, if any, still to commit)
            LostRace, //!< another writer took the version first: nothing inserted
            Failed,   //!< the statement failed: error
        };
        Outcome outcome = Outcome::Failed;
        QList<RecordedEvent> events;
        Error error;
    };

    QSqlQuery *prepared(std::optional<QSqlQuery> &slot, const QString &sql, Error *error);
    Inserted insert(const QString &typeName, const QUuid &id, qint64 expectedVersion, AppendForm form,
                    const QList<PendingEvent> &events);
    Error conflict(const QString &typeName, const QUuid &id, qint64 expectedVersion);
    void resetStatements();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<const StoreContext> m_context;
    CommitCallback m_onCommitted;
    std::optional<QSqlQuery> m_load;
    std::optional<QSqlQuery> m_loadFromSnapshot;
    std::optional<QSqlQuery> m_saveSnapshot;
    // One per AppendForm: a native statement when the backend has them, else a QSqlQuery.
    static constexpr int appendForms = 3;
    std::unique_ptr<NativeStatement> m_nativeAppend[appendForms];
    std::optional<QSqlQuery> m_append[appendForms];
    std::optional<QSqlQuery> m_version;
    std::optional<QSqlQuery> m_notify;
};

} // namespace Evented::Detail
