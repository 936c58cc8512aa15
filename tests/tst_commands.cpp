// Commands with ids, on both backends: a command is handled at most once (a repeat appends
// nothing and returns the first events, whatever it would decide now), also when connections
// race with the same id; rejections are not recorded; old records are pruned; correlation and
// causation are stored, read, exported and imported; and the filters by them.

#include "testcounter.h"
#include "testsupport.h"
#include "testwallet.h"

#include <evented/domain.h>
#include <evented/eventfilter.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <barrier>
#include <thread>

using namespace TestDomain;
using namespace TestSupport;
using namespace Evented;

namespace {

/*! Increase as a gadget, for a Domain: its parameters are the gadget's properties. */
struct Add
{
    Q_GADGET
    Q_PROPERTY(quint64 amount MEMBER amount)
public:
    quint64 amount = 1;

    Decision<Counter, OutOfRange> handle(const QUuid &id, const Counter &counter) const
    {
        return Increase{amount}.handle(id, counter);
    }
};

qint64 commandCount(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("command"))).toLongLong();
}

QList<qint64> seqNos(const QList<RecordedEvent> &events)
{
    QList<qint64> out;
    for (const RecordedEvent &event : events)
        out.append(event.seqNo);
    return out;
}

CommandOptions withId(const QUuid &commandId = QUuid::createUuid())
{
    CommandOptions options;
    options.commandId = commandId;
    return options;
}

/*! Every event of \a store, through the event log. */
QList<RecordedEvent> readAll(EventStore &store, const EventFilter &filter = EventFilter::all())
{
    QList<RecordedEvent> events;
    EventLog log(&store);
    const Error error = log.read(filter, [&events](const RecordedEvent &event) {
        events.append(event);
        return true;
    });
    if (!succeeded(error))
        return {};
    return events;
}

} // namespace

class tst_Commands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    BACKEND_DATA

    void repeatAppendsNothing()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();

        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(counter);
        const auto first = store.handle(counter.value(), Increase{5}, options);
        EVENTED_VERIFY_OK(first);
        QVERIFY(!first.isRepeat());
        QCOMPARE(first.events().size(), 1);
        QCOMPARE(eventCount(schema), 1);
        QCOMPARE(commandCount(schema), 1);

        // Again on a fresh load: the decision would append at version 2; the record refuses it.
        auto fresh = store.load<Counter>(id);
        const auto again = store.handle(fresh.value(), Increase{5}, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.isRepeat());
        QCOMPARE(seqNos(again.events()), seqNos(first.events()));
        QCOMPARE(again.events().first().event, first.events().first().event);
        QCOMPARE(fresh->version(), 1);
        QCOMPARE(fresh->state().value, quint64(5));

        // Again on a stale entity (version 0): the same repeat, and the entity is brought up to date.
        Entity<Counter> stale(id);
        const auto staleAgain = store.handle(stale, Increase{5}, options);
        EVENTED_VERIFY_OK(staleAgain);
        QVERIFY(staleAgain.isRepeat());
        QCOMPARE(seqNos(staleAgain.events()), seqNos(first.events()));
        QCOMPARE(stale.version(), 1);
        QCOMPARE(stale.state().value, quint64(5));

        // A decision that would now be a rejection is still the first outcome.
        auto now = store.load<Counter>(id);
        const auto rejectedNow = store.handle(now.value(), Decrease{100}, options);
        EVENTED_VERIFY_OK(rejectedNow);
        QVERIFY(rejectedNow.isRepeat());
        QCOMPARE(seqNos(rejectedNow.events()), seqNos(first.events()));

        QCOMPARE(eventCount(schema), 1);
        QCOMPARE(commandCount(schema), 1);
        QCOMPARE(store.load<Counter>(id)->state().value, quint64(5));
    }

    void repeatInATransaction()
    {
        // With a listener the append runs in a transaction and records the command after the
        // inserts (on PostgreSQL too): the same repeat, and the listener's writes roll back.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        EVENTED_VERIFY_OK(store.ensureTable(QStringLiteral("heard"), QStringLiteral("seq_no bigint PRIMARY KEY")));
        const QString heard = store.tableName(QStringLiteral("heard"));
        store.setListener<Counter>([heard](const Counter::Event &, const RecordedEvent &recorded, QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("INSERT INTO %1 (seq_no) VALUES (%2)").arg(heard).arg(recorded.seqNo));
            return ListenerResult::check(query);
        });
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();
        auto counter = store.load<Counter>(id);
        const auto first = store.handle(counter.value(), Increase{2}, options);
        EVENTED_VERIFY_OK(first);
        QVERIFY(!first.isRepeat());
        auto fresh = store.load<Counter>(id);
        const auto again = store.handleWithRetry(fresh.value(), Increase{2}, 3, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.isRepeat());
        QCOMPARE(seqNos(again.events()), seqNos(first.events()));
        Entity<Counter> stale(id);
        const auto staleAgain = store.handle(stale, Increase{2}, options);
        EVENTED_VERIFY_OK(staleAgain);
        QVERIFY(staleAgain.isRepeat());
        QCOMPARE(eventCount(schema), 1);
        QCOMPARE(commandCount(schema), 1);
        QCOMPARE(scalar(schema.db(), u"SELECT count(*) FROM " + heard).toLongLong(), 1);
    }

    void rejectionIsNotRecorded()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();
        auto counter = store.load<Counter>(id);
        const auto rejected = store.handle(counter.value(), Decrease{10}, options);
        QVERIFY(rejected.isRejected());
        QCOMPARE(commandCount(schema), 0);
        QCOMPARE(eventCount(schema), 0);

        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{10}));
        // Sent again once it can succeed: it is handled, not a repeat of the rejection.
        const auto later = store.handle(counter.value(), Decrease{10}, options);
        EVENTED_VERIFY_OK(later);
        QVERIFY(!later.isRepeat());
        QCOMPARE(later.events().size(), 1);
        QCOMPARE(counter->state().value, quint64(0));
        QCOMPARE(commandCount(schema), 1);
        QCOMPARE(eventCount(schema), 2);
    }

    void asyncRepeat()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();
        auto first = store.handleAsync<Counter>(id, Increase{3}, defaultMaxAttempts, options);
        const auto one = first.result();
        EVENTED_VERIFY_OK(one.result);
        QVERIFY(!one.result.isRepeat());
        QCOMPARE(one.entity.version(), 1);

        auto second = store.handleAsync<Counter>(id, Increase{3}, defaultMaxAttempts, options);
        const auto two = second.result();
        EVENTED_VERIFY_OK(two.result);
        QVERIFY(two.result.isRepeat());
        QCOMPARE(seqNos(two.result.events()), seqNos(one.result.events()));
        QCOMPARE(two.entity.version(), 1);
        QCOMPARE(two.entity.state().value, quint64(3));

        // The blocking call and the asynchronous one share the record.
        auto counter = store.load<Counter>(id);
        const auto blocking = store.handle(counter.value(), Increase{3}, options);
        QVERIFY(blocking.isRepeat());
        QCOMPARE(eventCount(schema), 1);
        QCOMPARE(commandCount(schema), 1);
    }

    void domainRepeatWithMovedVersion()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        Domain domain;
        domain.addEntityType<Counter>().addCommand<Counter, Add>();
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();
        const QJsonObject parameters{{QStringLiteral("amount"), 4}};

        const DomainResult first = domain.handle(store, QStringLiteral("counter"), id, QStringLiteral("Add"), parameters, 0, options);
        EVENTED_VERIFY_OK(first);
        QVERIFY(!first.repeat);
        QCOMPARE(first.version, 1);

        // --expect-version 0 no longer holds, but this very command moved it: a repeat.
        const DomainResult again = domain.handle(store, QStringLiteral("counter"), id, QStringLiteral("Add"), parameters, 0, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(again.repeat);
        QCOMPARE(seqNos(again.events), seqNos(first.events));
        QCOMPARE(again.version, 1);
        // Without an expected version, the same.
        const DomainResult unchecked = domain.handle(store, QStringLiteral("counter"), id, QStringLiteral("Add"), parameters, -1, options);
        EVENTED_VERIFY_OK(unchecked);
        QVERIFY(unchecked.repeat);
        QCOMPARE(seqNos(unchecked.events), seqNos(first.events));

        // Another command with the stale expectation is a conflict.
        const DomainResult other = domain.handle(store, QStringLiteral("counter"), id, QStringLiteral("Add"), parameters, 0, withId());
        QVERIFY(other.isConflict());
        QCOMPARE(eventCount(schema), 1);
    }

    void raceOfOneCommandId()
    {
        // 8 connections send the same command at the same moment, 20 times (a new id each
        // round): one set of events, seven repeats that report its seq_nos.
        Schema schema;
        {
            EventStore migrate;
            EVENTED_VERIFY_OK(migrate.open(schema.url()));
        }
        constexpr int senders = 8;
        constexpr int rounds = 20;
        const QUuid id = QUuid::createUuid();
        QList<QUuid> commandIds;
        for (int r = 0; r < rounds; ++r)
            commandIds.append(QUuid::createUuid());
        std::barrier sync(senders);
        std::atomic<int> firsts[rounds] = {};
        std::atomic<int> repeats[rounds] = {};
        std::atomic<qint64> winnerSeqNo[rounds] = {};
        QList<qint64> reported[senders];
        std::atomic<int> others = 0;
        std::vector<std::thread> threads;
        for (int w = 0; w < senders; ++w) {
            threads.emplace_back([&, w] {
                EventStore store;
                const bool open = succeeded(store.open(schema.url()));
                if (!open)
                    ++others;
                for (int r = 0; r < rounds; ++r) {
                    sync.arrive_and_wait(); // the previous round is over
                    std::optional<Entity<Counter>> counter;
                    if (open) {
                        if (auto loaded = store.load<Counter>(id); succeeded(loaded))
                            counter = std::move(loaded).value();
                        else
                            ++others;
                    }
                    sync.arrive_and_wait(); // everyone decides on the same version
                    if (!counter) {
                        reported[w].append(-1);
                        continue;
                    }
                    const auto result = store.handle(*counter, Increase{1}, withId(commandIds.at(r)));
                    if (!succeeded(result) || result.events().size() != 1) {
                        ++others;
                        reported[w].append(-1);
                        continue;
                    }
                    reported[w].append(result.events().first().seqNo);
                    if (result.isRepeat()) {
                        ++repeats[r];
                    } else {
                        ++firsts[r];
                        winnerSeqNo[r] = result.events().first().seqNo;
                    }
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(others.load(), 0);
        for (int r = 0; r < rounds; ++r) {
            QCOMPARE(firsts[r].load(), 1);
            QCOMPARE(repeats[r].load(), senders - 1);
            for (int w = 0; w < senders; ++w)
                QCOMPARE(reported[w].at(r), winnerSeqNo[r].load());
        }
        QCOMPARE(eventCount(schema), rounds);
        QCOMPARE(commandCount(schema), rounds);
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        QCOMPARE(store.load<Counter>(id)->state().value, quint64(rounds));
    }

    void pruneCommands()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid id = QUuid::createUuid();
        const CommandOptions options = withId();
        auto counter = store.load<Counter>(id);
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}, options));
        EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}, withId()));
        QCOMPARE(commandCount(schema), 2);

        EventLog log(&store);
        const Result<qint64> none = log.pruneCommands(QDateTime::currentDateTimeUtc().addSecs(-3600));
        EVENTED_VERIFY_OK(none);
        QCOMPARE(none.value(), 0);
        QCOMPARE(commandCount(schema), 2);
        QVERIFY(store.handle(counter.value(), Increase{1}, options).isRepeat());

        const Result<qint64> pruned = log.pruneCommands(QDateTime::currentDateTimeUtc().addSecs(60));
        EVENTED_VERIFY_OK(pruned);
        QCOMPARE(pruned.value(), 2);
        QCOMPARE(commandCount(schema), 0);
        // Forgotten: the same id is handled again.
        const auto again = store.handle(counter.value(), Increase{1}, options);
        EVENTED_VERIFY_OK(again);
        QVERIFY(!again.isRepeat());
        QCOMPARE(eventCount(schema), 3);
        QCOMPARE(counter->state().value, quint64(3));
    }

    void correlationAndCausation()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        auto from = store.load<Wallet>(a);
        EVENTED_VERIFY_OK(store.handle(from.value(), Deposit{100}));

        // Given ids are kept, on every event of the command (here of two entities).
        CommandOptions options = withId();
        options.correlationId = QUuid::createUuid();
        const auto transfer = store.handle(from.value(), Transfer{b, 30}, options);
        EVENTED_VERIFY_OK(transfer);
        QCOMPARE(transfer.events().size(), 2);
        for (const RecordedEvent &event : transfer.events()) {
            QCOMPARE(event.correlationId, options.correlationId);
            QCOMPARE(event.causationId, options.commandId);
        }

        // Without options: a new correlation and a new causation, shared by the command's events.
        const auto plain = store.handle(from.value(), Transfer{b, 10});
        EVENTED_VERIFY_OK(plain);
        const QUuid plainCorrelation = plain.events().first().correlationId;
        const QUuid plainCausation = plain.events().first().causationId;
        QVERIFY(!plainCorrelation.isNull());
        QVERIFY(!plainCausation.isNull());
        QVERIFY(plainCorrelation != options.correlationId);
        QVERIFY(plainCausation != plainCorrelation);
        QCOMPARE(plain.events().last().correlationId, plainCorrelation);
        QCOMPARE(plain.events().last().causationId, plainCausation);
        QCOMPARE(commandCount(schema), 1); // no id, no record

        // Stored: the event log reads back what the command returned.
        const QList<RecordedEvent> stored = readAll(store);
        QCOMPARE(stored.size(), 5);
        for (const RecordedEvent &event : transfer.events() + plain.events()) {
            const auto it = std::find_if(stored.cbegin(), stored.cend(), [&](const RecordedEvent &s) { return s.seqNo == event.seqNo; });
            QVERIFY(it != stored.cend());
            QCOMPARE(it->correlationId, event.correlationId);
            QCOMPARE(it->causationId, event.causationId);
        }
        // A repeat returns them too.
        auto again = store.load<Wallet>(a);
        const auto repeat = store.handle(again.value(), Transfer{b, 30}, options);
        QVERIFY(repeat.isRepeat());
        QCOMPARE(repeat.events().first().correlationId, options.correlationId);
        QCOMPARE(repeat.events().first().causationId, options.commandId);

        // The export line carries them and reads back.
        const RecordedEvent &one = transfer.events().first();
        const QByteArray line = EventLog::toJsonLine(one);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(QStringLiteral("correlation_id")).toString(), options.correlationId.toString(QUuid::WithoutBraces));
        QCOMPARE(object.value(QStringLiteral("causation_id")).toString(), options.commandId.toString(QUuid::WithoutBraces));
        const Result<RecordedEvent> parsed = EventLog::fromJsonLine(line);
        EVENTED_VERIFY_OK(parsed);
        QCOMPARE(parsed->correlationId, one.correlationId);
        QCOMPARE(parsed->causationId, one.causationId);

        // An event written without them (behind evented's back) exports none and reads back null.
        EXEC(schema.db(), u"INSERT INTO " + schema.table(QStringLiteral("event"))
                              + QStringLiteral(" (entity_id, version, type_name, event, metadata) VALUES ('%1', 1, 'wallet', "
                                               "'{\"Deposited\": {\"id\": \"%1\", \"amount\": 1}}', 'null')")
                                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
        const QList<RecordedEvent> withRaw = readAll(store);
        QCOMPARE(withRaw.size(), 6);
        const RecordedEvent raw = withRaw.last();
        QVERIFY(raw.correlationId.isNull());
        QVERIFY(raw.causationId.isNull());
        const QByteArray rawLine = EventLog::toJsonLine(raw);
        QVERIFY(!rawLine.contains("correlation_id"));
        QVERIFY(!rawLine.contains("causation_id"));
        const Result<RecordedEvent> rawParsed = EventLog::fromJsonLine(rawLine);
        EVENTED_VERIFY_OK(rawParsed);
        QVERIFY(rawParsed->correlationId.isNull());

        // Imported into another store: kept, and null stays null.
        Schema copy;
        EventStore target;
        EVENTED_VERIFY_OK(target.open(copy.url()));
        QList<RecordedEvent> lines;
        for (const RecordedEvent &event : withRaw) {
            const Result<RecordedEvent> back = EventLog::fromJsonLine(EventLog::toJsonLine(event));
            EVENTED_VERIFY_OK(back);
            lines.append(back.value());
        }
        EventLog targetLog(&target);
        const Result<qint64> imported = targetLog.import(lines);
        EVENTED_VERIFY_OK(imported);
        QCOMPARE(imported.value(), 6);
        const QList<RecordedEvent> copied = readAll(target);
        QCOMPARE(copied.size(), withRaw.size());
        for (qsizetype i = 0; i < copied.size(); ++i) {
            QCOMPARE(copied.at(i).seqNo, withRaw.at(i).seqNo);
            QCOMPARE(copied.at(i).correlationId, withRaw.at(i).correlationId);
            QCOMPARE(copied.at(i).causationId, withRaw.at(i).causationId);
        }
    }

    void reactingTo()
    {
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        CommandOptions start;
        start.correlationId = QUuid::createUuid();
        auto source = store.load<Counter>(QUuid::createUuid());
        const auto cause = store.handle(source.value(), Increase{1}, start);
        EVENTED_VERIFY_OK(cause);
        const RecordedEvent &event = cause.events().first();

        const CommandOptions once = CommandOptions::reactingTo(event, QStringLiteral("mirror"));
        const CommandOptions twice = CommandOptions::reactingTo(event, QStringLiteral("mirror"));
        QVERIFY(!once.commandId.isNull());
        QCOMPARE(once.commandId, twice.commandId);
        QCOMPARE(once.correlationId, start.correlationId);
        QVERIFY(CommandOptions::reactingTo(event, QStringLiteral("other")).commandId != once.commandId);
        const auto next = store.handle(source.value(), Increase{1});
        EVENTED_VERIFY_OK(next);
        QVERIFY(CommandOptions::reactingTo(next.events().first(), QStringLiteral("mirror")).commandId != once.commandId);

        // Reacting twice (after a crash, say) is a repeat; the reaction joins the conversation.
        auto mirror = store.load<Counter>(QUuid::createUuid());
        const auto reaction = store.handle(mirror.value(), Increase{1}, once);
        EVENTED_VERIFY_OK(reaction);
        QVERIFY(!reaction.isRepeat());
        QCOMPARE(reaction.events().first().correlationId, start.correlationId);
        QCOMPARE(reaction.events().first().causationId, once.commandId);
        const auto reactionAgain = store.handle(mirror.value(), Increase{1}, twice);
        EVENTED_VERIFY_OK(reactionAgain);
        QVERIFY(reactionAgain.isRepeat());
        QCOMPARE(seqNos(reactionAgain.events()), seqNos(reaction.events()));
        QCOMPARE(mirror->state().value, quint64(1));

        // The filters: the conversation has the cause and the reaction; the command its own events.
        const QList<RecordedEvent> conversation = readAll(store, EventFilter::byCorrelation(start.correlationId));
        QCOMPARE(seqNos(conversation), seqNos(cause.events()) + seqNos(reaction.events()));
        const QList<RecordedEvent> byCommand = readAll(store, EventFilter::byCommand(once.commandId));
        QCOMPARE(seqNos(byCommand), seqNos(reaction.events()));
        EventFilter both = EventFilter::byCorrelation(start.correlationId);
        both.causationId = cause.events().first().causationId;
        QCOMPARE(seqNos(readAll(store, both)), seqNos(cause.events()));
        QVERIFY(readAll(store, EventFilter::byCommand(QUuid::createUuid())).isEmpty());
        for (const RecordedEvent &e : readAll(store))
            QCOMPARE(EventFilter::byCorrelation(start.correlationId).matches(e), conversation.contains(e));

        // Pages of the event log take the same filters.
        EventLog log(&store);
        const auto page = log.page(EventFilter::byCorrelation(start.correlationId), 0, 10);
        EVENTED_VERIFY_OK(page);
        QCOMPARE(page->size(), 2);
    }

    void projectionReactsOnce()
    {
        // A projection handler reacts to each event of a source counter with a command on a
        // mirror, from the projection's own thread; replaying the projection reacts again, and
        // those reactions are repeats.
        Schema schema;
        EventStore store;
        EVENTED_VERIFY_OK(store.open(schema.url()));
        const QUuid source = QUuid::createUuid();
        const QUuid mirror = QUuid::createUuid();
        CommandOptions start;
        start.correlationId = QUuid::createUuid();
        auto counter = store.load<Counter>(source);
        for (int i = 0; i < 3; ++i)
            EVENTED_VERIFY_OK(store.handle(counter.value(), Increase{1}, start));

        std::atomic<int> reactions = 0;
        Projection reactor(&store, QStringLiteral("mirror"));
        reactor.setHandler(
            [&store, mirror, &reactions](const RecordedEvent &event, QSqlDatabase &) {
                static_cast<void>(store.handleAsync<Counter>(mirror, Increase{1}, defaultMaxAttempts,
                                                             CommandOptions::reactingTo(event, QStringLiteral("mirror"))));
                ++reactions;
                return ListenerResult::ok();
            },
            EventFilter::byEntity(QStringLiteral("counter"), source));
        reactor.start();
        const auto mirrored = [&store, mirror] {
            const auto loaded = store.load<Counter>(mirror);
            return loaded ? loaded->state().value : quint64(0);
        };
        QTRY_COMPARE(mirrored(), quint64(3));
        reactor.stop();
        EVENTED_VERIFY_OK(reactor.reset(false));
        reactor.start();
        QTRY_COMPARE(reactions.load(), 6);
        // Every reaction of the replay has run on the worker before this read.
        const auto drained = store.runAsync<bool>([] { return true; });
        QTRY_VERIFY(drained.isFinished());
        reactor.stop();
        QCOMPARE(mirrored(), quint64(3));
        // The chain: the reactions joined the source's conversation.
        const QList<RecordedEvent> conversation = readAll(store, EventFilter::byCorrelation(start.correlationId));
        QCOMPARE(conversation.size(), 6);
        QCOMPARE(readAll(store, EventFilter::byEntity(QStringLiteral("counter"), mirror)).size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_Commands)
#include "tst_commands.moc"
