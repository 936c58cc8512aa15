// eventedctl as scripts use it: commands, exit codes, export/import/copy across backends, verify.

#include "counter.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace CounterDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/*! Runs eventedctl with \a args, feeding \a input to its standard input. */
Run ctl(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    process.setProgram(QStringLiteral(EVENTEDCTL));
    process.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EVENTED_URL"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
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
    if (store.open(url).isError())
        return false;
    for (int c = 0; c < counters; ++c) {
        auto counter = store.load<Counter>(QUuid::createUuid());
        for (quint64 n = 1; n <= 3; ++n) {
            if (!store.handle(counter.value(), Increase{n * 10}).isApplied())
                return false;
        }
        if (!store.handle(counter.value(), Decrease{5}).isApplied())
            return false;
    }
    return true;
}

qint64 events(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))).toLongLong();
}

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
                                 QStringLiteral("export"), QStringLiteral("import"), QStringLiteral("copy"),
                                 QStringLiteral("verify")};
        const Run help = ctl({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const QString &command : all) {
            QVERIFY2(help.out.contains(command.toUtf8()), qPrintable(command));
            const Run commandHelp = ctl({command, QStringLiteral("--help")});
            QCOMPARE(commandHelp.exitCode, 0);
            QVERIFY(commandHelp.out.contains(QByteArray(QByteArray("Usage: eventedctl [--url URL] ") + command.toUtf8())));
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

    void listings()
    {
        Schema schema(Backend::SQLite, {});
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
        QCOMPARE(events(middle), 124);
        // New commands on the copy continue after the imported seq_no values.
        EventStore store;
        QVERIFY(!store.open(middle.url()).isError());
        auto counter = store.load<Counter>(QUuid::createUuid());
        const auto applied = store.handle(counter.value(), Increase{1});
        QVERIFY2(applied.isApplied(), qPrintable(applied.error().message()));
        QCOMPARE(applied.events().first().seqNo, 125);
    }

    void importIsAllOrNothingAndIdempotent()
    {
        Schema source(Backend::SQLite, {});
        QVERIFY(fill(source.url(), 5));
        const QByteArray lines = ctl({QStringLiteral("--url"), source.url(), QStringLiteral("export")}).out;
        QList<QByteArray> split = lines.split('\n');
        split.removeAll(QByteArray());
        QCOMPARE(split.size(), 20);

        for (const Backend backend : {Backend::SQLite, Backend::PostgreSQL}) {
            Schema target(backend, {});
            const QStringList url = {QStringLiteral("--url"), target.url()};
            // A malformed line: nothing is written, and the error names the line.
            QByteArray broken = split.mid(0, 4).join('\n') + "\n{\"seq_no\": 5, \"type_name\": \n" + split.mid(5).join('\n');
            const Run refused = ctl(url + QStringList{QStringLiteral("import")}, broken);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("line 5"), refused.err.constData());
            QCOMPARE(events(target), 0);

            // Interrupted half-way (the first half is in), then run again in full.
            QCOMPARE(ctl(url + QStringList{QStringLiteral("import")}, split.mid(0, 10).join('\n')).exitCode, 0);
            QCOMPARE(events(target), 10);
            const Run full = ctl(url + QStringList{QStringLiteral("import")}, lines);
            QCOMPARE(full.exitCode, 0);
            QVERIFY2(full.out.contains("imported 10 of 20"), full.out.constData());
            const Run twice = ctl(url + QStringList{QStringLiteral("import")}, lines);
            QVERIFY2(twice.out.contains("imported 0 of 20"), twice.out.constData());
            QCOMPARE(events(target), 20);
            QCOMPARE(ctl(url + QStringList{QStringLiteral("export")}).out, lines);
            QCOMPARE(ctl(url + QStringList{QStringLiteral("verify")}).exitCode, 0);
        }
    }

    void verifyFindsBrokenRows()
    {
        Schema schema(Backend::SQLite, {});
        QVERIFY(fill(schema.url(), 2));
        const QString event = schema.table(QStringLiteral("event"));
        EXEC(schema.db(), u"DELETE FROM " + event + u" WHERE seq_no = 2"); // a gap: version 3 follows 1
        EXEC(schema.db(), u"UPDATE " + event + u" SET event = '{\"Increased\": ' WHERE seq_no = 5");
        EXEC(schema.db(), u"UPDATE " + event + u" SET event = '[1, 2]' WHERE seq_no = 6");
        EXEC(schema.db(), u"UPDATE " + event + u" SET metadata = 'nope' WHERE seq_no = 7");
        const Run verify = ctl({QStringLiteral("--url"), schema.url(), QStringLiteral("verify")});
        QCOMPARE(verify.exitCode, 1);
        for (const char *expected : {"seq_no 3: counter", "seq_no 5: the stored event is not valid JSON",
                                     "seq_no 6: the event is not externally tagged", "seq_no 7: the stored metadata"})
            QVERIFY2(verify.out.contains(expected), verify.out.constData());
        QVERIFY(verify.out.contains("problems found: 4"));
    }

    void projectionReset()
    {
        Schema schema(Backend::SQLite, {});
        QVERIFY(fill(schema.url(), 1));
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("projection")) + u" (name, seq_no) VALUES ('p', 4)");
        const QStringList url = {QStringLiteral("--url"), schema.url()};
        QVERIFY(ctl(url + QStringList{QStringLiteral("projections")}).out.contains("p     4"));
        QCOMPARE(ctl(url + QStringList{QStringLiteral("projection-reset"), QStringLiteral("p")}).exitCode, 0);
        QCOMPARE(scalar(schema.db(), u"SELECT seq_no FROM " + schema.table(QStringLiteral("projection"))).toInt(), 0);
        QCOMPARE(ctl(url + QStringList{QStringLiteral("projection-reset")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_EventedCtl)
#include "tst_eventedctl.moc"
