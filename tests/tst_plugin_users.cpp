// The users plugin's domain through the test kit: registering and changing the e-mail
// address, and what each command rejects.

#include "users.h"

#include <evented/testing/entityspec.h>

#include <QTest>

using namespace Evented::Testing;
using namespace UsersDomain;

namespace {
const QString ada = QStringLiteral("ada@example.org");
} // namespace

class tst_PluginUsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registration()
    {
        const QUuid id = QUuid::createUuid();
        // The address and the name are taken without surrounding white space.
        EVENTED_SPEC(given<User>(id)
                         .when(Register{u"  " + ada + u' ', QStringLiteral(" Ada ")})
                         .then(Registered{id, ada, QStringLiteral("Ada")}));
        EVENTED_SPEC(given<User>(id, Registered{id, ada, QStringLiteral("Ada")})
                         .when(Register{QStringLiteral("other@example.org"), QStringLiteral("Other")})
                         .thenRejected(AlreadyRegistered{ada}));
    }

    void invalidAddress_data()
    {
        QTest::addColumn<QString>("email");
        QTest::newRow("empty") << QString();
        QTest::newRow("no domain") << QStringLiteral("ada@");
        QTest::newRow("no top-level domain") << QStringLiteral("ada@example");
        QTest::newRow("a space") << QStringLiteral("a da@example.org");
    }
    void invalidAddress()
    {
        QFETCH(QString, email);
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<User>(id).when(Register{email, QStringLiteral("Ada")}).thenRejected(InvalidEmail{email}));
        EVENTED_SPEC(given<User>(id, Registered{id, ada, QStringLiteral("Ada")}).when(ChangeEmail{email}).thenRejected(InvalidEmail{email}));
    }

    void changeEmail()
    {
        const QUuid id = QUuid::createUuid();
        const QString other = QStringLiteral("lovelace@example.org");
        EVENTED_SPEC(given<User>(id, Registered{id, ada, QStringLiteral("Ada")}).when(ChangeEmail{other}).then(EmailChanged{id, other}));
        // The address the user has already: nothing to record.
        EVENTED_SPEC(given<User>(id, Registered{id, ada, QStringLiteral("Ada")}).when(ChangeEmail{ada}).then());
        EVENTED_SPEC(given<User>(id).when(ChangeEmail{ada}).thenRejected(NotRegistered{}));
    }
};

QTEST_GUILESS_MAIN(tst_PluginUsers)

#include "tst_plugin_users.moc"
