// Failover: a primary and its synchronous standby, started as a ctest fixture by a script
// (EVENTED_FAILOVER_SCRIPT: scripts/hapair.sh by default, or scripts/autofailover.sh for
// pg_auto_failover), a store and a hosted projection on the multi-host URL with
// target_session_attrs=read-write. The script's kill-primary crashes the primary in the middle
// of a stream of commands (hapair.sh: pg_ctl -m immediate; autofailover.sh: kill -9 of the
// node's keeper and postgres), and its promote returns once the standby is the primary
// (hapair.sh promotes it with pg_ctl promote; autofailover.sh waits for the monitor to).
// Label: ha.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

using namespace Evented;
using namespace TestDomain;
using namespace TestSupport;

namespace {

QString haUrl()
{
    return qEnvironmentVariable("EVENTED_TEST_HA_URL");
}

QString failoverScript()
{
    const QString script = qEnvironmentVariable("EVENTED_FAILOVER_SCRIPT");
    return script.isEmpty() ? QStringLiteral(EVENTED_HAPAIR_SCRIPT) : script;
}

// Which failover ran, for the figures: EVENTED_FAILOVER_MANAGER, or the script's name.
QString failoverManager()
{
    const QString manager = qEnvironmentVariable("EVENTED_FAILOVER_MANAGER");
    return manager.isEmpty() ? QFileInfo(failoverScript()).fileName() : manager;
}

QProcess *startScript(const QString &command, QObject *parent)
{
    auto *process = new QProcess(parent);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel); // the script's complaints
    process->start(failoverScript(), {command});
    return process;
}

} // namespace

class tst_Failover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsResumeAndNothingAcknowledgedIsLost()
    {
        const QString url = haUrl() + QStringLiteral("&schema=failover");
        EventStore store;
        EVENTED_VERIFY_OK(store.open(url));
        QVERIFY(store.ensureTable(QStringLiteral("seen"), QStringLiteral("seq_no bigint PRIMARY KEY")).kind() == Error::Kind::None);
        const QString seen = store.tableName(QStringLiteral("seen"));
        Projection projection(&store, QStringLiteral("failover"));
        projection.setHandler([seen](const RecordedEvent &event, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("INSERT INTO %1 (seq_no) VALUES (%2)").arg(seen).arg(event.seqNo));
            return ListenerResult::check(query);
        });
        projection.setPollInterval(200);
        projection.start();

        const QUuid id = QUuid::createUuid();
        auto counter = store.load<Counter>(id);
        QVERIFY(counter);
        constexpr int killAfter = 150;
        constexpr int afterPromotion = 100; // commands accepted once the standby is the primary
        QList<QUuid> commands;
        int unknown = 0;    // CommitUnknown: retried with the command id
        int refused = 0;    // ConnectionLost / ConnectionFailed: nothing committed, retried
        int repeats = 0;    // a retry that found its command stored already
        QProcess *killer = nullptr;
        QProcess *promoter = nullptr;
        QElapsedTimer sinceKill;
        qint64 firstAcceptedMs = -1;
        qint64 promotedMs = -1; // when the script's promote returned
        int killedAfter = -1;
        QElapsedTimer deadline;
        deadline.start();
        int acceptedAfterPromotion = 0;
        for (int i = 0; i < killAfter || !promoter || promoter->state() != QProcess::NotRunning
                        || acceptedAfterPromotion < afterPromotion;
             ++i) {
            if (i == killAfter)
                killer = startScript(QStringLiteral("kill-primary"), this); // runs while commands go on
            CommandOptions options;
            options.commandId = QUuid::createUuid();
            commands << options.commandId;
            for (;;) {
                QCoreApplication::processEvents(); // QProcess sees its child end in the event loop
                if (killer && !promoter && killer->state() == QProcess::NotRunning) {
                    QCOMPARE(killer->exitCode(), 0);
                    sinceKill.start();
                    killedAfter = int(commands.size()) - 1; // accepted until the kill had ended
                    promoter = startScript(QStringLiteral("promote"), this);
                }
                if (promoter && promotedMs < 0 && promoter->state() == QProcess::NotRunning)
                    promotedMs = sinceKill.elapsed();
                QVERIFY2(deadline.elapsed() < 120000, "commands did not resume within two minutes");
                const auto result = store.handleWithRetry(counter.value(), Increase{1}, 3, options);
                if (result.isApplied()) {
                    repeats += result.isRepeat() ? 1 : 0;
                    if (promoter && promoter->state() == QProcess::NotRunning)
                        ++acceptedAfterPromotion;
                    if (sinceKill.isValid() && firstAcceptedMs < 0)
                        firstAcceptedMs = sinceKill.elapsed();
                    break;
                }
                const Error::Kind kind = result.error().kind();
                QVERIFY2(kind == Error::Kind::CommitUnknown || kind == Error::Kind::ConnectionLost
                             || kind == Error::Kind::ConnectionFailed,
                         qPrintable(result.error().message()));
                (kind == Error::Kind::CommitUnknown ? unknown : refused) += 1;
                if (kind == Error::Kind::CommitUnknown) {
                    // The entity may be behind what was stored: reload before the retry.
                    auto reloaded = store.load<Counter>(id);
                    if (reloaded)
                        counter = std::move(reloaded);
                }
                QThread::msleep(20);
            }
        }
        QCOMPARE(promoter->exitCode(), 0);
        const int total = int(commands.size());
        qInfo("failover: %s; %d commands, the kill started after %d and had ended after %d; first accepted command "
              "%lld ms after it had ended, promote returned after %lld ms; %d unknown commits, %d refused attempts, "
              "%d repeats",
              qPrintable(failoverManager()), total, killAfter, killedAfter, firstAcceptedMs, promotedMs, unknown, refused,
              repeats);

        // Each command stored exactly once, on the new primary: nothing acknowledged was lost and
        // no retry stored a command twice.
        auto reloaded = store.load<Counter>(id);
        QVERIFY(reloaded);
        QCOMPARE(reloaded.value().state().value, quint64(total));
        QCOMPARE(reloaded.value().version(), qint64(total));
        QSqlDatabase db = store.database();
        QCOMPARE(scalar(db, QStringLiteral("SELECT pg_is_in_recovery()")).toBool(), false);
        QCOMPARE(scalar(db, u"SELECT count(DISTINCT causation_id) FROM " + store.tableName(QStringLiteral("event"))).toInt(), total);
        for (const QUuid &command : std::as_const(commands)) {
            const auto again = store.handle(counter.value(), Increase{1}, CommandOptions{command, {}});
            QVERIFY2(again.isApplied() && again.isRepeat(), qPrintable(command.toString()));
        }

        // The projection resumed where it was: every event once.
        QTRY_COMPARE_WITH_TIMEOUT(scalar(db, u"SELECT count(*) FROM " + seen).toInt(), total, 60000);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM " + seen + u" s JOIN " + store.tableName(QStringLiteral("event"))
                                + u" e USING (seq_no)")
                     .toInt(),
                 total);
        QTRY_COMPARE_WITH_TIMEOUT(projection.state().status, ProjectionState::Status::Live, 30000);
        projection.stop();
    }
};

QTEST_GUILESS_MAIN(tst_Failover)
#include "tst_failover.moc"
