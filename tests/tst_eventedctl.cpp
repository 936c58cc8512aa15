// eventedctl as scripts use it: commands, exit codes, export/import/copy across backends, verify,
// the commands over the domain plugins: plugins, state, send and run, and those over events of
// older shapes and snapshots: check-history, upgrade-events, snapshots, snapshot, snapshot-clear;
// commands over two entities, command ids, correlation and read-your-writes: send's
// --command-id, --correlation-id and --wait-for, events --correlation and --command, commands-prune.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cctype>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

constexpr int timeoutMs = 20'000;

/*! Sets \a process up to run eventedctl with \a args: untranslated, no store or plugins from the environment. */
void prepare(QProcess &process, const QStringList &args)
{
    process.setProgram(QStringLiteral(EVENTEDCTL));
    process.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EVENTED_URL"));
    env.remove(QStringLiteral("EVENTED_PLUGIN_PATH"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
}

/*! Runs eventedctl with \a args, feeding \a input to its standard input. */
Run ctl(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    prepare(process, args);
    process.start();
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120'000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

/*! Fills a store: counters, and a journal with metadata and several events per command. */
bool fill(const QString &url, int counters)
{
    EventStore store;
    if (!succeeded(store.open(url)))
        return false;
    for (int c = 0; c < counters; ++c) {
        auto counter = store.load<Counter>(QUuid::createUuid());
        for (quint64 n = 1; n <= 3; ++n) {
            if (!succeeded(store.handle(counter.value(), Increase{n * 10})))
                return false;
        }
        if (!succeeded(store.handle(counter.value(), Decrease{5})))
            return false;
    }
    return true;
}

const QString pluginDir = QStringLiteral(EVENTED_PLUGIN_DIR);

/*! \a args as eventedctl's arguments: u"…" literals and QStrings alike. */
QStringList arguments(std::initializer_list<QStringView> args)
{
    QStringList list;
    for (const QStringView arg : args)
        list.append(arg.toString());
    return list;
}

/*! The global options that give eventedctl the build tree's plugins and the store of \a schema. */
QStringList withPlugins(const Schema &schema)
{
    return arguments({u"--plugin-path", pluginDir, u"--url", schema.url()});
}

/*! The lines of \a text, without the last line break. */
QList<QByteArray> lines(const QByteArray &text)
{
    return text.isEmpty() ? QList<QByteArray>() : text.chopped(text.endsWith('\n') ? 1 : 0).split('\n');
}

/*! The balance of account \a id in the account projection's table, or -1 when it has no row. */
qint64 balance(Schema &schema, const QString &id)
{
    const QString table = schema.table(QStringLiteral("account"));
    const QVariant value = scalar(schema.db(), u"SELECT balance FROM " + table + u" WHERE id = '" + id + u'\'');
    return value.isValid() ? value.toLongLong() : -1;
}

/*!
    Writes an event behind the store's back, as an older build stored it: \a event (JSON text,
    without single quotes) at entity version \a version, with \a eventVersion, or without one
    (version 1) when it is 0. Returns its seq_no, or 0 when the insert failed.
*/
qint64 insertEvent(Schema &schema, const QString &type, const QString &id, qint64 version, const QString &event,
                   int eventVersion = 0)
{
    const QString table = schema.table(QStringLiteral("event"));
    QSqlQuery query(schema.db());
    const QString sql = u"INSERT INTO " + table
        + QStringLiteral(" (entity_id, version, type_name, event, metadata, event_version) VALUES ('%1', %2, '%3', '%4', 'null', %5)")
              .arg(id)
              .arg(version)
              .arg(type, event, eventVersion > 0 ? QString::number(eventVersion) : QStringLiteral("NULL"));
    if (!query.exec(sql))
        return 0;
    return scalar(schema.db(), u"SELECT max(seq_no) FROM " + table).toLongLong();
}

/*! An account's Withdrawn event as the first build stored it: Debited is its current name. */
QString withdrawn(const QString &id, qint64 amount)
{
    return QStringLiteral(R"({"Withdrawn": {"id": "%1", "amount": %2}})").arg(id).arg(amount);
}

/*! The account events of \a schema whose stored text contains \a text. */
qint64 storedContaining(Schema &schema, const QString &text)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))
                                   + u" WHERE CAST(event AS TEXT) LIKE '%" + text + u"%'")
        .toLongLong();
}

/*! The first line of \a text that, with its spaces collapsed, starts with \a start; so collapsed, or empty when none does. */
QByteArray lineStarting(const QByteArray &text, const QByteArray &start)
{
    for (const QByteArray &line : lines(text)) {
        if (line.simplified().startsWith(start))
            return line.simplified();
    }
    return {};
}

/*! An eventedctl run in the background, with what it printed so far. */
struct Host
{
    QProcess process;
    QByteArray output;

    explicit Host(const QStringList &args)
    {
        prepare(process, args);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start();
    }
    ~Host()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
    /*! True once the output contains \a text. */
    bool printed(const char *text)
    {
        output += process.readAllStandardOutput();
        return output.contains(text);
    }
    /*! Stops it with SIGTERM; its exit code, or -1 when it did not exit normally. */
    int terminate()
    {
        process.terminate();
        if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
            return -1;
        output += process.readAllStandardOutput();
        return process.exitCode();
    }
};

} // namespace

class tst_EventedCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void usageAndErrors()
    {
        Schema store(Backend::SQLite, {});
        QVERIFY(fill(store.url(), 1));
        const QStringList url = {QStringLiteral("--url"), store.url()};
        QCOMPARE(ctl({}).exitCode, 2);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(ctl({QStringLiteral("stats")}).exitCode, 2); // no store
        QCOMPARE(ctl(url + QStringList{QStringLiteral("stats"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("events"), QStringLiteral("--from"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("events"), QStringLiteral("--entity"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("copy")}).exitCode, 2);

        const QStringList all = {QStringLiteral("migrate"), QStringLiteral("stats"), QStringLiteral("entities"),
                                 QStringLiteral("events"), QStringLiteral("projections"), QStringLiteral("projection-reset"),
                                 QStringLiteral("parked"), QStringLiteral("rebuild"), QStringLiteral("export"), QStringLiteral("import"), QStringLiteral("copy"),
                                 QStringLiteral("verify"), QStringLiteral("commands-prune"), QStringLiteral("plugins"), QStringLiteral("state"),
                                 QStringLiteral("send"), QStringLiteral("run"), QStringLiteral("check-history"),
                                 QStringLiteral("upgrade-events"), QStringLiteral("snapshots"), QStringLiteral("snapshot"),
                                 QStringLiteral("snapshot-clear")};
        const QStringList withDomains = {QStringLiteral("events"),        QStringLiteral("export"),
                                         QStringLiteral("projections"),   QStringLiteral("parked"),
                                         QStringLiteral("rebuild"),
                                         QStringLiteral("state"),         QStringLiteral("send"),
                                         QStringLiteral("run"),           QStringLiteral("check-history"),
                                         QStringLiteral("upgrade-events"), QStringLiteral("snapshots"),
                                         QStringLiteral("snapshot")};
        const Run help = ctl({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--plugin-path <DIR>"));
        for (const QString &command : all) {
            QVERIFY2(help.out.contains(command.toUtf8()), qPrintable(command));
            const Run commandHelp = ctl({command, QStringLiteral("--help")});
            QCOMPARE(commandHelp.exitCode, 0);
            QByteArray globals = "[--url URL] ";
            if (command == u"plugins")
                globals = "[--plugin-path DIR] ";
            else if (withDomains.contains(command))
                globals += "[--plugin-path DIR] ";
            const QByteArray usageLine = "Usage: eventedctl " + globals + command.toUtf8();
            QVERIFY2(commandHelp.out.contains(usageLine), commandHelp.out.constData());
        }

        // One clear line on standard error, exit 1.
        auto oneLine = [](const Run &run, const char *what) {
            return run.exitCode == 1 && run.err.trimmed().count('\n') == 0 && run.err.contains(what);
        };
        QTemporaryDir dir;
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), u"sqlite:" + dir.filePath(QStringLiteral("none.db")), QStringLiteral("stats")}),
                        "no such database file"));
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), QStringLiteral("mysql://x/y"), QStringLiteral("stats")}), "scheme"));
        QUrl wrong(serverUrl());
        wrong.setPassword(QStringLiteral("wrong"));
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), wrong.toString(), QStringLiteral("stats")}), "password"));
        QUrl missing(serverUrl());
        missing.setPath(QStringLiteral("/nosuchdb"));
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), missing.toString(), QStringLiteral("stats")}), "nosuchdb"));
        QFile garbage(dir.filePath(QStringLiteral("garbage.db")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, 'x'));
        garbage.close();
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), u"sqlite:" + garbage.fileName(), QStringLiteral("stats")}), "not a database"));
        // A store that was never migrated is not changed by reading it.
        Schema bare(Backend::PostgreSQL, {});
        QVERIFY(oneLine(ctl({QStringLiteral("--url"), bare.url(), QStringLiteral("stats")}), "migration"));
        QCOMPARE(scalar(bare.db(), u"SELECT count(*) FROM pg_namespace WHERE nspname = '" + bare.name() + u'\'').toInt(), 0);
    }

    void listings_data() { addBackendRows(); }
    void listings()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        QVERIFY(fill(schema.url(), 2));
        const QStringList url = {QStringLiteral("--url"), schema.url()};
        const Run stats = ctl(url + QStringList{QStringLiteral("stats")});
        QCOMPARE(stats.exitCode, 0);
        QVERIFY2(stats.out.contains("counter  8       2"), stats.out.constData());
        QVERIFY(stats.out.contains("head seq_no: 8"));

        const Run entities = ctl(url + QStringList{QStringLiteral("entities"), QStringLiteral("--type"), QStringLiteral("counter")});
        QCOMPARE(entities.exitCode, 0);
        QCOMPARE(entities.out.trimmed().split('\n').size(), 3);

        const Run decreased = ctl(url + QStringList{QStringLiteral("events"), QStringLiteral("--event"), QStringLiteral("Decreased"), QStringLiteral("--json")});
        QCOMPARE(decreased.exitCode, 0);
        const QList<QByteArray> lines = decreased.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray &line : lines)
            QCOMPARE(EventLog::fromJsonLine(line)->eventName, QStringLiteral("Decreased"));

        const Run range = ctl(url + QStringList{QStringLiteral("events"), QStringLiteral("--from"), QStringLiteral("3"), QStringLiteral("--to"), QStringLiteral("5"), QStringLiteral("--json")});
        QCOMPARE(range.out.trimmed().split('\n').size(), 3);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("projections")}).exitCode, 0);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("verify")}).exitCode, 0);
    }

    void roundTripIsByteIdentical()
    {
        // SQLite -> PostgreSQL -> SQLite with copy; every export gives the same bytes.
        Schema first(Backend::SQLite, {});
        Schema middle(Backend::PostgreSQL, {});
        Schema last(Backend::SQLite, {});
        QVERIFY(fill(first.url(), 30));
        const Run exported = ctl({QStringLiteral("--url"), first.url(), QStringLiteral("export")});
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(exported.out.count('\n'), 120);

        QCOMPARE(ctl({QStringLiteral("--url"), first.url(), QStringLiteral("copy"), QStringLiteral("--to"), middle.url()}).exitCode, 0);
        QCOMPARE(ctl({QStringLiteral("--url"), middle.url(), QStringLiteral("copy"), QStringLiteral("--to"), last.url()}).exitCode, 0);
        QCOMPARE(ctl({QStringLiteral("--url"), middle.url(), QStringLiteral("export")}).out, exported.out);
        QCOMPARE(ctl({QStringLiteral("--url"), last.url(), QStringLiteral("export")}).out, exported.out);

        // The copy can go on: new events after a copy are copied once, the old ones not again.
        QVERIFY(fill(first.url(), 1));
        const Run again = ctl({QStringLiteral("--url"), first.url(), QStringLiteral("copy"), QStringLiteral("--to"), middle.url()});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("copied 4 events"), again.out.constData());
        QCOMPARE(eventCount(middle), 124);
        // New commands on the copy continue after the imported seq_no values.
        EventStore store;
        EVENTED_VERIFY_OK(store.open(middle.url()));
        auto counter = store.load<Counter>(QUuid::createUuid());
        const auto applied = store.handle(counter.value(), Increase{1});
        EVENTED_VERIFY_OK(applied);
        QCOMPARE(applied.events().first().seqNo, 125);
    }

    void importIsAllOrNothingAndIdempotent_data() { addBackendRows(); }
    void importIsAllOrNothingAndIdempotent()
    {
        QFETCH(Backend, backend);
        Schema source(Backend::SQLite, {}); // an SQLite store's export, imported on each backend
        QVERIFY(fill(source.url(), 5));
        const QByteArray lines = ctl({QStringLiteral("--url"), source.url(), QStringLiteral("export")}).out;
        QList<QByteArray> split = lines.split('\n');
        split.removeAll(QByteArray());
        QCOMPARE(split.size(), 20);

        Schema target(backend, {});
        const QStringList url = {QStringLiteral("--url"), target.url()};
        // A malformed line: nothing is written, and the error names the line.
        QByteArray broken = split.mid(0, 4).join('\n') + "\n{\"seq_no\": 5, \"type_name\": \n" + split.mid(5).join('\n');
        const Run refused = ctl(url + QStringList{QStringLiteral("import")}, broken);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("line 5"), refused.err.constData());
        QCOMPARE(eventCount(target), 0);

        // Interrupted half-way (the first half is in), then run again in full.
        QCOMPARE(ctl(url + QStringList{QStringLiteral("import")}, split.mid(0, 10).join('\n')).exitCode, 0);
        QCOMPARE(eventCount(target), 10);
        const Run full = ctl(url + QStringList{QStringLiteral("import")}, lines);
        QCOMPARE(full.exitCode, 0);
        QVERIFY2(full.out.contains("imported 10 of 20"), full.out.constData());
        const Run twice = ctl(url + QStringList{QStringLiteral("import")}, lines);
        QVERIFY2(twice.out.contains("imported 0 of 20"), twice.out.constData());
        QCOMPARE(eventCount(target), 20);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("export")}).out, lines);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("verify")}).exitCode, 0);
    }

    void verifyFindsBrokenRows_data() { addBackendRows(); }
    void verifyFindsBrokenRows()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        QVERIFY(fill(schema.url(), 2));
        const QString event = schema.table(QStringLiteral("event"));
        EXEC(schema.db(), u"DELETE FROM " + event + u" WHERE seq_no = 2"); // a gap: version 3 follows 1
        EXEC(schema.db(), u"UPDATE " + event + u" SET event = '[1, 2]' WHERE seq_no = 6");
        QList<const char *> expected = {"seq_no 3: counter", "seq_no 6: the event is not externally tagged"};
        if (backend == Backend::SQLite) { // only a text column can hold what is not JSON
            EXEC(schema.db(), u"UPDATE " + event + u" SET event = '{\"Increased\": ' WHERE seq_no = 5");
            EXEC(schema.db(), u"UPDATE " + event + u" SET metadata = 'nope' WHERE seq_no = 7");
            expected << "seq_no 5: the stored event is not valid JSON" << "seq_no 7: the stored metadata";
        }
        const Run verify = ctl({QStringLiteral("--url"), schema.url(), QStringLiteral("verify")});
        QCOMPARE(verify.exitCode, 1);
        for (const char *problem : std::as_const(expected))
            QVERIFY2(verify.out.contains(problem), verify.out.constData());
        QVERIFY2(verify.out.contains(QByteArray("problems found: " + QByteArray::number(expected.size()))), verify.out.constData());
    }

    void projectionReset_data() { addBackendRows(); }
    void projectionReset()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        QVERIFY(fill(schema.url(), 1));
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" (name, seq_no) VALUES ('p', 4)");
        const QStringList url = {QStringLiteral("--url"), schema.url()};
        const QList<QByteArray> listed = lines(ctl(url + QStringList{QStringLiteral("projections")}).out);
        QVERIFY(std::any_of(listed.cbegin(), listed.cend(),
                            [](const QByteArray &line) { return line.simplified().startsWith("p 4 "); }));
        QCOMPARE(ctl(url + QStringList{QStringLiteral("projection-reset"), QStringLiteral("p")}).exitCode, 0);
        QCOMPARE(scalar(schema.db(), u"SELECT seq_no FROM " + schema.table(QStringLiteral("projection"))).toInt(), 0);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("projection-reset")}).exitCode, 2);
    }

    void pluginsListing()
    {
        QTemporaryDir other;
        QFile fake(other.filePath(QStringLiteral("libfake.so")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not a shared library\n");
        fake.close();
        // No store is needed to list the plugins.
        const Run listed = ctl(arguments({u"--plugin-path", other.path(), u"--plugin-path", pluginDir, u"plugins"}));
        QCOMPARE(listed.exitCode, 0);
        QByteArray fakeLine;
        QByteArray accountsLine;
        for (const QByteArray &line : lines(listed.out)) {
            if (line.contains("libfake.so"))
                fakeLine = line.simplified();
            if (line.contains("libevented-accounts-plugin.so"))
                accountsLine = line.simplified();
        }
        QVERIFY2(fakeLine.contains("not a domain plugin"), listed.out.constData());
        QVERIFY2(accountsLine.endsWith("accounts loaded account account"), listed.out.constData());
        // The commands, with their parameters' defaults, and where plugins were looked for.
        QVERIFY2(listed.out.contains(R"(account  Withdraw     {"amount":0})"), listed.out.constData());
        QVERIFY(listed.out.contains(R"(user     Register     {"email":"","name":""})"));
        QVERIFY(listed.out.contains(QByteArray("searched: " + QDir(other.path()).canonicalPath().toUtf8())));
    }

    void stateAndSend_data() { addBackendRows(); }
    void stateAndSend()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto send = [&](const QStringList &args) { return ctl(url + arguments({u"send", u"account", id}) + args); };
        const auto state = [&](const QStringList &args) { return ctl(url + arguments({u"state", u"account", id}) + args); };

        // Applied: the new events as JSON lines.
        const Run created = send(arguments({u"Create"}));
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(lines(created.out).size(), 1);
        QCOMPARE(EventLog::fromJsonLine(created.out.trimmed())->eventName, QStringLiteral("Created"));
        const Run deposited = send(arguments({u"Deposit", uR"({"amount": 100})"}));
        QCOMPARE(deposited.exitCode, 0);
        const auto event = EventLog::fromJsonLine(deposited.out.trimmed());
        QCOMPARE(event->eventName, QStringLiteral("Deposited"));
        QCOMPARE(event->version, 2);

        // Rejected: exit 1, the rejection with its fields on standard error, nothing written.
        const Run rejected = send(arguments({u"Withdraw", uR"({"amount": 500})"}));
        QCOMPARE(rejected.exitCode, 1);
        QVERIFY(rejected.out.isEmpty());
        QVERIFY2(rejected.err.contains(R"(rejected: InsufficientBalance {"amount":500,"balance":100})"),
                 rejected.err.constData());
        QCOMPARE(eventCount(schema), 2);

        // Failed: a version conflict, an unknown parameter, an unknown command or type.
        const Run conflict = send(arguments({u"Deposit", uR"({"amount": 1})", u"--expect-version", u"1"}));
        QCOMPARE(conflict.exitCode, 1);
        QVERIFY2(conflict.err.contains("version conflict"), conflict.err.constData());
        QCOMPARE(send(arguments({u"Deposit", uR"({"amount": 1})", u"--expect-version", u"2"})).exitCode, 0);
        QVERIFY(send(arguments({u"Deposit", uR"({"sum": 1})"})).err.contains("no parameter sum"));
        const Run unknownCommand = send(arguments({u"Close"}));
        QCOMPARE(unknownCommand.exitCode, 1);
        QVERIFY2(unknownCommand.err.contains("(known: Create, Deposit, Withdraw, Transfer)"), unknownCommand.err.constData());
        QCOMPARE(ctl(url + arguments({u"send", u"nosuchtype", id, u"Create"})).exitCode, 1);
        QCOMPARE(eventCount(schema), 3);

        // Usage errors: malformed parameters, a bad id or version.
        const Run malformed = send(arguments({u"Deposit", uR"({"amount": )"}));
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY2(malformed.err.contains("not valid JSON"), malformed.err.constData());
        QCOMPARE(send(arguments({u"Deposit", u"[1]"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"send", u"account", u"x", u"Create"})).exitCode, 2);
        QCOMPARE(send(arguments({u"Deposit", u"{}", u"--expect-version", u"x"})).exitCode, 2);
        QCOMPARE(eventCount(schema), 3);

        // The state after all events, and after version 1.
        const Run now = state({});
        QCOMPARE(now.exitCode, 0);
        QList<QByteArray> shown = lines(now.out);
        QCOMPARE(shown.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(shown.at(0)).object(),
                 QJsonObject({{QStringLiteral("open"), true}, {QStringLiteral("balance"), 101}, {QStringLiteral("currency"), QStringLiteral("EUR")}}));
        QCOMPARE(shown.at(1), "version 3");
        shown = lines(state(arguments({u"--version", u"1"})).out);
        QCOMPARE(QJsonDocument::fromJson(shown.at(0)).object(),
                 QJsonObject({{QStringLiteral("open"), true}, {QStringLiteral("balance"), 0}, {QStringLiteral("currency"), QString()}}));
        QCOMPARE(shown.at(1), "version 1");
        const Run unknownType = ctl(url + arguments({u"state", u"nosuchtype", id}));
        QCOMPARE(unknownType.exitCode, 1);
        QVERIFY2(unknownType.err.contains("nosuchtype (known: account, counter, user)"), unknownType.err.constData());
        QCOMPARE(state(arguments({u"--version", u"-1"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"state", u"account", u"x"})).exitCode, 2);

        // send sets the domains up first: the users' unique address is checked.
        const QString ann = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QStringView registration = uR"({"email": "ann@example.org", "name": "Ann"})";
        QCOMPARE(ctl(url + arguments({u"send", u"user", ann, u"Register", registration})).exitCode, 0);
        const Run taken = ctl(url + arguments({u"send", u"user", other, u"Register", registration}));
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("listener failed"), taken.err.constData());
        QVERIFY2(taken.err.trimmed().count('\n') == 0, taken.err.constData());
        QCOMPARE(lines(ctl(url + arguments({u"state", u"user", other})).out).value(1), "version 0");
    }

    void transfers_data() { addBackendRows(); }
    void transfers()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        const QString a = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString b = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString nobody = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto send = [&](const QString &id, const QStringList &args) {
            return ctl(url + arguments({u"send", u"account", id}) + args);
        };
        const auto transfer = [](const QString &to, qint64 amount) {
            return QStringLiteral(R"({"to": "%1", "amount": %2})").arg(to).arg(amount);
        };
        const auto balanceOf = [&](const QString &id) {
            return QJsonDocument::fromJson(lines(ctl(url + arguments({u"state", u"account", id})).out).value(0))
                .object()
                .value(QStringLiteral("balance"))
                .toInteger(-1);
        };
        QCOMPARE(send(a, arguments({u"Create"})).exitCode, 0);
        QCOMPARE(send(b, arguments({u"Create"})).exitCode, 0);
        QCOMPARE(send(a, arguments({u"Deposit", uR"({"amount": 100})"})).exitCode, 0);

        // Applied: one event on each account, of one command and one correlation.
        const Run moved = send(a, arguments({u"Transfer", transfer(b, 30)}));
        QCOMPARE(moved.exitCode, 0);
        const QList<QByteArray> movedLines = lines(moved.out);
        QCOMPARE(movedLines.size(), 2);
        // In seq_no order, which follows the entities' order (type name, then id).
        const bool senderFirst = QUuid::fromString(a) < QUuid::fromString(b);
        const auto debited = EventLog::fromJsonLine(movedLines.at(senderFirst ? 0 : 1));
        const auto deposited = EventLog::fromJsonLine(movedLines.at(senderFirst ? 1 : 0));
        QVERIFY(debited && deposited);
        QVERIFY(deposited->seqNo == debited->seqNo + (senderFirst ? 1 : -1));
        QCOMPARE(debited->eventName, QStringLiteral("Debited"));
        QCOMPARE(debited->entityId, QUuid::fromString(a));
        QCOMPARE(debited->version, 3);
        QCOMPARE(deposited->eventName, QStringLiteral("Deposited"));
        QCOMPARE(deposited->entityId, QUuid::fromString(b));
        QCOMPARE(deposited->version, 2);
        QVERIFY(!debited->causationId.isNull() && !debited->correlationId.isNull());
        QCOMPARE(deposited->causationId, debited->causationId);
        QCOMPARE(deposited->correlationId, debited->correlationId);
        QCOMPARE(balanceOf(a), 70);
        QCOMPARE(balanceOf(b), 30);

        // Rejected: exit 1, the rejection on standard error, nothing written.
        const auto rejected = [&](const QString &from, const QString &parameters, const QByteArray &why) {
            const Run run = send(from, arguments({u"Transfer", parameters}));
            return run.exitCode == 1 && run.out.isEmpty() && run.err.contains(QByteArray("rejected: " + why));
        };
        QVERIFY(rejected(a, transfer(a, 10), "SameAccount"));
        QVERIFY(rejected(a, transfer(nobody, 10), QByteArray("RecipientNotOpen {\"to\":\"" + nobody.toUtf8() + "\"}")));
        QVERIFY(rejected(a, transfer(b, 0), R"(InvalidAmount {"amount":0})"));
        QVERIFY(rejected(a, transfer(b, 500), R"(InsufficientBalance {"amount":500,"balance":70})"));
        QVERIFY(rejected(nobody, transfer(b, 10), "NotCreated"));
        QCOMPARE(eventCount(schema), 5);
        QCOMPARE(lines(ctl(url + arguments({u"state", u"account", nobody})).out).value(1), "version 0");

        // A command id: handled once; sent again it prints the same lines, exit 0, and appends nothing.
        const QString command = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString correlation = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QStringList once = arguments({u"Transfer", transfer(b, 10), u"--command-id", command,
                                            u"--correlation-id", correlation});
        const Run first = send(a, once);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(!first.err.contains("handled before"), first.err.constData());
        QCOMPARE(lines(first.out).size(), 2);
        for (const QByteArray &line : lines(first.out)) {
            const auto event = EventLog::fromJsonLine(line);
            QCOMPARE(event->causationId, QUuid::fromString(command));
            QCOMPARE(event->correlationId, QUuid::fromString(correlation));
        }
        const Run repeat = send(a, once);
        QCOMPARE(repeat.exitCode, 0);
        QCOMPARE(repeat.out, first.out);
        QVERIFY2(repeat.err.contains("was handled before: nothing was appended"), repeat.err.constData());
        QCOMPARE(eventCount(schema), 7);
        QCOMPARE(balanceOf(a), 60);
        QCOMPARE(balanceOf(b), 40);
        // Even with other parameters: the id names the command.
        QCOMPARE(send(a, arguments({u"Transfer", transfer(b, 1), u"--command-id", command})).out, first.out);
        QCOMPARE(eventCount(schema), 7);

        // The events of a command and of a correlation.
        QCOMPARE(ctl(url + arguments({u"events", u"--command", command, u"--json"})).out, first.out);
        QCOMPARE(ctl(url + arguments({u"events", u"--correlation", correlation, u"--json"})).out, first.out);
        const QString firstCommand = debited->causationId.toString(QUuid::WithoutBraces);
        const Run byCommand = ctl(url + arguments({u"events", u"--command", firstCommand}));
        QCOMPARE(byCommand.exitCode, 0);
        QCOMPARE(lines(byCommand.out).size(), 3); // the header and the two events
        QCOMPARE(lines(byCommand.out).at(senderFirst ? 1 : 2).simplified().split(' ').value(4), "Debited");
        QCOMPARE(lines(byCommand.out).at(senderFirst ? 2 : 1).simplified().split(' ').value(4), "Deposited");
        QCOMPARE(lines(ctl(url + arguments({u"events", u"--correlation", QUuid::createUuid().toString()})).out).size(), 1);
        QCOMPARE(ctl(url + arguments({u"events", u"--command", u"x"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"events", u"--correlation", u"x"})).exitCode, 2);

        // Usage errors of send's new options.
        QCOMPARE(send(a, arguments({u"Deposit", uR"({"amount": 1})", u"--command-id", u"x"})).exitCode, 2);
        QCOMPARE(send(a, arguments({u"Deposit", uR"({"amount": 1})", u"--correlation-id", u"x"})).exitCode, 2);
        QCOMPARE(send(a, arguments({u"Deposit", uR"({"amount": 1})", u"--timeout", u"5"})).exitCode, 2);
        QCOMPARE(send(a, arguments({u"Deposit", uR"({"amount": 1})", u"--wait-for", u"account", u"--timeout", u"x"})).exitCode, 2);
        QCOMPARE(eventCount(schema), 7);

        // commands-prune: the records of the commands handled before the age given.
        const QStringList prune = arguments({u"--url", schema.url(), u"commands-prune"});
        const Run none = ctl(prune + arguments({u"--older-than", u"30d"}));
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(none.out.contains("command records deleted: 0"), none.out.constData());
        for (const QStringView wrong : {u"30", u"30x", u"-1d", u"d", u"1.5h", u""}) {
            const Run refused = ctl(prune + arguments({u"--older-than", wrong}));
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains("30d, 12h, 90m or 45s"), refused.err.constData());
        }
        QCOMPARE(ctl(prune).exitCode, 2);
        for (const QStringView fine : {u"12h", u"90m", u"45s"})
            QCOMPARE(ctl(prune + arguments({u"--older-than", fine})).exitCode, 0);
        QTest::qWait(20); // a record handled within the same millisecond is not older than it
        const Run pruned = ctl(prune + arguments({u"--older-than", u"0s"}));
        QCOMPARE(pruned.exitCode, 0);
        QVERIFY2(pruned.out.contains("command records deleted: 1"), pruned.out.constData());
        // Its record gone, the command is handled again.
        const Run again = send(a, once);
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out != first.out);
        QCOMPARE(eventCount(schema), 9);
        QCOMPARE(balanceOf(a), 50);
    }

    void sendWaitsForProjection_data() { addBackendRows(); }
    void sendWaitsForProjection()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        const QString a = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString b = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", a, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", b, u"Create"})).exitCode, 0);

        // No projection of that name handles anything: the timeout, exit 1, the events printed.
        const Run late = ctl(url + arguments({u"send", u"account", a, u"Deposit", uR"({"amount": 100})", u"--wait-for",
                                              u"account", u"--timeout", u"300"}));
        QCOMPARE(late.exitCode, 1);
        QCOMPARE(lines(late.out).size(), 1);
        QVERIFY2(late.err.contains("the projection account has not handled event 3 within 300 ms"), late.err.constData());

        // With the projection running in another process, the view has the command's events on return.
        Host host(url + arguments({u"run", u"--projection", u"account"}));
        QTRY_VERIFY_WITH_TIMEOUT(host.printed("account: live"), timeoutMs);
        const Run moved = ctl(url + arguments({u"send", u"account", a, u"Transfer",
                                               QStringLiteral(R"({"to": "%1", "amount": 40})").arg(b), u"--wait-for",
                                               u"account"}));
        QCOMPARE(moved.exitCode, 0);
        QCOMPARE(balance(schema, a), 60);
        QCOMPARE(balance(schema, b), 40);
        QCOMPARE(host.terminate(), 0);
    }

    void olderShapes_data() { addBackendRows(); }
    void olderShapes()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Deposit", uR"({"amount": 100})"})).exitCode, 0);
        // Stored by the first build: Withdrawn, without event_version.
        const qint64 seqNo = insertEvent(schema, QStringLiteral("account"), id, 3, withdrawn(id, 30));
        QVERIFY(seqNo > 0);

        // events shows the current shape: Debited, with the currency version 1 implies.
        const Run json = ctl(url + arguments({u"events", u"--json", u"--entity", id}));
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(lines(json.out).size(), 3);
        const auto debited = EventLog::fromJsonLine(lines(json.out).at(2));
        QVERIFY(debited);
        QCOMPARE(debited->eventName, QStringLiteral("Debited"));
        QCOMPARE(debited->eventVersion, 2);
        QCOMPARE(debited->event[u"Debited"][u"currency"].toString(), QStringLiteral("EUR"));
        QCOMPARE(debited->event[u"Debited"][u"amount"].toInteger(), 30);
        const Run table = ctl(url + arguments({u"events"}));
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(lineStarting(table.out, QByteArray::number(seqNo) + ' ').split(' ').value(4) == "Debited", table.out.constData());
        const Run stored = ctl(url + arguments({u"events", u"--stored"}));
        QVERIFY2(lineStarting(stored.out, QByteArray::number(seqNo) + ' ').split(' ').value(4) == "Withdrawn", stored.out.constData());

        // export keeps the stored bytes; --upcast writes the current shapes and versions.
        const Run exported = ctl(url + arguments({u"export"}));
        QCOMPARE(exported.exitCode, 0);
        const QByteArray storedLine = lines(exported.out).value(2);
        QVERIFY2(storedLine.contains(R"("event":{"Withdrawn":{"amount":30,)"), storedLine.constData());
        QVERIFY(!storedLine.contains("event_version"));
        const Run upcast = ctl(url + arguments({u"export", u"--upcast"}));
        QCOMPARE(upcast.exitCode, 0);
        const QByteArray upcastLine = lines(upcast.out).value(2);
        QVERIFY2(upcastLine.contains(R"("event":{"Debited":{"amount":30,"currency":"EUR",)"), upcastLine.constData());
        QVERIFY(upcastLine.contains(R"("event_version":2)"));
        QCOMPARE(EventLog::fromJsonLine(upcastLine)->eventVersion, 2);
        // copy keeps them as stored too.
        QTemporaryDir dir;
        const QString copy = u"sqlite:" + dir.filePath(QStringLiteral("copy.db"));
        QCOMPARE(ctl(arguments({u"--url", schema.url(), u"copy", u"--to", copy})).exitCode, 0);
        QCOMPARE(ctl(arguments({u"--url", copy, u"export"})).out, exported.out);

        // Usage errors and unknown types change nothing.
        QCOMPARE(ctl(url + arguments({u"upgrade-events", u"--batch-size", u"0"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"upgrade-events", u"--type", u"nosuchtype"})).exitCode, 1);
        // A dry run counts and writes nothing.
        const Run dry = ctl(url + arguments({u"upgrade-events", u"--dry-run"}));
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("events read: 3, would rewrite: 1"), dry.out.constData());
        QCOMPARE(storedContaining(schema, QStringLiteral("Withdrawn")), 1);
        QCOMPARE(ctl(url + arguments({u"export"})).out, exported.out);

        // The upgrade rewrites the old event in place, in small batches too; a second run has nothing to do.
        const Run upgraded = ctl(url + arguments({u"upgrade-events", u"--type", u"account", u"--batch-size", u"2"}));
        QCOMPARE(upgraded.exitCode, 0);
        QVERIFY2(upgraded.out.contains("events read: 3, rewritten: 1"), upgraded.out.constData());
        QCOMPARE(storedContaining(schema, QStringLiteral("Withdrawn")), 0);
        const QString event = schema.table(QStringLiteral("event"));
        QCOMPARE(scalar(schema.db(), u"SELECT event_version FROM " + event + u" WHERE seq_no = " + QString::number(seqNo)).toInt(), 2);
        const QJsonObject rewritten =
            QJsonDocument::fromJson(scalar(schema.db(), u"SELECT CAST(event AS TEXT) FROM " + event + u" WHERE seq_no = " + QString::number(seqNo))
                                        .toByteArray())
                .object();
        QCOMPARE(rewritten[u"Debited"][u"currency"].toString(), QStringLiteral("EUR"));
        const Run again = ctl(url + arguments({u"upgrade-events"}));
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("events read: 3, rewritten: 0"), again.out.constData());
        // Now stored as export --upcast wrote it; the state is the same.
        QCOMPARE(ctl(url + arguments({u"export"})).out, upcast.out);
        QCOMPARE(lines(ctl(url + arguments({u"state", u"account", id})).out).value(0), R"({"balance":70,"currency":"EUR","open":true})");

        // An event that no upcaster takes to a shape the code knows is left as it is: exit 1, its seq_no named.
        const qint64 future = insertEvent(schema, QStringLiteral("account"), id, 4,
                                          QStringLiteral(R"({"Debited": {"id": "%1", "amount": 1}})").arg(id), 3);
        QVERIFY(future > 0);
        const Run failing = ctl(url + arguments({u"upgrade-events"}));
        QCOMPARE(failing.exitCode, 1);
        QVERIFY2(failing.out.contains("events read: 4, rewritten: 0"), failing.out.constData());
        QVERIFY2(failing.out.contains(QByteArray("seq_no " + QByteArray::number(future) + ": account event Debited has version 3")),
                 failing.out.constData());
        QVERIFY(failing.out.contains("events left as they are: 1"));
        QCOMPARE(scalar(schema.db(), u"SELECT event_version FROM " + event + u" WHERE seq_no = " + QString::number(future)).toInt(), 3);
        // Reading it in the current shapes fails, naming it; as stored it is shown.
        const Run unreadable = ctl(url + arguments({u"events", u"--json"}));
        QCOMPARE(unreadable.exitCode, 1);
        QVERIFY2(unreadable.err.contains(QByteArray("event " + QByteArray::number(future))), unreadable.err.constData());
        QCOMPARE(lines(ctl(url + arguments({u"events", u"--json", u"--stored"})).out).size(), 4);
        QCOMPARE(ctl(url + arguments({u"export", u"--upcast"})).exitCode, 1);
        QCOMPARE(ctl(url + arguments({u"export"})).exitCode, 0);
    }

    void snapshots_data() { addBackendRows(); }
    void snapshots()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Deposit", uR"({"amount": 100})"})).exitCode, 0);
        const Run none = ctl(url + arguments({u"snapshots"}));
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(lines(none.out), QList<QByteArray>({"type  state version  snapshots  bytes  status"}));

        // One taken now, at the entity's version; the state says it started from it.
        const Run taken = ctl(url + arguments({u"snapshot", u"account", id}));
        QCOMPARE(taken.exitCode, 0);
        QCOMPARE(taken.out, "snapshot at version 2\n");
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Withdraw", uR"({"amount": 30})"})).exitCode, 0);
        QList<QByteArray> state = lines(ctl(url + arguments({u"state", u"account", id})).out);
        QCOMPARE(state, QList<QByteArray>({R"({"balance":70,"currency":"EUR","open":true})", "version 3",
                                           "from snapshot at version 2"}));
        // Not with --version, nor --no-snapshot.
        state = lines(ctl(url + arguments({u"state", u"account", id, u"--version", u"3"})).out);
        QCOMPARE(state, QList<QByteArray>({R"({"balance":70,"currency":"EUR","open":true})", "version 3"}));
        state = lines(ctl(url + arguments({u"state", u"account", id, u"--no-snapshot"})).out);
        QCOMPARE(state, QList<QByteArray>({R"({"balance":70,"currency":"EUR","open":true})", "version 3"}));

        // Another state version (stale) and a type no plugin knows (unknown), behind the store's back.
        const QString snapshot = schema.table(QStringLiteral("snapshot"));
        const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
        EXEC(schema.db(), u"INSERT INTO " + snapshot + u" (entity_id, type_name, version, schema_version, state) VALUES ('"
                              + other + u"', 'account', 1, 7, '{}')");
        EXEC(schema.db(), u"INSERT INTO " + snapshot + u" (entity_id, type_name, version, schema_version, state) VALUES ('"
                              + other + u"', 'legacy', 1, 1, '{}')");
        const Run listed = ctl(url + arguments({u"snapshots"}));
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(lines(listed.out).size(), 4);
        // type, state version, snapshots, bytes (as the backend stores them), status
        const auto row = [](const QByteArray &text, const QByteArray &start) {
            QList<QByteArray> fields = lineStarting(text, start).split(' ');
            if (fields.size() == 5 && fields.at(3).toLongLong() > 0)
                fields[3] = "bytes";
            return fields.join(' ');
        };
        QCOMPARE(row(listed.out, "account 1 "), "account 1 1 bytes current");
        QCOMPARE(row(listed.out, "account 7 "), "account 7 1 bytes stale");
        QCOMPARE(row(listed.out, "legacy "), "legacy 1 1 bytes unknown");

        // What cannot be taken: an entity without events, a type without snapshots or code; a bad id.
        const Run empty = ctl(url + arguments({u"snapshot", u"account", QUuid::createUuid().toString(QUuid::WithoutBraces)}));
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("has no events"), empty.err.constData());
        QCOMPARE(ctl(url + arguments({u"snapshot", u"counter", id})).exitCode, 1);
        QCOMPARE(ctl(url + arguments({u"snapshot", u"legacy", id})).exitCode, 1);
        QCOMPARE(ctl(url + arguments({u"snapshot", u"account", u"x"})).exitCode, 2);

        // Deleted by type, then all; loads fold from the first event again.
        const Run cleared = ctl(arguments({u"--url", schema.url(), u"snapshot-clear", u"account"}));
        QCOMPARE(cleared.exitCode, 0);
        QCOMPARE(cleared.out, "deleted 2 snapshots\n");
        QCOMPARE(ctl(arguments({u"--url", schema.url(), u"snapshot-clear"})).out, "deleted 1 snapshots\n");
        QCOMPARE(ctl(arguments({u"--url", schema.url(), u"snapshot-clear"})).out, "deleted 0 snapshots\n");
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + snapshot).toInt(), 0);
        QCOMPARE(lines(ctl(url + arguments({u"state", u"account", id})).out).size(), 2);
    }

    void checkHistory_data() { addBackendRows(); }
    void checkHistory()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        QVERIFY(fill(schema.url(), 2));
        const QStringList url = withPlugins(schema);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Deposit", uR"({"amount": 100})"})).exitCode, 0);
        QVERIFY(insertEvent(schema, QStringLiteral("account"), id, 3, withdrawn(id, 30)) > 0);
        QCOMPARE(ctl(url + arguments({u"snapshot", u"account", id})).exitCode, 0);
        // A type that no plugin knows is not checked, and is no problem.
        QVERIFY(insertEvent(schema, QStringLiteral("legacy"), id, 1, QStringLiteral(R"({"Started": {}})")) > 0);
        QCOMPARE(ctl(url + arguments({u"check-history", u"--type", u"nosuchtype"})).exitCode, 1);

        // Sound: every event read in its current shape, folded, and the snapshot agrees.
        const Run sound = ctl(url + arguments({u"check-history"}));
        QCOMPARE(sound.exitCode, 0);
        QCOMPARE(lineStarting(sound.out, "type "), "type events entities snapshots compared snapshots outdated problems");
        QCOMPARE(lineStarting(sound.out, "account "), "account 3 1 1 0 0");
        QCOMPARE(lineStarting(sound.out, "counter "), "counter 8 2 0 0 0");
        QCOMPARE(lineStarting(sound.out, "legacy "), "legacy - - - - not checked");
        QVERIFY2(sound.out.endsWith("no problems found\n"), sound.out.constData());
        const Run oneType = ctl(url + arguments({u"check-history", u"--type", u"account"}));
        QCOMPARE(oneType.exitCode, 0);
        QVERIFY(lineStarting(oneType.out, "counter ").isEmpty());
        // On a copy, which has the events and the snapshots.
        QTemporaryDir dir;
        const QString copy = u"sqlite:" + dir.filePath(QStringLiteral("copy.db"));
        const Run copied = ctl(arguments({u"--url", schema.url(), u"copy", u"--to", copy}));
        QCOMPARE(copied.exitCode, 0);
        QVERIFY2(copied.out.contains("copied 1 snapshots"), copied.out.constData());
        const Run onCopy = ctl(arguments({u"--plugin-path", pluginDir, u"--url", copy, u"check-history"}));
        QCOMPARE(onCopy.exitCode, 0);
        QCOMPARE(lineStarting(onCopy.out, "account "), "account 3 1 1 0 0");

        // A snapshot whose state is not the fold of the events.
        const QString snapshot = schema.table(QStringLiteral("snapshot"));
        if (backend == Backend::SQLite)
            EXEC(schema.db(), u"UPDATE " + snapshot + u" SET state = json_set(state, '$.balance', 999)");
        else
            EXEC(schema.db(), u"UPDATE " + snapshot + u" SET state = jsonb_set(state, '{balance}', '999')");
        const Run disagrees = ctl(url + arguments({u"check-history"}));
        QCOMPARE(disagrees.exitCode, 1);
        QCOMPARE(lineStarting(disagrees.out, "account "), "account 3 1 1 0 1");
        QCOMPARE(lineStarting(disagrees.out, "type seq_no"), "type seq_no entity version problem");
        QCOMPARE(lineStarting(disagrees.out, "account snapshot"),
                 QByteArray("account snapshot " + id.toUtf8() + " 3 the snapshot differs from the fold in balance"));
        QVERIFY2(disagrees.out.endsWith("problems found: 1\n"), disagrees.out.constData());
        // Other types are still sound.
        QCOMPARE(ctl(url + arguments({u"check-history", u"--type", u"counter"})).exitCode, 0);

        // An event that no upcaster takes to a shape the code knows.
        QCOMPARE(ctl(url + arguments({u"snapshot-clear"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"check-history"})).exitCode, 0);
        const qint64 future = insertEvent(schema, QStringLiteral("account"), id, 4,
                                          QStringLiteral(R"({"Debited": {"id": "%1", "amount": 1}})").arg(id), 3);
        QVERIFY(future > 0);
        const Run unreadable = ctl(url + arguments({u"check-history"}));
        QCOMPARE(unreadable.exitCode, 1);
        const QByteArray problem = lineStarting(unreadable.out, "account " + QByteArray::number(future) + ' ');
        QVERIFY2(problem.startsWith(QByteArray("account " + QByteArray::number(future) + ' ' + id.toUtf8() + " 4 ")),
                 unreadable.out.constData());
        QVERIFY2(problem.contains("newer than this code knows"), problem.constData());
        QVERIFY2(unreadable.out.endsWith("problems found: 1\n"), unreadable.out.constData());
        // Nothing was written by any check.
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + snapshot).toInt(), 0);
    }

    void eventsFollow_data() { addBackendRows(); }
    void eventsFollow()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        QVERIFY(fill(schema.url(), 1)); // committed before: not printed
        const QStringList url = arguments({u"--url", schema.url()});
        QCOMPARE(ctl(url + arguments({u"events", u"--follow", u"--from", u"1"})).exitCode, 2);

        // JSON lines, filtered by event name, as they are committed by another process.
        Host json(url + arguments({u"events", u"--follow", u"--json", u"--event", u"Increased"}));
        // The table, filtered by type.
        Host table(url + arguments({u"events", u"--follow", u"--type", u"counter"}));
        QTRY_VERIFY_WITH_TIMEOUT(json.printed("following the events"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(table.printed("following the events"), timeoutMs);
        QVERIFY(fill(schema.url(), 2)); // 6 Increased, 2 Decreased
        const auto printedLines = [](Host &host, const char *start) {
            host.printed("");
            QList<QByteArray> found;
            for (const QByteArray &line : lines(host.output)) {
                if (line.startsWith(start))
                    found.append(line);
            }
            return found;
        };
        QTRY_COMPARE_WITH_TIMEOUT(printedLines(json, "{").size(), 6, timeoutMs);
        qint64 last = 4;
        for (const QByteArray &line : printedLines(json, "{")) {
            const auto event = EventLog::fromJsonLine(line);
            QVERIFY2(event, line.constData());
            QCOMPARE(event->eventName, QStringLiteral("Increased"));
            QVERIFY(event->seqNo > last); // in commit order, none from before
            last = event->seqNo;
        }
        const auto rows = [&table] {
            table.printed("");
            QList<QByteArray> found;
            for (const QByteArray &line : lines(table.output)) {
                if (!line.isEmpty() && std::isdigit(static_cast<unsigned char>(line.front())))
                    found.append(line.simplified());
            }
            return found;
        };
        QTRY_COMPARE_WITH_TIMEOUT(rows().size(), 8, timeoutMs);
        QCOMPARE(printedLines(table, "seq_no").size(), 1); // the header, once
        QCOMPARE(rows().first().split(' ').value(1), "counter");
        QCOMPARE(rows().last().split(' ').value(4), "Decreased");

        // SIGTERM ends it, with exit code 0.
        QCOMPARE(json.terminate(), 0);
        QCOMPARE(table.terminate(), 0);
        QCOMPARE(printedLines(json, "{").size(), 6);
    }

    void runHostsProjections_data() { addBackendRows(); }
    void runHostsProjections()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        QCOMPARE(ctl(url + arguments({u"run", u"--projection", u"nosuch"})).exitCode, 2);

        Host active(url + arguments({u"run"}));
        QTRY_VERIFY_WITH_TIMEOUT(active.printed("account: live") && active.printed("counter: live"), timeoutMs);
        // A second instance of a projection waits as standby.
        Host standby(url + arguments({u"run", u"--projection", u"account"}));
        QTRY_VERIFY_WITH_TIMEOUT(standby.printed("account: standby"), timeoutMs);

        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Deposit", uR"({"amount": 42})"})).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(balance(schema, id), 42, timeoutMs);

        // SIGTERM stops it cleanly; the standby takes over.
        QCOMPARE(active.terminate(), 0);
        QVERIFY2(active.output.contains("account: stopped"), active.output.constData());
        QTRY_VERIFY_WITH_TIMEOUT(standby.printed("account: live"), timeoutMs);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Withdraw", uR"({"amount": 2})"})).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(balance(schema, id), 40, timeoutMs);
        QCOMPARE(standby.terminate(), 0);
    }

    void runPartitioned_data() { addBackendRows(); }
    void runPartitioned()
    {
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        QCOMPARE(ctl(url + arguments({u"run", u"--partitions", u"0"})).exitCode, 2);
        Host host(url + arguments({u"run", u"--projection", u"account", u"--partitions", u"2"}));
        QTRY_VERIFY_WITH_TIMEOUT(host.printed("account: live") && host.printed("holds 2 of 2 partitions"), timeoutMs);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Create"})).exitCode, 0);
        QCOMPARE(ctl(url + arguments({u"send", u"account", id, u"Deposit", uR"({"amount": 42})", u"--wait-for",
                                      u"account"}))
                     .exitCode,
                 0);
        QCOMPARE(balance(schema, id), 42);
        const QByteArray listed = ctl(url + arguments({u"projections"})).out;
        QVERIFY2(listed.contains("account#0/2") && listed.contains("account#1/2"), listed.constData());
        const QList<QByteArray> rows = lines(listed);
        QVERIFY2(std::none_of(rows.cbegin(), rows.cend(), [](const QByteArray &row) { return row.startsWith("account "); }),
                 listed.constData()); // its partitions ran: it is not listed as one that never did
        QCOMPARE(host.terminate(), 0);
    }

    void rebuildWhileRunning_data() { addBackendRows(); }
    void rebuildWhileRunning()
    {
        // The counter projection runs in another process while it is rebuilt beside itself.
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        QVERIFY(fill(schema.url(), 3)); // each counter: 10 + 20 + 30 - 5
        Host host(url + arguments({u"run", u"--projection", u"counter", u"--lease", u"1000"}));
        QTRY_VERIFY_WITH_TIMEOUT(host.printed("counter: live"), timeoutMs);
        const QString total = u"SELECT sum(value) FROM " + schema.table(QStringLiteral("counter_projection"));
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), total).toInt(), 3 * 55, timeoutMs);

        QCOMPARE(ctl(url + arguments({u"rebuild", u"nosuch"})).exitCode, 1);
        EventStore probe;
        EVENTED_VERIFY_OK(probe.open(schema.url()));
        if (probe.isDistributed()) { // refused there, saying what does work
            const Run refused = ctl(url + arguments({u"rebuild", u"counter"}));
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("on a distributed store; reset() rebuilds it in place"), refused.err.constData());
            return;
        }
        const Run verified = ctl(url + arguments({u"rebuild", u"counter", u"--verify-only"}));
        QCOMPARE(verified.exitCode, 0);
        QVERIFY2(verified.out.contains("12 events, 3 keys compared at seq_no 12, 0 differ")
                     && verified.out.contains("the view is as it was"),
                 verified.out.constData());
        const Run rebuilt = ctl(url + arguments({u"rebuild", u"counter"}));
        QCOMPARE(rebuilt.exitCode, 0);
        QVERIFY2(rebuilt.out.contains("the new version is the view now"), rebuilt.out.constData());
        // The running instance goes on, on the new table.
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(ctl(url + arguments({u"send", u"counter", id, u"Increase", uR"({"inc": 7})"})).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(schema.db(), total).toInt(), 3 * 55 + 7, timeoutMs);
        QCOMPARE(host.terminate(), 0);
    }

    void parkedEvents_data() { addBackendRows(); }
    void parkedEvents()
    {
        // A counter projection whose handler fails parks every event; the plugin's own handler
        // of that projection applies them when re-run.
        QFETCH(Backend, backend);
        Schema schema(backend, {});
        const QStringList url = withPlugins(schema);
        QVERIFY(fill(schema.url(), 1)); // one counter: +10, +20, +30, -5
        {
            EventStore store;
            EVENTED_VERIFY_OK(store.open(schema.url()));
            Projection broken(&store, QStringLiteral("counter"));
            broken.setHandler([](const RecordedEvent &, QSqlDatabase &) { return ListenerResult::failure(QStringLiteral("bug 42")); },
                              EventFilter::byType(QStringLiteral("counter")));
            broken.setErrorStrategy(Projection::ErrorStrategy::Park, 0);
            broken.start();
            QTRY_COMPARE_WITH_TIMEOUT(Projection::parked(&store).value().size(), 4, timeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(broken.state().status, ProjectionState::Status::Live, timeoutMs);
        }
        // Declared by the plugins: the counter projection, which ran, and account, which never did.
        const Run projections = ctl(url + arguments({u"projections"}));
        QCOMPARE(projections.exitCode, 0);
        QVERIFY2(projections.out.contains("never ran"), projections.out.constData());
        const QList<QByteArray> rows = lines(projections.out);
        QCOMPARE(rows.size(), 3);
        QVERIFY2(rows.at(1).simplified().startsWith("account 0 4 never ran yes"), rows.at(1).constData());
        QVERIFY2(rows.at(2).simplified().startsWith("counter 4 0 stopped yes"), rows.at(2).constData());

        const Run listed = ctl(url + arguments({u"parked"}));
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(lines(listed.out).size(), 5);
        QVERIFY2(listed.out.contains("bug 42") && listed.out.contains(R"({"Increased":{)"), listed.out.constData());
        QCOMPARE(ctl(url + arguments({u"parked", u"--seq-no", u"1"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"parked", u"--rerun"})).exitCode, 2);
        QCOMPARE(ctl(url + arguments({u"parked", u"nosuch", u"--rerun"})).exitCode, 1);

        // One by its seq_no, then the rest.
        const Run one = ctl(url + arguments({u"parked", u"counter", u"--rerun", u"--seq-no", u"2"}));
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.out.contains("1 parked events applied, 0 failed again"), one.out.constData());
        const Run rest = ctl(url + arguments({u"parked", u"counter", u"--rerun"}));
        QCOMPARE(rest.exitCode, 0);
        QVERIFY2(rest.out.contains("3 parked events applied, 0 failed again"), rest.out.constData());
        QCOMPARE(scalar(schema.db(), u"SELECT value FROM " + schema.table(QStringLiteral("counter_projection"))).toInt(), 55);
        QVERIFY(ctl(url + arguments({u"parked", u"counter"})).out.contains("projection counter has no parked events"));
    }
};

QTEST_GUILESS_MAIN(tst_EventedCtl)
#include "tst_eventedctl.moc"
