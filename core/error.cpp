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
