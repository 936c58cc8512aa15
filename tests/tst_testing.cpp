// Evented::Testing, the test kit for domain code: specs that hold pass, and specs that do not
// fail with what was expected and what happened, as JSON, at the spec's line.

#include "testcounter.h"
#include "testwallet.h"

#include <evented/testing/entityspec.h>
#include <evented/testing/projectionspec.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace Evented::Testing;
using namespace TestDomain;

namespace {

const QUuid a = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-00000000000a"));
const QUuid b = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-00000000000b"));

/*! A spec that must fail: its message names what was expected and what happened. */
#define EXPECT_SPEC_FAILURE(spec, ...)                                                                                  \
    do {                                                                                                               \
        const SpecResult result_ = (spec).check();                                                                     \
        QVERIFY2(!result_.passed(), "the spec passed");                                                                \
        for (const QString &part_ : QStringList{__VA_ARGS__})                                                         \
            QVERIFY2(result_.message().contains(part_), qPrintable(u"no \"" + part_ + u"\" in:\n" + result_.message())); \
    } while (false)

/*! A projection over counters: the view totals(id, value), written by the handler. */
ProjectionSpec totals()
{
    const auto configure = [](Evented::Projection &projection, Evented::EventStore &) {
        projection.setHandler<Counter>([](const Counter::Event &event, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("INSERT INTO totals (id, value) VALUES (?, ?) "
                                         "ON CONFLICT (id) DO UPDATE SET value = totals.value + excluded.value"));
            query.addBindValue(recorded.entityId.toString(QUuid::WithoutBraces));
            query.addBindValue(std::holds_alternative<Increased>(event) ? qint64(std::get<Increased>(event).inc)
                                                                         : -qint64(std::get<Decreased>(event).dec));
            query.exec();
            return Evented::ListenerResult::check(query);
        });
    };
    const auto setup = [](Evented::EventStore &store) {
        return store.ensureTable(QStringLiteral("totals"), QStringLiteral("id uuid PRIMARY KEY, value bigint NOT NULL"));
    };
    return ProjectionSpec(QStringLiteral("totals"), configure, setup);
}

const QString totalsQuery = QStringLiteral("SELECT id, value FROM totals ORDER BY id");

QVariantMap total(const QUuid &id, qint64 value)
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("value"), value}};
}

} // namespace

class tst_Testing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventsThatHold()
    {
        EVENTED_SPEC(given<Counter>(a, Increased{a, 2}).when(Decrease{2}).then(Decreased{a, 2}));
        EVENTED_SPEC(given<Counter>(a).when(Increase{3}).then(Increased{a, 3}));
    }

    void rejectionThatHolds()
    {
        EVENTED_SPEC(given<Counter>(a, Increased{a, 1}).when(Decrease{2}).thenRejected(OutOfRange{1, 2}));
    }

    void otherEntities()
    {
        // A transfer decides on wallet a and writes wallet b too, through its CommandScope.
        EVENTED_SPEC(given<Wallet>(a, Deposited{a, 50, {}})
                         .given<Wallet>(b, Deposited{b, 5, {}})
                         .when(Transfer{b, 20})
                         .then(Withdrawn{a, 20, b})
                         .then<Wallet>(b, Deposited{b, 20, a}));
        // Entities of another type: the seat is read from the store the spec was given.
        const QUuid seat = QUuid::createUuid();
        EVENTED_SPEC(given<Booking>(a).given<Seat>(seat, Reserved{seat, b}).when(BookSeat{seat}).thenRejected(SeatTaken{b}));
        EVENTED_SPEC(given<Booking>(a).when(BookSeat{seat}).then(Booked{a, seat}).then<Seat>(seat, Reserved{seat, a}));
    }

    void eventsThatDiffer()
    {
        EXPECT_SPEC_FAILURE(given<Counter>(a, Increased{a, 2}).when(Decrease{1}).then(Decreased{a, 2}),
                            QStringLiteral("the events differ"),
                            QStringLiteral("expected events:\n    counter 00000000-0000-4000-8000-00000000000a: "
                                           "{\"Decreased\":{\"dec\":2,\"id\":\"00000000-0000-4000-8000-00000000000a\"}}"),
                            QStringLiteral("actual events:\n    counter 00000000-0000-4000-8000-00000000000a: "
                                           "{\"Decreased\":{\"dec\":1,\"id\":\"00000000-0000-4000-8000-00000000000a\"}}"));
    }

    void eventsOfAnEntityNotExpected()
    {
        EXPECT_SPEC_FAILURE(given<Wallet>(a, Deposited{a, 50, {}}).when(Transfer{b, 20}).then(Withdrawn{a, 20, b}),
                            QStringLiteral("the events differ"),
                            QStringLiteral("wallet 00000000-0000-4000-8000-00000000000b: {\"Deposited\":"));
    }

    void rejectionThatDiffers()
    {
        EXPECT_SPEC_FAILURE(given<Counter>(a, Increased{a, 1}).when(Decrease{2}).thenRejected(OutOfRange{1, 3}),
                            QStringLiteral("the rejection differs"),
                            QStringLiteral("expected rejection: {\"by\":3,\"value\":1}"),
                            QStringLiteral("actual rejection:   {\"by\":2,\"value\":1}"));
    }

    void rejectedInsteadOfApplied()
    {
        EXPECT_SPEC_FAILURE(given<Counter>(a).when(Decrease{1}).then(Decreased{a, 1}),
                            QStringLiteral("the command was rejected, but events were expected"),
                            QStringLiteral("actual rejection: {\"by\":1,\"value\":0}"));
    }

    void appliedInsteadOfRejected()
    {
        EXPECT_SPEC_FAILURE(given<Counter>(a).when(Increase{1}).thenRejected(OutOfRange{0, 1}),
                            QStringLiteral("the command was applied, but a rejection was expected"),
                            QStringLiteral("\"Increased\":{\"id\":\"00000000-0000-4000-8000-00000000000a\",\"inc\":1}"));
    }

    void specsThatExpectNothingOrBoth()
    {
        EXPECT_SPEC_FAILURE(given<Counter>(a).when(Increase{1}), QStringLiteral("the spec expects nothing"));
        EXPECT_SPEC_FAILURE(given<Counter>(a).when(Increase{1}).then(Increased{a, 1}).thenRejected(OutOfRange{0, 1}),
                            QStringLiteral("the spec expects both events and a rejection"));
    }

    void rowsThatHold()
    {
        EVENTED_SPEC(totals()
                         .given<Counter>(a, Increased{a, 5}, Decreased{a, 2})
                         .given<Counter>(b, Increased{b, 1})
                         .thenRows(totalsQuery, {total(a, 3), total(b, 1)}));
        EVENTED_SPEC(totals().thenRows(totalsQuery, {}));
    }

    void rowsThatDiffer()
    {
        EXPECT_SPEC_FAILURE(totals().given<Counter>(a, Increased{a, 5}).thenRows(totalsQuery, {total(a, 4)}),
                            QStringLiteral("the rows of projection totals differ"),
                            QStringLiteral("expected rows:\n    {\"id\":\"00000000-0000-4000-8000-00000000000a\",\"value\":4}"),
                            QStringLiteral("actual rows:\n    {\"id\":\"00000000-0000-4000-8000-00000000000a\",\"value\":5}"));
    }

    void projectionThatFails()
    {
        const auto failing = [](Evented::Projection &projection, Evented::EventStore &) {
            projection.setHandler<Counter>([](const Counter::Event &, const Evented::RecordedEvent &, QSqlDatabase &) {
                return Evented::ListenerResult::failure(QStringLiteral("the handler refuses"));
            });
        };
        EXPECT_SPEC_FAILURE(ProjectionSpec(QStringLiteral("failing"), failing).given<Counter>(a, Increased{a, 1}),
                            QStringLiteral("projection failing failed at seq_no 1"), QStringLiteral("the handler refuses"));
        EXPECT_SPEC_FAILURE(ProjectionSpec(Evented::Domain(), QStringLiteral("missing")),
                            QStringLiteral("the domain has no projection missing"));
    }

    void failuresInQtTest()
    {
        // The specs of spec_runner, as Qt Test reports them: a failure at the spec's line, with
        // the JSON of both sides, and the test function ended there.
        QProcess runner;
        runner.setProcessChannelMode(QProcess::MergedChannels);
        runner.start(QStringLiteral(SPEC_RUNNER), {});
        QVERIFY(runner.waitForFinished(60'000));
        const QString output = QString::fromUtf8(runner.readAll());
        QCOMPARE(runner.exitCode(), 2); // the two failing functions
        QVERIFY2(output.contains(u"PASS   : SpecRunner::passing()"), qPrintable(output));
        QVERIFY2(output.contains(u"FAIL!  : SpecRunner::wrongEvent() the events differ"), qPrintable(output));
        QVERIFY2(output.contains(u"{\"Decreased\":{\"dec\":1,\"id\":\"0b4cd3d0-1b64-4b2e-9d21-5a4a3d0c7e11\"}}"), qPrintable(output));
        QVERIFY2(!output.contains(u"EVENTED_SPEC went on"), qPrintable(output));
        QVERIFY2(output.contains(u"FAIL!  : SpecRunner::wrongRows() the rows of projection seen differ"), qPrintable(output));
        QVERIFY2(output.contains(u"expected rows:\n    {\"seq_no\":2}"), qPrintable(output));
        QVERIFY2(output.contains(u"actual rows:\n    {\"seq_no\":1}"), qPrintable(output));
        QCOMPARE(output.count(QRegularExpression(QStringLiteral("Loc: \\[[^\\]]*spec_runner\\.cpp\\(\\d+\\)\\]"))), 2);
        // wrongEvent()'s spec is on one line: the failure names that line.
        QFile source(QStringLiteral(SPEC_RUNNER_SOURCE));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = source.readAll().split('\n');
        const auto specLine = std::find_if(lines.begin(), lines.end(), [](const QByteArray &line) { return line.contains("when(Decrease{1})"); });
        QVERIFY(specLine != lines.end());
        const QString loc = QStringLiteral("spec_runner.cpp(%1)]").arg(specLine - lines.begin() + 1);
        QVERIFY2(output.contains(loc), qPrintable(loc + u" not in:\n" + output));
    }
};

QTEST_GUILESS_MAIN(tst_Testing)

#include "tst_testing.moc"
