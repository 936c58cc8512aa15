#pragma once

#include "dialect_p.h"

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
/*! The connection broke; \a detail says how. */
Error connectionLost(const QString &detail, const QString &sqlState = {});
/*! The connection could not be opened. */
Error connectionFailed(const QSqlError &error);
/*! Opens \a db and sets it up for \a dialect; ConnectionFailed, or the setup's error. */
Error openConnection(QSqlDatabase &db, const Dialect &dialect);
/*! Messages shared by the store and projections. */
QString unknownException();
QString invalidStoredJson();
QString invalidStoredMetadata();
/*! Begins a transaction that will write (the dialect's statement, or the driver's own). */
Error beginWrite(QSqlDatabase &db, const Dialect &dialect);
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
/*! Reads the columns seq_no, type_name, entity_id, version, event, metadata, recorded_at. */
StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect);
/*! Parses \a row into \a out; DecodeFailed (with the seq_no) when its JSON is not valid. */
Error decode(const StoredRow &row, RecordedEvent &out);

/*! A store's own connection, borrowed for a blocking call from the store's thread. */
struct StoreAccess
{
    QSqlDatabase db;
    std::shared_ptr<const Dialect> dialect;
    QString schema;
};
/*! The store's connection, or NotOpen/WrongThread errors. */
Result<StoreAccess> blockingAccess(const EventStore *store);

/*! Calls \a listener, turning an exception into a failure with its message. */
template<typename F>
ListenerResult callGuarded(F &&listener)
{
    try {
        return listener();
    } catch (const std::exception &e) {
        return ListenerResult::failure(QString::fromUtf8(e.what()));
    } catch (...) {
        return ListenerResult::failure(unknownException());
    }
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
    Session(const QString &connectionName, std::shared_ptr<const Dialect> dialect, const EventStore::Options &options,
            CommitCallback onCommitted);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    QSqlDatabase &database() { return m_db; }
    const Dialect &dialect() const { return *m_dialect; }

    /*! Opens the connection if it is closed (for example after it was lost). */
    Error ensureOpen();

    Error fold(const QString &typeName, const QUuid &id, const EventVisitor &visit);
    /*! Appends \a events at \a expectedVersion + 1, …; \a versionStored when the caller read or
        wrote that version in this store, so that only a race has to be checked for. */
    Result<QList<RecordedEvent>> append(const QString &typeName, const QUuid &id, qint64 expectedVersion,
                                        bool versionStored, const QList<PendingEvent> &events,
                                        const ErasedListener &listener);

    /*! Wakes other processes (the dialect's notification), if the backend has one. */
    void notify(const QString &payload);

    /*! Maps a driver error to a typed Error, resetting the statements when the connection is gone. */
    Error sqlError(const QSqlError &error);
    /*! Passes \a error on, resetting the statements when it says the connection is gone. */
    Error failure(const Error &error);

private:
    QSqlQuery *prepared(std::optional<QSqlQuery> &slot, const QString &sql, Error *error);
    Result<QList<RecordedEvent>> insert(const QString &typeName, const QUuid &id, qint64 expectedVersion,
                                        Dialect::AppendForm form, const QList<PendingEvent> &events);
    Error conflict(const QString &typeName, const QUuid &id, qint64 expectedVersion);
    void resetStatements();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<const Dialect> m_dialect;
    EventStore::Options m_options;
    CommitCallback m_onCommitted;
    std::optional<QSqlQuery> m_load;
    // One per Dialect::AppendForm: a native statement when the backend has one, else a QSqlQuery.
    static constexpr int appendForms = 3;
    std::unique_ptr<NativeStatement> m_nativeAppend[appendForms];
    std::optional<QSqlQuery> m_append[appendForms];
    std::optional<QSqlQuery> m_version;
    std::optional<QSqlQuery> m_notify;
};

} // namespace Evented::Detail
