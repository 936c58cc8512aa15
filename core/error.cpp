#include <evented/error.h>

#include <QCoreApplication>

namespace Evented {

Error::Error(Kind kind, const QString &message, const QString &sqlState)
    : m_kind(kind)
    , m_message(message)
    , m_sqlState(sqlState)
{
}

Error Error::versionConflict(const QString &typeName, const QUuid &entityId, qint64 expected, qint64 actual)
{
    Error error(Kind::VersionConflict,
                QCoreApplication::translate("Evented::Error",
                                            "version conflict on %1 %2: expected version %3, the store has %4")
                    .arg(typeName, entityId.toString(QUuid::WithoutBraces))
                    .arg(expected)
                    .arg(actual));
    error.m_expected = expected;
    error.m_actual = actual;
    return error;
}

Error Error::decodeFailed(qint64 seqNo, const QString &message)
{
    Error error(Kind::DecodeFailed,
                QCoreApplication::translate("Evented::Error", "cannot decode event %1: %2").arg(seqNo).arg(message));
    error.m_seqNo = seqNo;
    return error;
}

Error Error::handlerFailed(qint64 seqNo, const QString &message)
{
    Error error(Kind::ListenerFailed,
                QCoreApplication::translate("Evented::Error", "the handler failed on event %1: %2").arg(seqNo).arg(message));
    error.m_seqNo = seqNo;
    return error;
}

Error Error::leaseLost(const QString &name, qint64 token)
{
    return Error(Kind::LeaseLost, QCoreApplication::translate("Evented::Error",
                                                              "projection %1 lost its lease (token %2) to another instance")
                                      .arg(name)
                                      .arg(token));
}

Error Error::listenerFailed(qint64 version, const QString &message)
{
    return Error(Kind::ListenerFailed, QCoreApplication::translate("Evented::EventStore", "the listener failed on version %1: %2")
                                           .arg(version)
                                           .arg(message));
}

Error Error::invalidArgument(const QString &message)
{
    return Error(Kind::InvalidArgument, message);
}

Error Error::notOpen()
{
    return Error(Kind::NotOpen, QCoreApplication::translate("Evented::EventStore", "the store is not open"));
}

Error Error::timeout(const QString &message)
{
    return Error(Kind::Timeout, message);
}

Error Error::wrongThread()
{
    return Error(Kind::WrongThread,
                 QCoreApplication::translate("Evented::EventStore",
                                             "blocking store calls must come from the thread that opened the store; "
                                             "use the asynchronous calls from other threads"));
}

Error Error::commitUnknown(const Error &lost)
{
    return Error(Kind::CommitUnknown,
                 QCoreApplication::translate("Evented::EventStore",
                                             "the outcome of the commit is unknown (%1): handle the command again with "
                                             "its command id")
                     .arg(lost.message()),
                 lost.sqlState());
}

Error Error::connectionLost(const QString &detail, const QString &sqlState)
{
    return Error(Kind::ConnectionLost,
                 QCoreApplication::translate("Evented::EventStore", "the database connection was lost: %1").arg(detail.simplified()),
                 sqlState);
}

Error Error::connectionFailed(const QString &detail, const QString &sqlState)
{
    return Error(Kind::ConnectionFailed,
                 QCoreApplication::translate("Evented::EventStore", "cannot connect to the database: %1").arg(detail.simplified()),
                 sqlState);
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Evented::Error(" << error.kind() << ", " << error.message();
    if (!error.sqlState().isEmpty())
        debug << ", SQLSTATE " << error.sqlState();
    debug << ')';
    return debug;
}

} // namespace Evented
