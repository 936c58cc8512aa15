#pragma once

#include <evented/evented_core_export.h>

#include <QDebug>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace Evented {

class [[nodiscard]] Error; // every Error returned is looked at

/*!
    A failure of the store, typed by kind. A domain's own rejection of a command is not an
    Error: it is returned as the command's rejection (see CommandResult).
*/
class EVENTED_CORE_EXPORT Error
{
    Q_GADGET
    Q_PROPERTY(Kind kind READ kind)
    Q_PROPERTY(QString message READ message)
    Q_PROPERTY(QString sqlState READ sqlState)
    Q_PROPERTY(qint64 seqNo READ seqNo)
    Q_PROPERTY(qint64 expectedVersion READ expectedVersion)
    Q_PROPERTY(qint64 actualVersion READ actualVersion)
public:
    enum class Kind {
        None,            //!< no error
        VersionConflict, //!< another writer appended first: expectedVersion() != actualVersion()
        ListenerFailed,  //!< a listener or projection handler failed; its transaction was rolled back
        DecodeFailed,    //!< a stored event or metadata could not be decoded (seqNo() names it)
        Database,        //!< the database reported an error (sqlState() has the SQLSTATE)
        ConnectionFailed,//!< the database could not be reached (refused, wrong password, no such database)
        ConnectionLost,  //!< the connection broke; the next call reconnects
        InvalidArgument, //!< bad input from the caller (a malformed URL, a null id, …)
        Schema,          //!< the schema is older (migration off) or newer than this library, or not an event store
        WrongThread,     //!< a blocking call from a thread other than the store's
        NoStore,         //!< the database holds no event store yet and migration is off
        NotOpen,         //!< the store is not open (never opened, closed, or its opening failed)
        Timeout,         //!< what was waited for did not happen in time
        LeaseLost,       //!< another instance of a projection took its lease over: this one's batch was rolled back
        CommitUnknown,   //!< the connection broke while a command's events were being committed: they may or may not be stored. Handle the command again with the same CommandOptions::commandId: a repeat returns the events it stored
    };
    Q_ENUM(Kind)

    Error() = default;
    Error(Kind kind, const QString &message, const QString &sqlState = {});

    // Factories: each kind's message is worded in one place.
    static Error versionConflict(const QString &typeName, const QUuid &entityId, qint64 expected, qint64 actual);
    static Error decodeFailed(qint64 seqNo, const QString &message);
    /*! A projection's handler failed on the event \a seqNo (kind ListenerFailed). */
    static Error handlerFailed(qint64 seqNo, const QString &message);
    /*! Projection \a name no longer holds the lease it took with fencing token \a token (kind LeaseLost). */
    static Error leaseLost(const QString &name, qint64 token);
    /*! A listener failed on the event that took \a version (kind ListenerFailed). */
    static Error listenerFailed(qint64 version, const QString &message);
    static Error invalidArgument(const QString &message);
    static Error notOpen();
    static Error timeout(const QString &message);
    static Error wrongThread();
    /*! The connection broke; \a detail says how. */
    static Error connectionLost(const QString &detail, const QString &sqlState = {});
    /*! The connection broke while a commit was under way (kind CommitUnknown); \a lost is the ConnectionLost error. */
    static Error commitUnknown(const Error &lost);
    /*! The connection could not be opened; \a detail says why. */
    static Error connectionFailed(const QString &detail, const QString &sqlState = {});

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    /*! A one-line description, translated. */
    QString message() const { return m_message; }
    /*! The SQLSTATE for Database errors, when the server sent one. */
    QString sqlState() const { return m_sqlState; }
    /*! The event's seq_no for DecodeFailed and for a projection handler's failure, or -1. */
    qint64 seqNo() const { return m_seqNo; }
    /*! For VersionConflict: the version the command was decided on. */
    qint64 expectedVersion() const { return m_expected; }
    /*! For VersionConflict: the entity's version in the store. */
    qint64 actualVersion() const { return m_actual; }

    friend bool operator==(const Error &, const Error &) = default;

private:
    Kind m_kind = Kind::None;
    QString m_message;
    QString m_sqlState;
    qint64 m_seqNo = -1;
    qint64 m_expected = -1;
    qint64 m_actual = -1;
};

EVENTED_CORE_EXPORT QDebug operator<<(QDebug debug, const Error &error);

} // namespace Evented

Q_DECLARE_METATYPE(Evented::Error)
