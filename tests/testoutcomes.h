#pragma once

// How the test suites check the library's outcomes: a failing check prints what went wrong.
//
// - QTest::toString for Evented::Error, Result<T>, CommandResult<R>, DomainResult,
//   ListenerResult, Outcome and ProjectionState (overloads found by argument-dependent
//   lookup), so that QCOMPARE prints them: QCOMPARE(store.open(url), Evented::Error()).
// - EVENTED_VERIFY_OK(expression): the expression succeeded (an Error that is none, a Result
//   with a value, an applied command, an ok listener result), or the test fails with the
//   expression and the error it gave.
// - TestSupport::succeeded(x), for helpers that return a value instead of failing the test:
//   false after printing the error as a warning.

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/listener.h>
#include <evented/projection.h>
#include <evented/result.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaProperty>
#include <QString>
#include <QTest>

namespace TestSupport {

inline QString describe(const Evented::Error &error)
{
    if (!error.isError())
        return QStringLiteral("no error");
    QString text;
    QDebug(&text).noquote().nospace() << error;
    if (error.kind() == Evented::Error::Kind::VersionConflict)
        text += QStringLiteral(" expected version %1, actual %2").arg(error.expectedVersion()).arg(error.actualVersion());
    if (error.seqNo() >= 0)
        text += QStringLiteral(" at seq_no %1").arg(error.seqNo());
    return text;
}

inline QString describe(Evented::Outcome outcome)
{
    switch (outcome) {
    case Evented::Outcome::Applied:
        return QStringLiteral("Applied");
    case Evented::Outcome::Rejected:
        return QStringLiteral("Rejected");
    case Evented::Outcome::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("Outcome(%1)").arg(int(outcome));
}

/*! A gadget's properties as "name=value, …"; its type name for anything else. */
template<typename T>
QString describeValue(const T &value)
{
    if constexpr (requires { T::staticMetaObject; }) {
        const QMetaObject &meta = T::staticMetaObject;
        QStringList fields;
        for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i) {
            const QMetaProperty property = meta.property(i);
            fields << QString::fromLatin1(property.name()) + u'=' + property.readOnGadget(&value).toString();
        }
        return QString::fromLatin1(meta.className()) + u'{' + fields.join(QStringLiteral(", ")) + u'}';
    } else {
        return QString::fromLatin1(QMetaType::fromType<T>().name());
    }
}

template<typename T>
QString describe(const Evented::Result<T> &result)
{
    return result.isOk() ? QStringLiteral("a value") : describe(result.error());
}

template<typename R>
QString describe(const Evented::CommandResult<R> &result)
{
    switch (result.outcome()) {
    case Evented::Outcome::Applied:
        return QStringLiteral("Applied, %1 events").arg(result.events().size());
    case Evented::Outcome::Rejected:
        return u"Rejected: " + describeValue(result.rejection());
    case Evented::Outcome::Failed:
        break;
    }
    return u"Failed: " + describe(result.error());
}

inline QString describe(const Evented::DomainResult &result)
{
    switch (result.outcome) {
    case Evented::Outcome::Applied:
        return QStringLiteral("Applied, %1 events, version %2").arg(result.events.size()).arg(result.version);
    case Evented::Outcome::Rejected:
        return u"Rejected: " + result.rejectionName + u' '
            + QString::fromUtf8(QJsonDocument(QJsonArray{result.rejection}).toJson(QJsonDocument::Compact));
    case Evented::Outcome::Failed:
        break;
    }
    return u"Failed: " + describe(result.error);
}

inline QString describe(const Evented::ListenerResult &result)
{
    return result.isOk() ? QStringLiteral("ok") : u"failure: " + result.message();
}

inline QString describe(const Evented::ProjectionState &state)
{
    QString text = state.name + u' ' + Evented::ProjectionState::statusText(state.status)
        + QStringLiteral(" at seq_no %1, lag %2").arg(state.seqNo).arg(state.lag);
    if (!state.error.isEmpty())
        text += QStringLiteral(", error at seq_no %1: %2").arg(state.errorSeqNo).arg(state.error);
    if (state.waitingOnPid != 0)
        text += QStringLiteral(", waiting on pid %1").arg(state.waitingOnPid);
    return text;
}

inline bool isOk(const Evented::Error &error) { return !error.isError(); }
template<typename T>
bool isOk(const Evented::Result<T> &result) { return result.isOk(); }
template<typename R>
bool isOk(const Evented::CommandResult<R> &result) { return result.isApplied(); }
inline bool isOk(const Evented::DomainResult &result) { return result.isApplied(); }
inline bool isOk(const Evented::ListenerResult &result) { return result.isOk(); }

/*! For helpers that cannot fail the test themselves: true when \a result succeeded, otherwise
    false after printing why, so that the check of the helper's answer comes with the error. */
template<typename T>
bool succeeded(const T &result)
{
    if (isOk(result))
        return true;
    qWarning("%s", qPrintable(describe(result)));
    return false;
}

} // namespace TestSupport

/*! Fails the test unless \a expression succeeded, printing the error it gave. */
#define EVENTED_VERIFY_OK(expression)                                                                                  \
    do {                                                                                                               \
        const auto &evented_result_ = (expression);                                                                    \
        if (!QTest::qVerify(::TestSupport::isOk(evented_result_), #expression,                                         \
                            qPrintable(::TestSupport::describe(evented_result_)), __FILE__, __LINE__))                 \
            return;                                                                                                    \
    } while (false)

namespace Evented {

// QTest::toString by argument-dependent lookup: what QCOMPARE prints for these types.
inline char *toString(const Error &error) { return qstrdup(qPrintable(TestSupport::describe(error))); }
inline char *toString(Outcome outcome) { return qstrdup(qPrintable(TestSupport::describe(outcome))); }
inline char *toString(const DomainResult &result) { return qstrdup(qPrintable(TestSupport::describe(result))); }
inline char *toString(const ListenerResult &result) { return qstrdup(qPrintable(TestSupport::describe(result))); }
inline char *toString(const ProjectionState &state) { return qstrdup(qPrintable(TestSupport::describe(state))); }
template<typename T>
char *toString(const Result<T> &result)
{
    return qstrdup(qPrintable(TestSupport::describe(result)));
}
template<typename R>
char *toString(const CommandResult<R> &result)
{
    return qstrdup(qPrintable(TestSupport::describe(result)));
}

} // namespace Evented
