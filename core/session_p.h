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
    /*! What the events of one command carry, and the command's id (null: none). */
    struct AppendContext
    {
        QString typeName; //!< the command's own entity, which its record names
        QUuid entityId;
        QUuid commandId;
        QUuid correlationId;
        QUuid causationId;
    };
    /*! The events appended, or those a command of the same id appended before. */
    struct Appended
    {
        QList<RecordedEvent> events;
        bool repeat = false;
    };
    /*!
        Appends the events of each entity at its expected version + 1, … in one transaction (a
        single statement where that is one), with the listeners after the inserts, and records
        the command when it has an id. The entities are written in the order of (type name, id),
        the same for every writer, and the events come back in that order (of their seq_nos).
        A version conflict names the entity that lost; a command id recorded already gives its
        first events as a repeat.
    */
    Result<Appended> append(const QList<EntityAppend> &appends, const AppendContext &context);
    /*! The events command \a commandId appended, when it is recorded. */
    Result<std::optional<QList<RecordedEvent>>> commandEvents(const QUuid &commandId);

    /*! Wakes other processes, where the backend has commit notifications. */
    void notify(const QString &payload);

    /*! Maps a driver error to a typed Error, resetting the statements when the connection is gone. */
    Error sqlError(const QSqlError &error);
    /*! Runs \a sql with \a values (none: as it is, not prepared) and shows \a visit each row. */
    Error each(const QString &sql, const QVariantList &values, const std::function<void(const QSqlQuery &)> &visit);
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

    StoreQuery *prepared(std::optional<StoreQuery> &slot, const QString &sql, Error *error);
    /*! Finishes a statement of this session and returns its error, if any. */
    Error finish(QSqlQuery &statement);
    /*! Inserts one entity's events; with \a recording, in the statement that records the command. */
    Inserted insert(const EntityAppend &append, AppendForm form, const AppendContext &context, bool recording);
    Error recordCommand(const AppendContext &context, const QString &typeName, const QUuid &id,
                        const QList<RecordedEvent> &events);
    Error conflict(const QString &typeName, const QUuid &id, qint64 expectedVersion);
    void resetStatements();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<const StoreContext> m_context;
    CommitCallback m_onCommitted;
    std::optional<StoreQuery> m_load;
    std::optional<StoreQuery> m_loadFromSnapshot;
    std::unique_ptr<NativeStatement> m_nativeLoad[2]; // load, loadFromSnapshot
    std::optional<StoreQuery> m_saveSnapshot;
    std::optional<StoreQuery> m_dropStaleSnapshot; // on a distributed store
    // One per AppendForm, without and with the command's record: a native statement when the
    // backend has them, else a QSqlQuery.
    static constexpr int appendForms = 6;
    std::unique_ptr<NativeStatement> m_nativeAppend[appendForms];
    std::optional<StoreQuery> m_append[appendForms];
    std::optional<StoreQuery> m_version;
    std::optional<StoreQuery> m_recordCommand;
    std::optional<StoreQuery> m_commandEvents;
    std::optional<StoreQuery> m_notify;
};

} // namespace Evented::Detail
