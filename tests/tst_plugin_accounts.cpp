// The accounts plugin's domain through the test kit: its commands (a transfer writes two
// accounts), their rejections, and the projection "account" as the plugin configures it.

#include "plugintesting.h"

#include "accounts.h"

#include <evented/testing/entityspec.h>
#include <evented/testing/projectionspec.h>

#include <QTest>

#include <limits>

using namespace AccountsDomain;
using namespace Evented::Testing;

namespace {
constexpr qint64 maximum = std::numeric_limits<qint64>::max();
const QString eur = QStringLiteral("EUR");
const QString chf = QStringLiteral("CHF");
} // namespace

class tst_PluginAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void create()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(id).when(Create{}).then(Created{id}));
        EVENTED_SPEC(given<Account>(id, Created{id}).when(Create{}).thenRejected(AlreadyCreated{}));
    }

    void deposit()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(id, Created{id}).when(Deposit{100}).then(Deposited{id, 100, eur}));
        // In the currency of the money moved last.
        EVENTED_SPEC(given<Account>(id, Created{id}, Deposited{id, 5, chf}).when(Deposit{1}).then(Deposited{id, 1, chf}));
    }

    void depositRejected_data()
    {
        QTest::addColumn<qint64>("amount");
        QTest::newRow("zero") << qint64(0);
        QTest::newRow("negative") << qint64(-5);
    }
    void depositRejected()
    {
        QFETCH(qint64, amount);
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(id).when(Deposit{amount}).thenRejected(NotCreated{}));
        EVENTED_SPEC(given<Account>(id, Created{id}).when(Deposit{amount}).thenRejected(InvalidAmount{amount}));
    }

    void depositOverflow()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(id, Created{id}, Deposited{id, maximum, eur})
                         .when(Deposit{1})
                         .thenRejected(BalanceOverflow{maximum, 1}));
    }

    void withdraw()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(id, Created{id}, Deposited{id, 100, eur}).when(Withdraw{100}).then(Debited{id, 100, eur}));
        EVENTED_SPEC(given<Account>(id).when(Withdraw{1}).thenRejected(NotCreated{}));
        EVENTED_SPEC(given<Account>(id, Created{id}).when(Withdraw{0}).thenRejected(InvalidAmount{0}));
        EVENTED_SPEC(given<Account>(id, Created{id}, Deposited{id, 100, eur}, Debited{id, 30, eur})
                         .when(Withdraw{71})
                         .thenRejected(InsufficientBalance{70, 71}));
    }

    void transfer()
    {
        const QUuid from = QUuid::createUuid();
        const QUuid to = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 100, chf})
                         .given<Account>(to, Created{to})
                         .when(Transfer{to, 30})
                         .then(Debited{from, 30, chf})
                         .then<Account>(to, Deposited{to, 30, chf}));
    }

    void transferRejected()
    {
        const QUuid from = QUuid::createUuid();
        const QUuid to = QUuid::createUuid();
        EVENTED_SPEC(given<Account>(from).given<Account>(to, Created{to}).when(Transfer{to, 1}).thenRejected(NotCreated{}));
        EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 10, eur})
                         .when(Transfer{from, 1})
                         .thenRejected(SameAccount{}));
        EVENTED_SPEC(given<Account>(from, Created{from}).given<Account>(to, Created{to}).when(Transfer{to, 0}).thenRejected(InvalidAmount{0}));
        EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 10, eur}).when(Transfer{to, 1}).thenRejected(RecipientNotOpen{to}));
        EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 10, eur})
                         .given<Account>(to, Created{to})
                         .when(Transfer{to, 11})
                         .thenRejected(InsufficientBalance{10, 11}));
        EVENTED_SPEC(given<Account>(from, Created{from}, Deposited{from, 10, eur})
                         .given<Account>(to, Created{to}, Deposited{to, maximum, eur})
                         .when(Transfer{to, 1})
                         .thenRejected(BalanceOverflow{maximum, 1}));
    }

    void projection()
    {
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        const auto balance = [](const QUuid &id, qint64 value) {
            return QVariantMap{{QStringLiteral("id"), id}, {QStringLiteral("balance"), value}};
        };
        // Created gives a row of its own, at a balance of zero.
        EVENTED_SPEC(ProjectionSpec(TestSupport::shippedDomain(), QStringLiteral("account"))
                         .given<Account>(a, Created{a}, Deposited{a, 100, eur}, Debited{a, 30, eur})
                         .given<Account>(b, Created{b})
                         .thenRows(QStringLiteral("SELECT id, balance FROM account ORDER BY balance"),
                                   {balance(b, 0), balance(a, 70)}));
    }
};

QTEST_GUILESS_MAIN(tst_PluginAccounts)

#include "tst_plugin_accounts.moc"
