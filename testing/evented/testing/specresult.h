#pragma once

#include <evented/error.h>
#include <evented/testing/evented_testing_export.h>

#include <QString>

/*!
    \file specresult.h
    What a spec found, and how a Qt Test function reports it.

    A spec (an entity spec of entityspec.h, a ProjectionSpec) is one expression; its \c check()
    runs it and returns a SpecResult. EVENTED_SPEC(spec) runs it inside a Qt Test function and,
    when it fails, fails the test function at that line with what was expected and what
    happened, events and rows as JSON:
    \code
    void tst_Accounts::deposit()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(Evented::Testing::given<Account>(id, Created{id})
                         .when(Deposit{100})
                         .then(Deposited{id, 100, QStringLiteral("EUR")}));
    }
    \endcode
*/

namespace Evented::Testing {

class [[nodiscard]] SpecResult;

/*! Whether a spec held and, when it did not, why. */
class EVENTED_TESTING_EXPORT SpecResult
{
public:
    static SpecResult pass();
    /*! A failed spec; \a message says what was expected and what happened. */
    static SpecResult fail(const QString &message);
    /*! A spec that failed because \a what failed with \a error: "what: the error". */
    static SpecResult fail(const QString &what, const Error &error);

    bool passed() const { return m_passed; }
    /*! Empty when the spec passed. */
    const QString &message() const { return m_message; }

private:
    SpecResult(bool passed, QString message);

    bool m_passed = true;
    QString m_message;
};

/*! Fails the running Qt Test function at \a file and \a line with \a result's message when it
    did not pass (QTest::qFail); returns whether it passed. EVENTED_SPEC calls it. */
EVENTED_TESTING_EXPORT bool verify(const SpecResult &result, const char *file, int line);

} // namespace Evented::Testing

/*! Runs \a spec in a Qt Test function; when it fails, the function fails here and returns. */
#define EVENTED_SPEC(spec)                                                                                             \
    do {                                                                                                               \
        if (!::Evented::Testing::verify((spec).check(), __FILE__, __LINE__))                                           \
            return;                                                                                                    \
    } while (false)
