// Commands over several entities (CommandScope), on both backends: all events in one
// transaction with the listeners of every type, a conflict on any entity rolls all back and
// names it, the command's own entity is not one of its others, and transfers from several
// processes keep the total.

#include "testsupport.h"
#include "testwallet.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <barrier>
#include <functional>
#include <optional>
#include <thread>
#include <memory>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

/*! Transfer, with \a between run after the receiving wallet was read (for a writer that moves
    it behind the command's back). */
struct HookedTransfer
{
    Transfer transfer;
    std::function<void()> between;

    Decision<Wallet, InsufficientFunds> handle(const QUuid &id, const Wallet &from, CommandScope &scope) const
    {
        (void)scope.version<Wallet>(transfer.to);
        if (between)
            between();
        return transfer.handle(id, from, scope);
    }
};

/*! Rows of the event table for \a ids. */
qint64 rowsOf(Schema &schema, const QList<QUuid> &ids)
{
    QStringList quoted;
    for (const QUuid &id : ids)
        quoted << u'\'' + id.toString(QUuid::WithoutBraces) + u'\'';
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event")) + u" WHERE entity_id IN ("
                                   + quoted.join(u',') + u')')
        .toLongLong();
}

qint64 commandCount(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("command"))).toLongLong();
}

/*! A new wallet holding \a balance. */
QUuid wallet(EventStore &store, qint64 balance)
{
    const QUuid id = QUuid::createUuid();
    auto entity = store.load<Wallet>(id);
    if (!succeeded(entity) || !succeeded(store.handle(entity.value(), Deposit{balance})))
        return {};
    return id;
}

/*! Deposits into another wallet only: the command's own entity gets no event. */
struct Gift
{
    QUuid to;
    qint64 amount = 0;
    Decision<Wallet> handle(const QUuid &id, const Wallet &, CommandScope &scope) const
    {
        scope.add<Wallet>(to, Deposited{to, amount, id});
        return {};
    }
};

} // namespace

using namespace Qt::StringLiterals;

class tst_CommandScope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void transferAppendsBoth()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        int heard = 0;
        store.setListener<Wallet>([&heard](const Wallet::Event &, const RecordedEvent &, QSqlDatabase &) {
            ++heard;
            return ListenerResult::ok();
        });
        const QUuid a = wallet(store, 100);
        const QUuid b = QUuid::createUuid();
        QVERIFY(!a.isNull());
        heard = 0;
        QSignalSpy committed(&store, &EventStore::eventsCommitted);
        auto from = store.load<Wallet>(a);
        const auto result = store.handle(from.value(), Transfer{b, 30});
        EVENTED_VERIFY_OK(result);
        QCOMPARE(result.events().size(), 2);
        QVERIFY(result.events().at(0).seqNo < result.events().at(1).seqNo); // in the order written
        const RecordedEvent &withdrawn = result.events().at(result.events().at(0).entityId == a ? 0 : 1);
        const RecordedEvent &deposited = result.events().at(result.events().at(0).entityId == a ? 1 : 0);
        QCOMPARE(withdrawn.entityId, a);
        QCOMPARE(withdrawn.version, 2);
        QCOMPARE(withdrawn.eventName, QStringLiteral("Withdrawn"));
        QCOMPARE(deposited.entityId, b);
        QCOMPARE(deposited.version, 1);
        QCOMPARE(deposited.eventName, QStringLiteral("Deposited"));
        QCOMPARE(heard, 2);
        QCOMPARE(committed.size(), 1);
        QCOMPARE(committed.first().first().value<QList<RecordedEvent>>().size(), 2);
        QCOMPARE(from->state().balance, 70);
        QCOMPARE(from->version(), 2);
        QCOMPARE(store.load<Wallet>(b)->state().balance, 30);

        // A rejection writes nothing to either.
        const auto refused = store.handle(from.value(), Transfer{b, 1000});
        QVERIFY(refused.isRejected());
        QCOMPARE(refused.rejection().balance, 70);
        QCOMPARE(rowsOf(schema, {a, b}), 3);

        // With an id: recorded once, and a repeat gives both events back.
        CommandOptions options;
        options.commandId = QUuid::createUuid();
        const auto once = store.handle(from.value(), Transfer{b, 5}, options);
        EVENTED_VERIFY_OK(once);
        auto fresh = store.load<Wallet>(a);
        const auto again = store.handle(fresh.value(), Transfer{b, 5}, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.isRepeat());
        QCOMPARE(again.events(), once.events());
        QCOMPARE(rowsOf(schema, {a, b}), 5);
        QCOMPARE(store.load<Wallet>(b)->state().balance, 35);

        // On the worker thread: the scope loads and appends on the worker's connection.
        const auto handled = store.handleAsync<Wallet>(a, Transfer{b, 15}).result();
        EVENTED_VERIFY_OK(handled.result);
        QCOMPARE(handled.result.events().size(), 2);
        QCOMPARE(handled.entity.state().balance, 50);
        QCOMPARE(store.load<Wallet>(b)->state().balance, 50);
    }

    void entitiesOfTwoTypes()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QList<QUuid> bookingsHeard, seatsHeard;
        store.setListener<Booking>([&](const Booking::Event &, const RecordedEvent &recorded, QSqlDatabase &) {
            bookingsHeard.append(recorded.entityId);
            return ListenerResult::ok();
        });
        store.setListener<Seat>([&](const Seat::Event &, const RecordedEvent &recorded, QSqlDatabase &) {
            seatsHeard.append(recorded.entityId);
            return ListenerResult::ok();
        });
        const QUuid seat = QUuid::createUuid();
        const QUuid first = QUuid::createUuid();
        auto booking = store.load<Booking>(first);
        const auto booked = store.handle(booking.value(), BookSeat{seat});
        EVENTED_VERIFY_OK(booked);
        QCOMPARE(booked.events().size(), 2);
        QCOMPARE(booked.events().at(0).typeName, QStringLiteral("booking")); // in the order written: by type
        QCOMPARE(booked.events().at(1).typeName, QStringLiteral("seat"));
        QCOMPARE(bookingsHeard, QList<QUuid>{first});
        QCOMPARE(seatsHeard, QList<QUuid>{seat});
        QCOMPARE(store.load<Seat>(seat)->state().reservedBy, first);
        QCOMPARE(booking->state().seat, seat);

        auto second = store.load<Booking>(QUuid::createUuid());
        const auto taken = store.handle(second.value(), BookSeat{seat});
        QVERIFY(taken.isRejected());
        QCOMPARE(taken.rejection().by, first);
    }

    void failingListenerRollsAllBack()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        int bookingsHeard = 0;
        store.setListener<Booking>([&](const Booking::Event &, const RecordedEvent &, QSqlDatabase &) {
            ++bookingsHeard;
            return ListenerResult::ok();
        });
        store.setListener<Seat>([](const Seat::Event &, const RecordedEvent &, QSqlDatabase &) {
            return ListenerResult::failure(QStringLiteral("no seats today"));
        });
        const QUuid seat = QUuid::createUuid();
        const QUuid id = QUuid::createUuid();
        auto booking = store.load<Booking>(id);
        CommandOptions options;
        options.commandId = QUuid::createUuid();
        const auto result = store.handle(booking.value(), BookSeat{seat}, options);
        QVERIFY(result.isFailed());
        QCOMPARE(result.error().kind(), Error::Kind::ListenerFailed);
        QVERIFY(result.error().message().contains(QStringLiteral("no seats today")));
        QCOMPARE(bookingsHeard, 1); // the booking's listener ran first, and was rolled back with it
        QCOMPARE(rowsOf(schema, {id, seat}), 0);
        QCOMPARE(commandCount(schema), 0);
        QCOMPARE(booking->version(), 0);

        // Once the listener agrees, the same command (id) is handled.
        store.setListener<Seat>({});
        const auto later = store.handle(booking.value(), BookSeat{seat}, options);
        EVENTED_VERIFY_OK(later);
        QVERIFY(!later.isRepeat());
        QCOMPARE(rowsOf(schema, {id, seat}), 2);
    }

    void conflictOnTheOtherEntity()
    {
        Schema schema;
        EventStore store, other;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(other.open(schema.url()));
        const QUuid a = wallet(store, 100);
        const QUuid b = wallet(store, 1);
        QVERIFY(!a.isNull() && !b.isNull());

        // Another writer deposits into b after the command read it: the append at b's version
        // loses, and nothing of a is written either.
        int moves = 0;
        const auto depositBehind = [&] {
            if (moves++ > 0)
                return;
            auto behind = other.load<Wallet>(b);
            QVERIFY(succeeded(other.handle(behind.value(), Deposit{7})));
        };
        auto from = store.load<Wallet>(a);
        const auto lost = store.handleWithRetry(from.value(), HookedTransfer{Transfer{b, 30}, depositBehind}, 1);
        QVERIFY(lost.isConflict());
        QVERIFY2(lost.error().message().contains(b.toString(QUuid::WithoutBraces)), qPrintable(lost.error().message()));
        QCOMPARE(lost.error().expectedVersion(), 1);
        QCOMPARE(lost.error().actualVersion(), 2);
        QCOMPARE(rowsOf(schema, {a}), 1);
        QCOMPARE(rowsOf(schema, {b}), 2);
        QCOMPARE(from->version(), 1);

        // With retries it decides again on both as they are now.
        moves = 0;
        const auto won = store.handleWithRetry(from.value(), HookedTransfer{Transfer{b, 30}, depositBehind}, 2);
        EVENTED_VERIFY_OK(won);
        QCOMPARE(moves, 2);
        QCOMPARE(from->state().balance, 70);
        QCOMPARE(store.load<Wallet>(b)->state().balance, 1 + 7 + 7 + 30);

        // The command's own entity moved instead: the conflict names it, and b gets nothing.
        auto stale = store.load<Wallet>(a);
        auto moved = other.load<Wallet>(a);
        EVENTED_VERIFY_OK(other.handle(moved.value(), Deposit{1}));
        const qint64 bRows = rowsOf(schema, {b});
        const auto own = store.handleWithRetry(stale.value(), Transfer{b, 10}, 1);
        QVERIFY(own.isConflict());
        QVERIFY2(own.error().message().contains(a.toString(QUuid::WithoutBraces)), qPrintable(own.error().message()));
        QCOMPARE(rowsOf(schema, {b}), bRows);
        const auto retried = store.handleWithRetry(stale.value(), Transfer{b, 10}, 2);
        EVENTED_VERIFY_OK(retried);
        QCOMPARE(stale->state().balance, 70 + 1 - 10);
    }

    void oppositeTransfersRace()
    {
        // Two connections transfer between the same two wallets in opposite directions at the
        // same moment, 30 times: each either commits or loses with the typed conflict (never a
        // deadlock that the server breaks with an untyped error).
        Schema schema;
        QUuid a, b;
        {
            EventStore setup;
            EVENTED_VERIFY_OK(setup.open(schema.url()));
            a = wallet(setup, 1'000);
            b = wallet(setup, 1'000);
        }
        constexpr int rounds = 30;
        std::barrier sync(2);
        std::atomic<int> applied = 0, conflicts = 0, others = 0;
        const auto send = [&](const QUuid &from, const QUuid &to) {
            EventStore store;
            const bool open = succeeded(store.open(schema.url()));
            for (int r = 0; r < rounds; ++r) {
                std::optional<Entity<Wallet>> sender;
                if (open) {
                    if (auto loaded = store.load<Wallet>(from); succeeded(loaded))
                        sender = std::move(loaded).value();
                }
                sync.arrive_and_wait();
                if (!sender) {
                    ++others;
                } else if (const auto result = store.handleWithRetry(*sender, Transfer{to, 1}, 1); result.isApplied()) {
                    ++applied;
                } else if (result.isConflict()) {
                    ++conflicts;
                } else {
                    qWarning() << "untyped:" << result.error().message();
                    ++others;
                }
                sync.arrive_and_wait();
            }
        };
        std::thread one(send, a, b);
        std::thread two(send, b, a);
        one.join();
        two.join();
        QCOMPARE(others.load(), 0);
        QCOMPARE(applied + conflicts, 2 * rounds);
        QVERIFY(applied >= rounds);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QCOMPARE(store.load<Wallet>(a)->state().balance + store.load<Wallet>(b)->state().balance, 2'000);
        QCOMPARE(eventCount(schema), 2 + 2 * applied);
    }

    void ownEntityIsNotAnOther()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid a = wallet(store, 100);
        auto self = store.load<Wallet>(a);
        const auto result = store.handle(self.value(), Transfer{a, 10});
        QVERIFY(result.isFailed());
        QCOMPARE(result.error().kind(), Error::Kind::InvalidArgument);
        QCOMPARE(rowsOf(schema, {a}), 1);
        QCOMPARE(self->state().balance, 100);
    }

    void recordNamesTheOwnEntity()
    {
        // Only the other entity gets an event; the command's record names its own.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid giver = wallet(store, 0);
        const QUuid taker = wallet(store, 0);
        auto own = store.load<Wallet>(giver);
        CommandOptions options;
        options.commandId = QUuid::createUuid();
        const auto given = store.handle(own.value(), Gift{taker, 5}, options);
        EVENTED_VERIFY_OK(given);
        QCOMPARE(given.events().size(), 1);
        QCOMPARE(given.events().first().entityId, taker);
        QCOMPARE(QUuid::fromString(scalar(schema.db(), u"SELECT entity_id FROM " + schema.table(QStringLiteral("command"))
                                                           + u" WHERE " + (schema.isSqlite() ? u"command_id"_s : u"command_id::text"_s)
                                                           + u" = '" + options.commandId.toString(QUuid::WithoutBraces) + u'\'')
                                        .toString()),
                 giver);
        const auto again = store.handle(own.value(), Gift{taker, 5}, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.isRepeat());
        QCOMPARE(again.events().first().seqNo, given.events().first().seqNo);
    }

    void transfersFromProcesses()
    {
        // 4 processes, 500 random transfers each among 10 wallets: the money stays, the
        // versions have no gap, and whatever failed failed with a typed error.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        constexpr int wallets = 10;
        constexpr qint64 start = 200;
        QStringList ids;
        for (int i = 0; i < wallets; ++i) {
            const QUuid id = wallet(store, start);
            QVERIFY(!id.isNull());
            ids << id.toString(QUuid::WithoutBraces);
        }
        constexpr int processes = 4;
        constexpr int each = 500;
        QProcess runners[processes];
        for (int p = 0; p < processes; ++p) {
            runners[p].setProcessChannelMode(QProcess::ForwardedErrorChannel);
            runners[p].start(QCoreApplication::applicationDirPath() + QStringLiteral("/wallet_runner"),
                             QStringList{schema.url(), QString::number(each), QString::number(17 + p)} + ids);
        }
        int applied = 0, rejected = 0, conflicts = 0;
        for (QProcess &runner : runners) {
            QVERIFY(runner.waitForFinished(120'000));
            QCOMPARE(runner.exitCode(), 0);
            const QList<QByteArray> words = runner.readAllStandardOutput().trimmed().split(' ');
            QCOMPARE(words.size(), 8);
            QCOMPARE(words.at(7).toInt(), 0); // untyped failures
            QCOMPARE(words.at(1).toInt() + words.at(3).toInt() + words.at(5).toInt(), each);
            applied += words.at(1).toInt();
            rejected += words.at(3).toInt();
            conflicts += words.at(5).toInt();
        }
        qInfo() << "applied" << applied << "rejected" << rejected << "conflicts after retries" << conflicts;
        QVERIFY(applied > 0);

        qint64 total = 0;
        for (const QString &id : std::as_const(ids)) {
            auto w = store.load<Wallet>(QUuid::fromString(id));
            EVENTED_VERIFY_OK(w);
            QVERIFY(w->state().balance >= 0);
            total += w->state().balance;
        }
        QCOMPARE(total, wallets * start);
        QCOMPARE(eventCount(schema), wallets + 2 * applied);
        EventLog log(&store);
        const auto problems = log.verify();
        EVENTED_VERIFY_OK(problems);
        QVERIFY(problems->isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_CommandScope)
#include "tst_command_scope.moc"
