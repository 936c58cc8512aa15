// What a spec found, reported to Qt Test.

#include <evented/testing/specresult.h>

#include <QDebug>
#include <QTest>

#include <utility>

namespace Evented::Testing {

SpecResult::SpecResult(bool passed, QString message)
    : m_passed(passed)
    , m_message(std::move(message))
{
}

SpecResult SpecResult::pass()
{
    return {true, {}};
}

SpecResult SpecResult::fail(const QString &message)
{
    return {false, message};
}

SpecResult SpecResult::fail(const QString &what, const Error &error)
{
    QString text;
    QDebug(&text).noquote().nospace() << error;
    return {false, what + u": " + text};
}

bool verify(const SpecResult &result, const char *file, int line)
{
    if (result.passed())
        return true;
    QTest::qFail(result.message().toUtf8().constData(), file, line);
    return false;
}

} // namespace Evented::Testing
