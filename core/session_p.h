#pragma once

#include "dialect_p.h"
#include "storecontext_p.h"

#include <evented/eventstore.h>

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <optional>

namespace Evented::Detail {

/*! Parses stored JSON (UTF-8), which may be a bare string (an event without fields). */
bool parseStoredJson(const QByteArray &text, QJsonValue &out);
/*! The tag of an externally tagged event ("Increased"), or empty. */
QString eventNameOf(const QJsonValue &event);

/*! A driver error as a typed Error: ConnectionLost when the connection is gone, else Database. */
Error typedError(const Dialect &dialect, const QSqlError &error, const QSqlDatabase &db);
/*! Opens \a db and sets it up for \a dialect; ConnectionFailed, or the setup's error. */
Error openConnection(QSqlDatabase &db, const Dialect &dialect);
/*! A connection of its own for a reader or worker: a copy of the store's connection under a
    new name, used only by the calling thread. */
QSqlDatabase cloneConnection(const StoreContext &context, const char *role);
/*! Closes \a db and removes it from Qt's connections. */
void removeConnection(QSqlDatabase &db);
/*! Messages shared by the store and projections. */
QString unknownException();
QString invalidStoredJson();
QString invalidStoredMetadata();
/*! Runs \a work in a write transaction: committed when it succeeds, rolled back otherwise. */
Error inWriteTransaction(QSqlDatabase &db, const Dialect &dialect, const std::function<Error()> &work);
/*! Prepares \a sql in \a slot once per connection; null with \a error set when that fails. */
QSqlQuery *prepareOnce(std::optional<QSqlQuery> &slot, QSqlDatabase &db, const QString &sql, QSqlError *error);

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

/*! Calls \a code; an exception becomes what \a onException makes of its message. The one
    guard around code of the application's (listeners, handlers, reset handlers). */
template<typename F, typename OnException>
auto guarded(F &&code, OnException &&onException) -> decltype(code())
{
    try {
        return code();
    } catch (const std::exception &e) {
        return onException(QString::fromUtf8(e.what()));
    } catch (...) {
        return onException(unknownException());
    }
}

/*! guarded() for listeners: an exception is the listener's failure. */
template<typename F>
ListenerResult callListener(F &&listener)
{
    return guarded(std::forward<F>(listener), [](const QString &why) { return ListenerResult::failure(why); });
}

/*! Reads \a query to its end and finishes it. QPSQL reads forward-only results row by row, and
    a result left unread keeps the connection from ever delivering notifications again. */
inline void drain(QSqlQuery &query)
{
    while (query.next()) {
    }
    query.finish();
}

/*!
    One database connection of a store, used only by the thread that opened it, with the
    store's prepared statements. Reopens the connection after it was lost.
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

    Error fold(const QString &typeName, const QUuid &id, const EventVisitor &visit);
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
    // One per AppendForm: a native statement when the backend has them, else a QSqlQuery.
    static constexpr int appendForms = 3;
    std::unique_ptr<NativeStatement> m_nativeAppend[appendForms];
    std::optional<QSqlQuery> m_append[appendForms];
    std::optional<QSqlQuery> m_version;
    std::optional<QSqlQuery> m_notify;
};

} // namespace Evented::Detail
