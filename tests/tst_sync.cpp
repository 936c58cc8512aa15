// Offline-first sync: local SQLite stores linked to an upstream PostgreSQL store, the upstream
// reached through a relay that a test can cut.

#include "tcprelay.h"
#include "testsupport.h"

#include <accounts.h>

#include <evented/domain.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/synclink.h>

#include <QFuture>
#include <QPointer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Evented;
using namespace TestSupport;
using AccountsDomain::Account;

namespace {

/*! A relay that passes everything on until it is cut: then it closes every connection and
    closes each new one at once, until it is restored. */
class CuttableRelay : public TcpRelay
{
public:
    explicit CuttableRelay(quint16 target)
        : TcpRelay(QStringLiteral("127.0.0.1"), target)
    {
        start();
    }
    ~CuttableRelay() override { stop(); }

    void cut()
    {
        m_cut = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                for (const QPointer<QTcpSocket> &client : std::as_const(m_clients)) {
                    if (client)
                        client->abort();
                }
                m_clients.clear();
            },
            Qt::BlockingQueuedConnection);
    }
    void restore() { m_cut = false; }

private:
    void pipe(QTcpSocket *client, QTcpSocket *server) override
    {
        if (m_cut) {
            QMetaObject::invokeMethod(client, [client] { client->abort(); }, Qt::QueuedConnection);
            return;
        }
        m_clients.append(client);
        QObject::connect(client, &QTcpSocket::readyRead, server, [client, server] { server->write(client->readAll()); });
        QObject::connect(server, &QTcpSocket::readyRead, client, [client, server] { client->write(server->readAll()); });
    }

    std::atomic<bool> m_cut = false;
    QList<QPointer<QTcpSocket>> m_clients; // in the relay's thread
};

Domain accounts()
{
    Domain domain;
    domain.addEntityType<Account>()
        .addCommand<Account, AccountsDomain::Create>()
        .addCommand<Account, AccountsDomain::Deposit>()
        .addCommand<Account, AccountsDomain::Withdraw>();
    return domain;
}

/*! Fails the test with the error unless \a expr (an Error) is none. */
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const Evented::Error e_ = (expr);                                                                              \
        QVERIFY2(!e_.isError(), qPrintable(e_.message()));                                                             \
    } while (false)

/*! Fails the test with the error unless \a link syncs. */
#define VERIFY_SYNC(link)                                                                                              \
    do {                                                                                                               \
        const Evented::Result<Evented::SyncReport> r_ = (link).sync();                                                \
        QVERIFY2(r_, qPrintable(r_.error().message()));                                                                \
    } while (false)

/*! Whether \a result is applied; says why not. */
bool applied(const DomainResult &result)
{
    if (!result.isApplied())
        qWarning() << "not applied:" << result.error << result.rejectionName << result.rejection;
    return result.isApplied();
}

/*! \a url with its port replaced by \a port. */
QString throughPort(const QString &url, quint16 port)
{
    QUrl u(url);
    u.setPort(port);
    return u.toString(QUrl::FullyEncoded);
}

qint64 balanceOf(EventStore &store, const QUuid &id)
{
    const Result<Entity<Account>> account = store.load<Account>(id);
    if (!account) {
        qWarning() << "cannot load" << id << account.error();
        return -1;
    }
    return account->state().balance;
}

/*! A local store in a file of \a dir, linked to \a upstream. */
struct Client
{
    Client(const QTemporaryDir &dir, const QString &name, const QString &upstream, const Domain &domain)
        : file(dir.filePath(name + QStringLiteral(".db")))
    {
        error = store.open(u"sqlite:" + file);
        if (!error.isError())
            error = link.link(&store, upstream, {QStringLiteral("account")});
        link.setDomain(domain);
    }
    QString file;
    EventStore store;
    SyncLink link;
    Error error;
};

/*! The count of events on the upstream of \a schema caused by command \a commandId. */
qint64 eventsOfCommand(Schema &schema, const QUuid &commandId)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event")) + u" WHERE causation_id = '"
                                   + commandId.toString(QUuid::WithoutBraces) + u"'")
        .toLongLong();
}


#ifdef EVENTED_TESTDB_SCRIPT
/*! Runs scripts/testdb.sh with \a command on the test server; true when it succeeded. */
bool testServer(const QString &command)
{
    QProcess script;
    script.start(QStringLiteral(EVENTED_TESTDB_SCRIPT), {command});
    if (!script.waitForFinished(60000) || script.exitCode() != 0) {
        qWarning() << "testdb.sh" << command << "failed:" << script.readAllStandardError();
        return false;
    }
    return true;
}
#endif

#ifdef EVENTEDCTL
/*! What a run of eventedctl gave. */
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

/*! Sets \a process up to run eventedctl on the store \a url with \a args, untranslated, with the
    build tree's plugins. */
void prepare(QProcess &process, const QString &url, const QStringList &args)
{
    process.setProgram(QStringLiteral(EVENTEDCTL));
    process.setArguments(QStringList{QStringLiteral("--plugin-path"), QStringLiteral(EVENTED_PLUGIN_DIR),
                                     QStringLiteral("--url"), url}
                         + args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EVENTED_PLUGIN_PATH"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
}

Run ctl(const QString &url, const QStringList &args)
{
    QProcess process;
    prepare(process, url, args);
    process.start();
    if (!process.waitForFinished(60'000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}
#endif

} // namespace

class tst_Sync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Domain m_domain = accounts();

    /*! An account with \a balance on the upstream \a server. */
    QUuid createAccount(EventStore &server, qint64 balance)
    {
        const QUuid id = QUuid::createUuid();
        const DomainResult created = m_domain.handle(server, QStringLiteral("account"), id, QStringLiteral("Create"), {});
        if (!created.isApplied())
            qWarning() << "Create failed:" << created.error << created.rejectionName;
        if (balance > 0) {
            const DomainResult deposited = m_domain.handle(server, QStringLiteral("account"), id, QStringLiteral("Deposit"),
                                                           {{QStringLiteral("amount"), balance}});
            if (!deposited.isApplied())
                qWarning() << "Deposit failed:" << deposited.error << deposited.rejectionName;
        }
        return id;
    }

private Q_SLOTS:
    void refusesWrongStores()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore postgres;
        VERIFY_OK(postgres.open(server.url()));
        SyncLink link;
        QCOMPARE(link.link(&postgres, server.url()).kind(), Error::Kind::InvalidArgument);

        EventStore local;
        VERIFY_OK(local.open(u"sqlite:" + m_dir.filePath(QStringLiteral("refuses.db"))));
        const Error notPostgres = link.link(&local, u"sqlite:" + m_dir.filePath(QStringLiteral("other.db")));
        QCOMPARE(notPostgres.kind(), Error::Kind::InvalidArgument);
        QCOMPARE(SyncLink::isLinked(&local).value(), false);
        QCOMPARE(link.attach(&local).kind(), Error::Kind::InvalidArgument);

        QVERIFY(!link.link(&local, server.url()).isError());
        const Error other = link.link(&local, server.url(), {QStringLiteral("account")});
        QCOMPARE(other.kind(), Error::Kind::InvalidArgument);
        QCOMPARE(SyncLink::isLinked(&local).value(), true);
    }

    // An event of a linked type written to the local store around the link clashes with the
    // upstream's: the sync fails, saying so, and writes nothing.
    void eventsAroundTheLinkClash()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 10);
        Client client(m_dir, QStringLiteral("around"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        QVERIFY(applied(m_domain.handle(client.store, QStringLiteral("account"), account, QStringLiteral("Create"), {})));
        const Result<SyncReport> clash = client.link.sync();
        QVERIFY(!clash);
        QCOMPARE(clash.error().kind(), Error::Kind::Database);
        QVERIFY2(clash.error().message().contains(QStringLiteral("other than through the sync link")),
                 qPrintable(clash.error().message()));
        QCOMPARE(EventLog(&client.store).stats()->events, 1);
        QCOMPARE(client.link.lastError(), clash.error().message());
    }

    // (a) Two clients offline withdraw 70 each from 100: the server accepts one.
    void twoOfflineClientsOneAccount()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 100);
        CuttableRelay relay(QUrl(server.url()).port());
        QVERIFY(relay.port());
        const QString viaRelay = throughPort(server.url(), relay.port());

        Client a(m_dir, QStringLiteral("a"), viaRelay, m_domain);
        Client b(m_dir, QStringLiteral("b"), viaRelay, m_domain);
        QVERIFY2(!a.error.isError(), qPrintable(a.error.message()));
        QVERIFY2(!b.error.isError(), qPrintable(b.error.message()));
        for (Client *client : {&a, &b}) {
            const Result<SyncReport> first = client->link.sync();
            QVERIFY2(first, qPrintable(first.error().message()));
            QCOMPARE(balanceOf(client->store, account), 100);
            QVERIFY(client->link.isOnline());
        }

        relay.cut();
        QSignalSpy offline(&a.link, &SyncLink::onlineChanged);
        for (Client *client : {&a, &b}) {
            const DomainResult local = client->link.handle(QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                                           {{QStringLiteral("amount"), 70}});
            QVERIFY2(local.isApplied(), qPrintable(local.error.message() + local.rejectionName));
            QCOMPARE(balanceOf(client->store, account), 30);
            QCOMPARE(client->link.pendingCount(), 1);
        }
        const Result<SyncReport> cutOff = a.link.sync();
        QVERIFY(!cutOff);
        QVERIFY2(cutOff.error().kind() == Error::Kind::ConnectionFailed || cutOff.error().kind() == Error::Kind::ConnectionLost,
                 qPrintable(cutOff.error().message()));
        QVERIFY(!a.link.isOnline());
        QCOMPARE(offline.count(), 1);
        QVERIFY(!a.link.lastError().isEmpty());
        QCOMPARE(a.link.pendingCount(), 1);

        relay.restore();
        QSignalSpy rejectedA(&a.link, &SyncLink::commandRejected);
        QSignalSpy rejectedB(&b.link, &SyncLink::commandRejected);
        const Result<SyncReport> syncedA = a.link.sync();
        QVERIFY2(syncedA, qPrintable(syncedA.error().message()));
        const Result<SyncReport> syncedB = b.link.sync();
        QVERIFY2(syncedB, qPrintable(syncedB.error().message()));
        QCOMPARE(syncedA->accepted + syncedB->accepted, 1);
        QCOMPARE(syncedA->rejected + syncedB->rejected, 1);
        QCOMPARE(syncedB->rejected, 1); // b pushed second
        QCOMPARE(rejectedA.count(), 0);
        QCOMPARE(rejectedB.count(), 1);
        const QVariantMap rejected = rejectedB.first().first().toMap();
        QCOMPARE(rejected.value(QStringLiteral("rejectionName")).toString(), QStringLiteral("InsufficientBalance"));
        QCOMPARE(rejected.value(QStringLiteral("rejection")).toMap().value(QStringLiteral("balance")).toLongLong(), 30);
        QCOMPARE(rejected.value(QStringLiteral("rejection")).toMap().value(QStringLiteral("amount")).toLongLong(), 70);
        QCOMPARE(rejected.value(QStringLiteral("command")).toString(), QStringLiteral("Withdraw"));
        QCOMPARE(rejected.value(QStringLiteral("entityId")).toUuid(), account);
        QCOMPARE(b.link.rejectedCommands().size(), 1);
        QCOMPARE(b.link.rejectedCommands().first().toMap(), rejected);
        QVERIFY(a.link.rejectedCommands().isEmpty());
        QCOMPARE(a.link.pendingCount(), 0);
        QCOMPARE(b.link.pendingCount(), 0);
        QVERIFY(b.link.lastSync().isValid());
        QVERIFY(b.link.lastError().isEmpty());

        QCOMPARE(balanceOf(upstream, account), 30);
        QCOMPARE(balanceOf(b.store, account), 30);
        VERIFY_SYNC(a.link); // a follows too, though it has seen the server's state already
        QCOMPARE(balanceOf(a.store, account), 30);
        for (Client *client : {&a, &b}) {
            const Result<QList<StoreProblem>> problems = EventLog(&client->store).verify();
            QVERIFY(problems);
            QVERIFY2(problems->isEmpty(), qPrintable(problems->isEmpty() ? QString() : problems->first().message));
        }
        // The events as the server stores them.
        QCOMPARE(EventLog(&b.store).stats()->events, EventLog(&upstream).stats()->events);

        const QUuid rejectedId = rejected.value(QStringLiteral("commandId")).toUuid();
        QCOMPARE(b.link.dismissRejected(rejectedId).value(), true);
        QVERIFY(b.link.rejectedCommands().isEmpty());
    }

    // A process that stopped between recording a command and completing its record: the next
    // sync pushes the command when the local store applied it, and passes over one it never did.
    void stoppedWhileDeciding()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 10);
        Client client(m_dir, QStringLiteral("deciding"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);

        const QUuid handled = QUuid::createUuid();
        const QUuid never = QUuid::createUuid();
        QSqlDatabase db = client.store.database();
        for (const QUuid &id : {handled, never})
            EXEC(db, u"INSERT INTO sync_command (command_id, position, type_name, entity_id, command, parameters, status) "
                     u"VALUES ('" + id.toString(QUuid::WithoutBraces) + u"', 100, 'account', '"
                     + account.toString(QUuid::WithoutBraces) + u"', 'Deposit', '{\"amount\":5}', 'deciding')");
        CommandOptions options;
        options.commandId = handled;
        QVERIFY(applied(m_domain.handle(client.store, QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                        {{QStringLiteral("amount"), 5}}, -1, options)));

        const Result<SyncReport> report = client.link.sync();
        QVERIFY2(report, qPrintable(report.error().message()));
        QCOMPARE(report->accepted, 1);
        QCOMPARE(report->withdrawn, 1);
        QCOMPARE(eventsOfCommand(server, handled), 1);
        QCOMPARE(eventsOfCommand(server, never), 0);
        QCOMPARE(balanceOf(upstream, account), 15);
        QCOMPARE(balanceOf(client.store, account), 15);
        QCOMPARE(client.link.pendingCount(), 0);
    }

    // (d) The same pending command pushed twice: applied once on the server.
    void pushedTwiceAppliedOnce()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 100);
        Client client(m_dir, QStringLiteral("twice"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        const DomainResult local = client.link.handle(QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                                      {{QStringLiteral("amount"), 10}});
        QVERIFY(applied(local));
        const QUuid commandId = local.events.first().causationId;
        VERIFY_SYNC(client.link);
        QCOMPARE(eventsOfCommand(server, commandId), 1);

        // Handled through the link again under its id: refused, not applied again locally.
        CommandOptions sameId;
        sameId.commandId = commandId;
        const DomainResult twice = client.link.handle(QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                                      {{QStringLiteral("amount"), 10}}, -1, sameId);
        QVERIFY(twice.isFailed());
        QCOMPARE(twice.error.kind(), Error::Kind::InvalidArgument);
        // A local rejection, and a type the link does not sync: nothing recorded.
        const DomainResult tooMuch = client.link.handle(QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                                        {{QStringLiteral("amount"), 1000}});
        QVERIFY(tooMuch.isRejected());
        QCOMPARE(tooMuch.rejectionName, QStringLiteral("InsufficientBalance"));
        const DomainResult otherType = client.link.handle(QStringLiteral("counter"), account, QStringLiteral("Increase"), {});
        QCOMPARE(otherType.error.kind(), Error::Kind::InvalidArgument);
        QCOMPARE(client.link.pendingCount(), 0);
        QCOMPARE(balanceOf(client.store, account), 90);

        // The local record loses its mark: the command is pending again and pushed again.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("twice"));
        db.setDatabaseName(client.file);
        QVERIFY(db.open());
        EXEC(db, QStringLiteral("UPDATE sync_command SET status = 'pending', synced_at = NULL"));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("twice"));
        QCOMPARE(SyncLink().attach(&client.store).kind(), Error::Kind::None);

        const Result<SyncReport> again = client.link.sync();
        QVERIFY2(again, qPrintable(again.error().message()));
        QCOMPARE(again->accepted, 1); // a repeat on the server
        QCOMPARE(eventsOfCommand(server, commandId), 1);
        QCOMPARE(balanceOf(upstream, account), 90);
        QCOMPARE(balanceOf(client.store, account), 90);
        QCOMPARE(EventLog(&client.store).stats()->events, EventLog(&upstream).stats()->events);
    }

    // (e) A client offline through 1,000 server events catches up in one sync; its projection
    // sees every event once, though a provisional event it had seen was withdrawn.
    void catchesUpWithProjection()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 1000);
        Client client(m_dir, QStringLiteral("catchup"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);

        VERIFY_OK(client.store.ensureTable(QStringLiteral("seen"),
                                           QStringLiteral("entity_id TEXT NOT NULL, version INTEGER NOT NULL, "
                                                          "PRIMARY KEY (entity_id, version)")));
        const QString seen = client.store.tableName(QStringLiteral("seen"));
        Projection projection(&client.store, QStringLiteral("seen"));
        projection.setPollInterval(50);
        projection.setHandler([seen](const RecordedEvent &event, QSqlDatabase &db) {
            QSqlQuery insert(db);
            insert.prepare(u"INSERT INTO " + seen + u" (entity_id, version) VALUES (?, ?)");
            insert.addBindValue(event.entityId.toString(QUuid::WithoutBraces));
            insert.addBindValue(event.version);
            insert.exec();
            return ListenerResult::check(insert); // an event seen twice fails here
        });
        projection.setResetHandler([seen](QSqlDatabase &db) {
            QSqlQuery clear(db);
            clear.exec(u"DELETE FROM " + seen);
            return ListenerResult::check(clear);
        });
        client.link.addProjection(&projection);
        projection.start();
        QSqlDatabase db = client.store.database();
        const auto seenCount = [&db, &seen] { return scalar(db, u"SELECT count(*) FROM " + seen).toLongLong(); };
        QTRY_COMPARE(seenCount(), 2);

        const DomainResult local = client.link.handle(QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                                      {{QStringLiteral("amount"), 1}});
        QVERIFY(applied(local));
        QTRY_COMPARE(seenCount(), 3); // the provisional event

        // Meanwhile, on the server: 999 more events; with the withdrawal decided after them, 1,000.
        for (int i = 0; i < 999; ++i)
            QVERIFY(applied(m_domain.handle(upstream, QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                            {{QStringLiteral("amount"), 1}})));
        const Result<SyncReport> report = client.link.sync();
        QVERIFY2(report, qPrintable(report.error().message()));
        QCOMPARE(report->rounds, 1);
        QCOMPARE(report->withdrawn, 1);
        QCOMPARE(report->pulled, 1000);
        QCOMPARE(balanceOf(client.store, account), 1000 + 999 - 1);
        QCOMPARE(balanceOf(client.store, account), balanceOf(upstream, account));
        QTRY_COMPARE_WITH_TIMEOUT(seenCount(), 1002, 20000);
        QCOMPARE(seenCount(), EventLog(&client.store).stats()->events);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM " + seen + u" WHERE version = 1002").toLongLong(), 1);
        QVERIFY(projection.state().status != ProjectionState::Status::Failed);
        projection.stop();
    }

    // (c) The connection cut in the middle of a sync: a typed error, offline, and the next sync
    // completes with each command applied once.
    void connectionCutMidSync()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 0);
        CuttableRelay relay(QUrl(server.url()).port());
        Client client(m_dir, QStringLiteral("cut"), throughPort(server.url(), relay.port()), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        for (int i = 1; i <= 20; ++i)
            QVERIFY(applied(client.link.handle(QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                               {{QStringLiteral("amount"), i}})));
        QCOMPARE(client.link.pendingCount(), 20);

        int pushed = 0;
        const QMetaObject::Connection cutting = connect(&client.link, &SyncLink::commandPushed, this, [&](const QUuid &, bool) {
            if (++pushed == 5)
                relay.cut();
        });
        const Result<SyncReport> cutOff = client.link.sync();
        disconnect(cutting);
        QVERIFY(!cutOff);
        const Error::Kind kind = cutOff.error().kind();
        QVERIFY2(kind == Error::Kind::ConnectionLost || kind == Error::Kind::CommitUnknown
                     || kind == Error::Kind::ConnectionFailed,
                 qPrintable(cutOff.error().message()));
        QVERIFY(!client.link.isOnline());
        QCOMPARE(client.link.pendingCount(), 15);
        QCOMPARE(balanceOf(client.store, account), 210); // provisional, all of it

        relay.restore();
        const Result<SyncReport> resumed = client.link.sync();
        QVERIFY2(resumed, qPrintable(resumed.error().message()));
        QVERIFY(client.link.isOnline());
        QCOMPARE(client.link.pendingCount(), 0);
        QCOMPARE(balanceOf(upstream, account), 210);
        QCOMPARE(balanceOf(client.store, account), 210);
        QCOMPARE(EventLog(&upstream).stats()->events, 21);
        QCOMPARE(EventLog(&client.store).stats()->events, 21);
    }

    // Automatic sync: offline while the relay is cut, everything kept; online and synced once
    // it is back.
    void autoSyncComesBack()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 100);
        CuttableRelay relay(QUrl(server.url()).port());
        Client client(m_dir, QStringLiteral("auto"), throughPort(server.url(), relay.port()), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        QVERIFY(client.link.isOnline());

        relay.cut();
        QVERIFY(applied(client.link.handle(QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                           {{QStringLiteral("amount"), 5}})));
        QSignalSpy lastError(&client.link, &SyncLink::lastErrorChanged);
        client.link.setAutoSync(50);
        QTRY_VERIFY(!client.link.isOnline());
        QTRY_VERIFY(lastError.count() > 0);
        QVERIFY(!client.link.lastError().isEmpty());
        QCOMPARE(client.link.pendingCount(), 1);
        QCOMPARE(balanceOf(client.store, account), 105);

        QSignalSpy synced(&client.link, &SyncLink::synced);
        relay.restore();
        QTRY_VERIFY(synced.count() > 0);
        client.link.setAutoSync(0);
        QVERIFY(client.link.isOnline());
        QCOMPARE(client.link.pendingCount(), 0);
        QVERIFY(client.link.lastError().isEmpty());
        QCOMPARE(balanceOf(upstream, account), 105);
        QCOMPARE(balanceOf(client.store, account), 105);
    }

#ifdef EVENTED_TESTDB_SCRIPT
    // (c) The server restarted in the middle of a sync: a typed error, offline; once it is
    // back, the next sync completes with each command applied once.
    void serverRestartedMidSync()
    {
        Schema server(Backend::PostgreSQL, {});
        QUuid account;
        {
            EventStore upstream;
            VERIFY_OK(upstream.open(server.url()));
            account = createAccount(upstream, 0);
        }
        Client client(m_dir, QStringLiteral("restart"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        for (int i = 1; i <= 20; ++i)
            QVERIFY(applied(client.link.handle(QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                               {{QStringLiteral("amount"), i}})));

        const auto restart = qScopeGuard([] { testServer(QStringLiteral("start")); });
        int pushed = 0;
        bool stopped = false;
        const QMetaObject::Connection stopping = connect(&client.link, &SyncLink::commandPushed, this, [&](const QUuid &, bool) {
            if (++pushed == 5)
                stopped = testServer(QStringLiteral("stop"));
        });
        const Result<SyncReport> broken = client.link.sync();
        disconnect(stopping);
        QVERIFY(stopped);
        QVERIFY(!broken);
        const Error::Kind kind = broken.error().kind();
        QVERIFY2(kind == Error::Kind::ConnectionLost || kind == Error::Kind::CommitUnknown
                     || kind == Error::Kind::ConnectionFailed,
                 qPrintable(broken.error().message()));
        QVERIFY(!client.link.isOnline());
        QCOMPARE(client.link.pendingCount(), 15);
        QVERIFY(!client.link.sync()); // still down

        QVERIFY(testServer(QStringLiteral("start")));
        server.db().close();
        QVERIFY(server.db().open());
        const Result<SyncReport> resumed = client.link.sync();
        QVERIFY2(resumed, qPrintable(resumed.error().message()));
        QVERIFY(client.link.isOnline());
        QCOMPARE(client.link.pendingCount(), 0);
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        QCOMPARE(balanceOf(upstream, account), 210);
        QCOMPARE(balanceOf(client.store, account), 210);
        QCOMPARE(eventCount(server), 21);
    }
#endif

#ifdef EVENTEDCTL
    // (b) eventedctl sync killed with SIGKILL after the first commands were accepted, then
    // resumed: each command applied once on the server, and the local store follows.
    void killedSyncResumes()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 0);
        Client client(m_dir, QStringLiteral("killed"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        constexpr int commands = 1000;
        for (int i = 0; i < commands; ++i)
            QVERIFY(applied(client.link.handle(QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                               {{QStringLiteral("amount"), 1}})));
        QCOMPARE(client.link.pendingCount(), commands);

        const auto serverEvents = [&server] { return eventCount(server); };
        QProcess sync;
        prepare(sync, u"sqlite:" + client.file, {QStringLiteral("sync")});
        sync.start();
        QVERIFY2(sync.waitForStarted(), qPrintable(sync.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(serverEvents() > 1 + 20, 30000);
        sync.kill();
        QVERIFY(sync.waitForFinished());
        QCOMPARE(sync.exitStatus(), QProcess::CrashExit);
        const qint64 beforeResume = serverEvents();
        QVERIFY2(beforeResume < 1 + commands, "the sync ended before it was killed");

        const Result<SyncReport> resumed = client.link.sync();
        QVERIFY2(resumed, qPrintable(resumed.error().message()));
        QCOMPARE(serverEvents(), 1 + commands);
        QCOMPARE(scalar(server.db(), u"SELECT count(*) FROM (SELECT causation_id FROM " + server.table(QStringLiteral("event"))
                                         + u" GROUP BY causation_id HAVING count(*) > 1) AS d")
                     .toLongLong(),
                 0);
        QCOMPARE(balanceOf(upstream, account), commands);
        QCOMPARE(balanceOf(client.store, account), commands);
        QCOMPARE(client.link.pendingCount(), 0);
        QCOMPARE(EventLog(&client.store).stats()->events, 1 + commands);
    }

    // Two syncs of one local store at once, one in the background here, one by eventedctl:
    // each command applied once on the server, and the local store holds its events once.
    void concurrentSyncsConverge()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 0);
        Client client(m_dir, QStringLiteral("concurrent"), server.url(), m_domain);
        QVERIFY2(!client.error.isError(), qPrintable(client.error.message()));
        VERIFY_SYNC(client.link);
        constexpr int commands = 300;
        for (int i = 0; i < commands; ++i)
            QVERIFY(applied(client.link.handle(QStringLiteral("account"), account, QStringLiteral("Deposit"),
                                               {{QStringLiteral("amount"), 1}})));

        QProcess other;
        prepare(other, u"sqlite:" + client.file, {QStringLiteral("sync")});
        other.start();
        QFuture<Result<SyncReport>> here = client.link.syncAsync();
        QVERIFY(client.link.isSyncing());
        QTRY_VERIFY_WITH_TIMEOUT(here.isFinished(), 60000);
        QVERIFY(other.waitForFinished(60000));
        QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());
        const Result<SyncReport> report = here.result();
        QVERIFY2(report, qPrintable(report.error().message()));
        QVERIFY(!client.link.isSyncing());

        QCOMPARE(eventCount(server), 1 + commands);
        QCOMPARE(scalar(server.db(), u"SELECT count(*) FROM (SELECT causation_id FROM " + server.table(QStringLiteral("event"))
                                         + u" GROUP BY causation_id HAVING count(*) > 1) AS d")
                     .toLongLong(),
                 0);
        QCOMPARE(EventLog(&client.store).stats()->events, 1 + commands);
        const Result<QList<StoreProblem>> problems = EventLog(&client.store).verify();
        QVERIFY(problems && problems->isEmpty());
        QCOMPARE(balanceOf(client.store, account), commands);
        QCOMPARE(client.link.pendingCount(), 0);
    }

    // eventedctl: link, send on the linked store, sync-status, and sync reporting a rejection.
    void eventedctlLinkSendSync()
    {
        Schema server(Backend::PostgreSQL, {});
        EventStore upstream;
        VERIFY_OK(upstream.open(server.url()));
        const QUuid account = createAccount(upstream, 100);
        const QString local = u"sqlite:" + m_dir.filePath(QStringLiteral("ctl.db"));
        const QString id = account.toString(QUuid::WithoutBraces);

        const Run refused = ctl(server.url(), {QStringLiteral("link"), server.url()});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("SQLite")), qPrintable(refused.err));

        const Run linked =
            ctl(local, {QStringLiteral("link"), server.url(), QStringLiteral("--types"), QStringLiteral("account")});
        QVERIFY2(linked.exitCode == 0, qPrintable(linked.err));
        const Run first = ctl(local, {QStringLiteral("sync")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(QStringLiteral("pulled 2 events")), qPrintable(first.out));

        const Run sent = ctl(local, {QStringLiteral("send"), QStringLiteral("account"), id, QStringLiteral("Withdraw"),
                                     QStringLiteral("{\"amount\": 70}")});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        const Run pending = ctl(local, {QStringLiteral("sync-status")});
        QVERIFY2(pending.exitCode == 0, qPrintable(pending.err));
        QVERIFY2(pending.out.contains(QStringLiteral("pending commands: 1")), qPrintable(pending.out));

        // Meanwhile the server's balance went down to 50: the withdrawal of 70 is rejected there.
        QVERIFY(applied(m_domain.handle(upstream, QStringLiteral("account"), account, QStringLiteral("Withdraw"),
                                        {{QStringLiteral("amount"), 50}})));
        const Run synced = ctl(local, {QStringLiteral("sync")});
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));
        QVERIFY2(synced.out.contains(QStringLiteral("rejected 1 commands")), qPrintable(synced.out));
        QVERIFY2(synced.out.contains(QStringLiteral("InsufficientBalance")), qPrintable(synced.out));
        const Run status = ctl(local, {QStringLiteral("sync-status")});
        QVERIFY2(status.out.contains(QStringLiteral("pending commands: 0")), qPrintable(status.out));
        QVERIFY2(status.out.contains(QStringLiteral("InsufficientBalance {\"amount\":70,\"balance\":50}")),
                 qPrintable(status.out));
        const Run state = ctl(local, {QStringLiteral("state"), QStringLiteral("account"), id});
        QVERIFY2(state.out.contains(QStringLiteral("\"balance\": 50")) || state.out.contains(QStringLiteral("\"balance\":50")),
                 qPrintable(state.out));
    }
#endif
};

QTEST_GUILESS_MAIN(tst_Sync)
#include "tst_sync.moc"
