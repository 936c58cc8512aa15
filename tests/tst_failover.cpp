// Failover: a primary and its synchronous standby (scripts/hapair.sh, started as a ctest
// fixture), a store and a hosted projection on the multi-host URL with
// target_session_attrs=read-write; the primary is stopped at once (pg_ctl -m immediate, as in a
// crash) in the middle of a stream of commands, and the standby promoted (pg_ctl promote).
// Label: ha.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QElapsedTimer>
#include <QProcess>

using namespace Evented;
using namespace TestDomain;
using namespace TestSupport;

namespace {

QString haUrl()
{
    return qEnvironmentVariable("EVENTED_TEST_HA_URL");
}

QProcess *startScript(const QString &command, QObject *parent)
{
    auto *process = new QProcess(parent);
    process->start(QStringLiteral(EVENTED_HAPAIR_SCRIPT), {command});
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
                    promoter = startScript(QStringLiteral("promote"), this);
                }
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
        qInfo("failover: %d commands, the primary stopped after %d; first accepted command %lld ms after it stopped; "
              "%d unknown commits, %d refused attempts, %d repeats",
              total, killAfter, firstAcceptedMs, unknown, refused, repeats);

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
