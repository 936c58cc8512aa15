// Domains at run time, through the domain plugins as tools load them: what the loader reports,
// commands handled and states replayed by name, the users' unique e-mail address kept by a
// listener, and the plugins' projections.

#include "accounts.h"
#include "testsupport.h"
#include "users.h"

#include <evented/domain.h>
#include <evented/domainplugins.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace TestSupport;
using namespace Evented;
using Evented::Outcome;

namespace {

constexpr int timeoutMs = 20'000;

const QString pluginDir = QStringLiteral(EVENTED_PLUGIN_DIR);

/*! The record of the plugin named \a name, or nullptr. */
const PluginRecord *recordNamed(const DomainPlugins &plugins, QStringView name)
{
    for (const PluginRecord &record : plugins.records()) {
        if (record.name == name)
            return &record;
    }
    return nullptr;
}

/*! The parameters of a command with the one parameter \a name. */
QJsonObject parameter(QStringView name, const QJsonValue &value)
{
    return {{name.toString(), value}};
}

/*! The value of \a column in the row of \a id (in column \a key) of \a table, or an invalid QVariant. */
QVariant viewValue(Schema &schema, QStringView table, QStringView column, const QUuid &id, QStringView key = u"id")
{
    return scalar(schema.db(), u"SELECT " + column + u" FROM " + schema.table(table.toString()) + u" WHERE " + key
                                   + u" = '" + id.toString(QUuid::WithoutBraces) + u'\'');
}

qint64 rows(Schema &schema, QStringView table)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(table.toString())).toLongLong();
}

} // namespace

class tst_Domain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void initTestCase()
    {
        m_plugins.load({pluginDir});
        QVERIFY(!m_plugins.domain().isEmpty());
    }

    void loader()
    {
        QTemporaryDir other;
        QFile fake(other.filePath(QStringLiteral("libfake.so")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not a shared library\n");
        fake.close();
        const QString missing = other.filePath(QStringLiteral("missing"));

        DomainPlugins plugins;
        plugins.load({pluginDir, other.path(), missing});
        const std::pair<const char16_t *, const char16_t *> expected[] = {
            {u"counter", u"counter"}, {u"accounts", u"account"}, {u"users", u"user"}};
        for (const auto &[name, type] : expected) {
            const PluginRecord *record = recordNamed(plugins, QString::fromUtf16(name));
            QVERIFY(record);
            QVERIFY2(record->status == PluginRecord::Status::Loaded, qPrintable(record->why));
            QCOMPARE(record->entityTypes, QStringList{QString::fromUtf16(type)});
            QVERIFY(!record->description.isEmpty());
        }
        QCOMPARE(recordNamed(plugins, u"accounts")->projections, QStringList{QStringLiteral("account")});
        QCOMPARE(recordNamed(plugins, u"users")->projections, QStringList());

        const PluginRecord *notAPlugin = recordNamed(plugins, u"libfake");
        QVERIFY(notAPlugin);
        QCOMPARE(notAPlugin->fileName, fake.fileName());
        QCOMPARE(notAPlugin->status, PluginRecord::Status::NotADomain);
        QVERIFY(!notAPlugin->why.isEmpty());
        for (const PluginRecord &record : plugins.records())
            QVERIFY(!record.fileName.startsWith(missing));

        const Domain &domain = plugins.domain();
        for (const QString &type : {QStringLiteral("counter"), QStringLiteral("account"), QStringLiteral("user")})
            QVERIFY2(domain.entityType(type), qPrintable(type));
        QVERIFY(domain.projection(QStringLiteral("counter")));
        QVERIFY(domain.projection(QStringLiteral("account")));
        QVERIFY(domain.command(QStringLiteral("account"), QStringLiteral("Withdraw")));
        QVERIFY(domain.command(QStringLiteral("user"), QStringLiteral("ChangeEmail")));

        // The same plugins again: everything they define is defined already.
        const qsizetype before = plugins.records().size();
        plugins.load({pluginDir});
        const QList<PluginRecord> again = plugins.records().mid(before);
        const auto accountsAgain = std::find_if(again.begin(), again.end(),
                                                [](const PluginRecord &record) { return record.name == u"accounts"; });
        QVERIFY(accountsAgain != again.end());
        QCOMPARE(accountsAgain->status, PluginRecord::Status::Conflict);
        QVERIFY(accountsAgain->why.contains(u"account"));
    }

    void counterReplay()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();

        const DomainResult outcome = send(store, u"counter", id, u"Increase", parameter(u"inc", 5));
        EVENTED_VERIFY_OK(outcome);
        QCOMPARE(outcome.events.size(), 1);
        QCOMPARE(outcome.events.first().eventName, QStringLiteral("Increased"));
        QCOMPARE(outcome.version, 1);
        QCOMPARE(send(store, u"counter", id, u"Increase").version, 2); // by its default, 1
        QCOMPARE(send(store, u"counter", id, u"Decrease", parameter(u"dec", 4)).version, 3);

        const std::pair<qint64, qint64> valueAfter[] = {{0, 0}, {1, 5}, {2, 6}, {3, 2}, {-1, 2}};
        for (const auto &[version, value] : valueAfter) {
            const auto replayed = replay(store, u"counter", id, version);
            EVENTED_VERIFY_OK(replayed);
            QCOMPARE(replayed->state, QJsonValue(parameter(u"value", value)));
            QCOMPARE(replayed->version, version < 0 ? 3 : version);
        }

        const DomainResult underflow = send(store, u"counter", id, u"Decrease", parameter(u"dec", 3));
        QCOMPARE(underflow.outcome, Outcome::Rejected);
        QCOMPARE(underflow.rejectionName, QStringLiteral("Underflow"));
        QCOMPARE(rows(schema, u"event"), 3);

        QCOMPARE(replay(store, u"nosuchtype", id).error().kind(), Error::Kind::InvalidArgument);
        const DomainResult unknownCommand = send(store, u"counter", id, u"Multiply");
        QCOMPARE(unknownCommand.outcome, Outcome::Failed);
        QCOMPARE(unknownCommand.error.kind(), Error::Kind::InvalidArgument);
    }

    void accounts()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_plugins.domain().setUp(store));
        const QUuid id = QUuid::createUuid();

        // Nothing can be done with an account before it is created.
        DomainResult outcome = send(store, u"account", id, u"Deposit", parameter(u"amount", 10));
        QCOMPARE(outcome.outcome, Outcome::Rejected);
        QCOMPARE(outcome.rejectionName, QStringLiteral("NotCreated"));
        QCOMPARE(rows(schema, u"event"), 0);

        EVENTED_VERIFY_OK(send(store, u"account", id, u"Create"));
        outcome = send(store, u"account", id, u"Create");
        QCOMPARE(outcome.outcome, Outcome::Rejected);
        QCOMPARE(outcome.rejectionName, QStringLiteral("AlreadyCreated"));
        EVENTED_VERIFY_OK(send(store, u"account", id, u"Deposit", parameter(u"amount", 100)));

        for (const qint64 invalid : {0, -5}) {
            outcome = send(store, u"account", id, u"Withdraw", parameter(u"amount", invalid));
            QCOMPARE(outcome.outcome, Outcome::Rejected);
            QCOMPARE(outcome.rejectionName, QStringLiteral("InvalidAmount"));
        }

        // More than the balance: rejected with both figures, and nothing written.
        outcome = send(store, u"account", id, u"Withdraw", parameter(u"amount", 500));
        QCOMPARE(outcome.outcome, Outcome::Rejected);
        QCOMPARE(outcome.rejectionName, QStringLiteral("InsufficientBalance"));
        QCOMPARE(outcome.version, 2);
        AccountsDomain::InsufficientBalance rejection;
        QVERIFY(fromJson(outcome.rejection, rejection));
        QCOMPARE(rejection.balance, 100);
        QCOMPARE(rejection.amount, 500);
        QCOMPARE(rows(schema, u"event"), 2);

        // An expected version that is not the entity's: a conflict, without a retry.
        outcome = send(store, u"account", id, u"Withdraw", parameter(u"amount", 30), 1);
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::VersionConflict);
        QCOMPARE(outcome.error.expectedVersion(), 1);
        QCOMPARE(outcome.error.actualVersion(), 2);
        EVENTED_VERIFY_OK(send(store, u"account", id, u"Withdraw", parameter(u"amount", 30), 2));

        // A parameter that the command does not have, or one of the wrong type.
        outcome = send(store, u"account", id, u"Deposit", parameter(u"amout", 1));
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::InvalidArgument);
        QVERIFY2(outcome.error.message().contains(u"amout"), qPrintable(outcome.error.message()));
        outcome = send(store, u"account", id, u"Deposit", parameter(u"amount", QStringLiteral("ten")));
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::InvalidArgument);
        QCOMPARE(rows(schema, u"event"), 3);

        const auto replayed = replay(store, u"account", id);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->version, 3);
        AccountsDomain::Account state;
        QVERIFY(fromJson(replayed->state, state));
        QVERIFY(state.open);
        QCOMPARE(state.balance, 70);
    }

    void uniqueEmail()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(m_plugins.domain().setUp(store));
        const QUuid ann = QUuid::createUuid();
        const QUuid bob = QUuid::createUuid();
        const auto registration = [](QStringView email, QStringView name) {
            return QJsonObject{{QStringLiteral("email"), email.toString()}, {QStringLiteral("name"), name.toString()}};
        };
        const auto addressOf = [&schema](const QUuid &user) {
            return viewValue(schema, u"user_email", u"email", user, u"user_id");
        };

        EVENTED_VERIFY_OK(send(store, u"user", ann, u"Register", registration(u"Ann@Example.org", u"Ann")));
        QCOMPARE(addressOf(ann).toString(), QStringLiteral("ann@example.org"));

        // The same address in other letters: the listener fails and Bob's event is rolled back.
        DomainResult outcome = send(store, u"user", bob, u"Register", registration(u"ann@example.ORG", u"Bob"));
        QCOMPARE(outcome.outcome, Outcome::Failed);
        QCOMPARE(outcome.error.kind(), Error::Kind::ListenerFailed);
        QCOMPARE(replay(store, u"user", bob)->version, 0);
        QCOMPARE(rows(schema, u"event"), 1);
        QVERIFY(!addressOf(bob).isValid());

        // Malformed addresses are rejected before anything is written.
        for (const char16_t *bad : {u"", u"bob", u"bob@", u"bob @example.org", u"bob@example"}) {
            outcome = send(store, u"user", bob, u"Register", registration(bad, u"Bob"));
            QCOMPARE(outcome.outcome, Outcome::Rejected);
            QCOMPARE(outcome.rejectionName, QStringLiteral("InvalidEmail"));
        }

        EVENTED_VERIFY_OK(send(store, u"user", bob, u"Register", registration(u"bob@example.org", u"Bob")));
        outcome = send(store, u"user", bob, u"ChangeEmail", parameter(u"email", QStringLiteral("ANN@example.org")));
        QCOMPARE(outcome.error.kind(), Error::Kind::ListenerFailed);
        QCOMPARE(addressOf(bob).toString(), QStringLiteral("bob@example.org"));

        // Once Ann has moved on, her old address is free.
        EVENTED_VERIFY_OK(send(store, u"user", ann, u"ChangeEmail", parameter(u"email", QStringLiteral("ann@example.net"))));
        EVENTED_VERIFY_OK(send(store, u"user", bob, u"ChangeEmail", parameter(u"email", QStringLiteral("ann@example.org"))));
        QCOMPARE(rows(schema, u"user_email"), 2);

        const auto replayed = replay(store, u"user", bob);
        EVENTED_VERIFY_OK(replayed);
        QCOMPARE(replayed->version, 2);
        UsersDomain::User state;
        QVERIFY(fromJson(replayed->state, state));
        QCOMPARE(state.email, QStringLiteral("ann@example.org"));
        QCOMPARE(state.name, QStringLiteral("Bob"));

        outcome = send(store, u"user", QUuid::createUuid(), u"ChangeEmail", parameter(u"email", QStringLiteral("x@example.org")));
        QCOMPARE(outcome.rejectionName, QStringLiteral("NotRegistered"));
    }

    void projections()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const Domain &domain = m_plugins.domain();
        EVENTED_VERIFY_OK(domain.setUp(store));
        const QUuid counter = QUuid::createUuid();
        const QUuid account = QUuid::createUuid();
        const auto value = [&] { return viewValue(schema, u"counter_projection", u"value", counter).toLongLong(); };
        const auto balance = [&] { return viewValue(schema, u"account", u"balance", account).toLongLong(); };
        EVENTED_VERIFY_OK(send(store, u"counter", counter, u"Increase", parameter(u"inc", 40)));
        EVENTED_VERIFY_OK(send(store, u"account", account, u"Create"));
        EVENTED_VERIFY_OK(send(store, u"account", account, u"Deposit", parameter(u"amount", 250)));

        std::vector<std::unique_ptr<Projection>> running;
        for (const QString &name : {QStringLiteral("counter"), QStringLiteral("account")}) {
            auto projection = std::make_unique<Projection>(&store, name);
            domain.projection(name)->configure(*projection, store);
            QSignalSpy caughtUp(projection.get(), &Projection::caughtUp);
            projection->start();
            QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty() && caughtUp.last().at(0).toLongLong() == 3, timeoutMs);
            running.push_back(std::move(projection));
        }
        QCOMPARE(value(), 40);
        QCOMPARE(balance(), 250);

        // Live: new events reach the views.
        EVENTED_VERIFY_OK(send(store, u"counter", counter, u"Decrease", parameter(u"dec", 2)));
        EVENTED_VERIFY_OK(send(store, u"account", account, u"Withdraw", parameter(u"amount", 50)));
        QTRY_COMPARE_WITH_TIMEOUT(value(), 38, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(balance(), 200, timeoutMs);

        // A reset clears the views through the reset handlers; the next start rebuilds them.
        for (const std::unique_ptr<Projection> &projection : running) {
            projection->stop();
            EVENTED_VERIFY_OK(projection->reset());
        }
        QCOMPARE(rows(schema, u"account"), 0);
        QCOMPARE(rows(schema, u"counter_projection"), 0);
        for (const std::unique_ptr<Projection> &projection : running)
            projection->start();
        QTRY_COMPARE_WITH_TIMEOUT(value(), 38, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(balance(), 200, timeoutMs);
        for (const std::unique_ptr<Projection> &projection : running)
            projection->stop();
    }

private:
    /*! Handles command \a name of \a type on \a id with \a parameters, through the plugins' domain. */
    DomainResult send(EventStore &store, QStringView type, const QUuid &id, QStringView name,
                       const QJsonObject &parameters = {}, qint64 expectedVersion = -1)
    {
        return m_plugins.domain().handle(store, type.toString(), id, name.toString(), parameters, expectedVersion);
    }

    Result<Domain::Replayed> replay(EventStore &store, QStringView type, const QUuid &id, qint64 version = -1)
    {
        return m_plugins.domain().replay(store, type.toString(), id, version);
    }

    DomainPlugins m_plugins;
};

QTEST_GUILESS_MAIN(tst_Domain)
#include "tst_domain.moc"
