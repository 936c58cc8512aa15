#pragma once

// evented-bench: what the workloads (workloads.cpp), the raw baselines (baselines.cpp) and the
// table of figures (report.cpp) share. See main.cpp for the modes.

#include <evented/eventstore.h>
namespace Evented {
class Projection;
}

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <memory>
#include <variant>

namespace Bench {

using namespace Evented;

inline const QString note = QStringLiteral("lorem ipsum dolor sit amet consectetur adipiscing elit sed do");

// The harness's event: Increased {inc, note} with metadata {ts}.
struct Increased
{
    Q_GADGET
    Q_PROPERTY(qint64 inc MEMBER inc)
    Q_PROPERTY(QString note MEMBER note)
public:
    qint64 inc = 0;
    QString note;
    friend bool operator==(const Increased &, const Increased &) = default;
};

struct Stamp
{
    Q_GADGET
    Q_PROPERTY(QString ts MEMBER ts)
public:
    QString ts;
};

struct Counter
{
    using Event = std::variant<Increased>;
    using Metadata = Stamp;
    static constexpr auto typeName = "counter";
    qint64 last = 0;
    void apply(const Event &event) { last = std::get<Increased>(event).inc; }
};

/*! The counter with snapshots (W1 with snapshots, W9): a snapshot every 100 events. */
struct SnapCounter
{
    Q_GADGET
    Q_PROPERTY(qint64 last MEMBER last)
public:
    using Event = std::variant<Increased>;
    using Metadata = Stamp;
    static constexpr auto typeName = "snap-counter";
    static constexpr int stateVersion = 1;
    static constexpr qint64 snapshotEvery = 100;
    qint64 last = 0;
    void apply(const Event &event) { last = std::get<Increased>(event).inc; }
};

/*! Increased as the code of a later release reads it: version 2 has a unit. */
struct IncreasedV2
{
    Q_GADGET
    Q_PROPERTY(qint64 inc MEMBER inc)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(QString unit MEMBER unit)
public:
    static constexpr auto eventName = "Increased";
    static constexpr int eventVersion = 2;
    qint64 inc = 0;
    QString note;
    QString unit;
};

/*! Counter's events (type "counter", Increased version 1) read through a one-step upcaster
    that adds the unit (W5 with an upcaster). */
struct UpcastCounter
{
    using Event = std::variant<IncreasedV2>;
    using Metadata = Stamp;
    static constexpr auto typeName = "counter";
    static Upcasters upcasters()
    {
        return Upcasters().addField(QStringLiteral("Increased"), 1, QStringLiteral("unit"), QStringLiteral("count"));
    }
    qint64 last = 0;
    void apply(const Event &event) { last = std::get<IncreasedV2>(event).inc; }
};

/*! Appends count events with inc = first, first + 1, … (to a Counter or a SnapCounter). */
struct Increase
{
    qint64 first = 1;
    int count = 1;
    template<typename E>
    Decision<E> handle(const QUuid &, const E &) const
    {
        Decision<E> decision;
        const Stamp stamp{QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)};
        for (int k = 0; k < count; ++k)
            decision.add(Increased{first + k, note}, stamp);
        return decision;
    }
};

/*! The wallets' events (W1 with transfers): money out of one wallet and into another. */
struct Debited
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QString note MEMBER note)
public:
    qint64 amount = 0;
    QString note;
};

struct Credited
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QString note MEMBER note)
public:
    qint64 amount = 0;
    QString note;
};

/*! A wallet: a balance that transfers between wallets of the same type move. */
struct Wallet
{
    using Event = std::variant<Debited, Credited>;
    using Metadata = Stamp;
    static constexpr auto typeName = "bench-wallet";
    qint64 balance = 0;
    void apply(const Event &event)
    {
        if (const auto *debited = std::get_if<Debited>(&event))
            balance -= debited->amount;
        else
            balance += std::get<Credited>(event).amount;
    }
};

/*! Moves \a amount from the command's wallet to wallet \a to: one event on each, appended in
    one transaction. Balances may go below zero: the workload measures the append, not a rule. */
struct Transfer
{
    QUuid to;
    qint64 amount = 1;
    Decision<Wallet> handle(const QUuid &, const Wallet &, CommandScope &scope) const
    {
        const Stamp stamp{QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)};
        (void)scope.state<Wallet>(to); // loaded on first use, as a transfer that checks the payee reads it
        scope.add<Wallet>(to, Credited{amount, note}, stamp);
        Decision<Wallet> decision;
        decision.add(Debited{amount, note}, stamp);
        return decision;
    }
};


/*! A failed step: the workload stops and evented-bench reports it. */
struct Failure
{
    QString message;
};

[[noreturn]] inline void fail(const QString &message)
{
    throw Failure{message};
}


inline double perSecond(qint64 events, qint64 ns)
{
    return ns > 0 ? events * 1e9 / double(ns) : 0;
}

inline double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

inline double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}


/*! Workload sizes: the harness's, or a tenth of a tenth for --quick. */
struct Sizes
{
    int w1 = 5000;
    int w2PerWriter = 2500;
    int w3Batches = 100;
    int w5Streams = 1000;
    int w6Races = 1000;
    int w7Commands = 1000;
    QList<qint64> w9Events = {10'000, 1'000'000};
    int w1Transfers = 2000;
    int transferWallets = 100;
    static Sizes quick() { return {100, 50, 5, 20, 50, 100, {1000, 10'000}, 100, 10}; }
};

/*! SQLite has no notifications: W7's other process sees commits by polling this often. */
constexpr int sqlitePollMs = 50;

// workloads.cpp: the harness's workloads W1-W6, W7 (commit to handler), W8 (catch-up memory),
// W9 (load from a snapshot), W1 with snapshots, with command ids and with transfers, and W5
// with an upcaster
/*! The entity of stream \a stream ("counter-7"): the same id in every process. */
QUuid idOf(const QString &stream);
void open(EventStore &store, const QString &url);
template<typename E, typename C>
void handle(EventStore &store, Entity<E> &entity, const C &command, const CommandOptions &options = {})
{
    const auto result = store.handle(entity, command, options);
    if (!result.isApplied())
        fail(result.error().message());
}
QJsonObject w1(const QString &url, const Sizes &sizes);
/*!
    W1 with snapshots: sizes.w1 commands on 100 Counters and as many on 100 SnapCounters, one
    of each in turn; value is SnapCounter's events/s, ratio its time ÷ Counter's.
*/
QJsonObject w1snapshots(const QString &url, const Sizes &sizes);
/*!
    W1 with command ids: sizes.w1 commands on 100 Counters without an id and as many on 100
    others with a new id each, one of each in turn; value is the events/s with ids, ratio
    their time ÷ the time without.
*/
QJsonObject w1commandIds(const QString &url, const Sizes &sizes);
/*!
    W1 with transfers: sizes.w1Transfers Transfers among sizes.transferWallets wallets, each a
    load of the payer and one handle() (which loads the payee and appends to both in one
    transaction), in turn with as many W1 commands; value is the transfers/s, events twice
    that, w1 the events/s of the W1 commands between them.
*/
QJsonObject w1transfers(const QString &url, const Sizes &sizes);
QJsonObject w2(const QString &url, const Sizes &sizes);
QJsonObject w3(const QString &url, const Sizes &sizes, const char *workload = "w3");
QJsonObject w4(const QString &url);
QJsonObject w5load(const QString &url, const Sizes &sizes);
/*! Catches up over every event with a typed handler (of Counter) that only counts and checks order. */
QJsonObject w5(const QString &url, qint64 expected, const QString &name = QStringLiteral("bench-catch-up"));
/*! The same with an untyped handler, which reads each event as a QJsonValue. */
/*! W5 with \a partitions partitions (workload w5pN), after a reset of its own projection; with
    \a view (w5pNv) its handler adds each event to its counter's row in a view table. */
QJsonObject w5partitioned(const QString &url, qint64 expected, int partitions, bool view);
/*! A rebuild without downtime of a projection with a view over \a events events (workload
    rebuildN): the ms the rebuild took, beside the append and the live version's catch-up. */
QJsonObject rebuild(const QString &url, qint64 events);
/*! Sets \a projection's handler to add each Counter increase to its counter's row of the view
    table \a view (id text, value bigint), which it declares. */
void counterView(Projection &projection, const QString &view);

// models.cpp
/*!
    A ProjectionModel over a view of \a rows rows (workload modelN): the ms until its first
    rows show, the ms until every row is fetched, then a burst of rows / 10 commands through the
    projection: the ms until the model shows them all, the rows changed and resets seen, and the
    longest the event loop stood still meanwhile.
*/
QJsonObject modelWorkload(const QString &url, int rows);
QJsonObject w5json(const QString &url, qint64 expected, const QString &name = QStringLiteral("bench-catch-up-json"));
/*!
    W5 with an upcaster: catch-ups over the same Counter events with a typed handler of Counter
    and of UpcastCounter (one addField per event), alternating; value is the upcast events/s,
    ratio the median over the rounds of its time ÷ Counter's.
*/
QJsonObject w5upcast(const QString &url, qint64 expected);
QJsonObject w6(const QString &url, const Sizes &sizes);
/*! p50 and p99 in ms from commit (handle() returned) to the handler, in this process and in another. */
QJsonObject w7(const QString &url, const Sizes &sizes);
/*! Child process of the cross-process latency: runs a projection, prints "seq ns" per event. */
int latencyChild(const QString &url);
/*! Child process: catches up over the store and prints its peak RSS in kB. */
int rssChild(const QString &url, qint64 expected);
/*! W9: the events after the snapshot, which a load from it folds. */
constexpr qint64 w9Tail = 10;
/*! W9 and its baseline: loads timed, of which the median counts. */
constexpr int w9Samples = 101;
/*!
    W9: a SnapCounter of \a events events, preloaded in bulk SQL, with a snapshot w9Tail events
    before its end; value is the median ms of its loads, state the snapshot's JSON.
*/
QJsonObject w9(const QString &url, qint64 events);
/*! One workload by its harness name (w1, w2, w3, w3p, w4, w5load, w5, w6), or w1ids, w1transfers, w5json. */
QJsonObject runWorkload(const QString &workload, const QString &url, const Sizes &sizes);

// baselines.cpp: the same rows without the library

/*!
    The same rows without the library, in a raw_events table as in the peer harness: what the
    SQL costs through a client library alone. Timed methods return nanoseconds, or ms for a
    read, or events/s for a catch-up; each parses the JSON of each row it reads, as the library does.
*/
class Baseline
{
public:
    virtual ~Baseline() = default;
    /*! W1 and W2: one single-row INSERT per append, the version tracked in memory. */
    virtual qint64 appendSingles(int first, int count, int streams, int streamBase) = 0;
    /*! W3: one 100-row INSERT per append. */
    virtual qint64 appendBatches(const QString &stream, int batches) = 0;
    /*! W4: one stream read and parsed; median of 5, ms. */
    virtual double readStream(const QString &stream) = 0;
    /*! W5: pages of 1000 in seq order, each row's JSON parsed; events/s. */
    virtual double catchUp(qint64 expected) = 0;
    /*! W9: one row holding \a state read by its primary key and parsed; median of w9Samples, ms. */
    virtual double readRow(const QByteArray &state) = 0;
};

using BaselineFactory = std::unique_ptr<Baseline> (*)(const QString &url);
/*! Plain QtSql, on either backend. */
std::unique_ptr<Baseline> qtSqlBaseline(const QString &url);
/*! Bare libpq, on PostgreSQL. */
std::unique_ptr<Baseline> libpqBaseline(const QString &url);
/*! The schema of a PostgreSQL URL's schema option (default public). */
QString schemaOf(const QUrl &url);
/*! Drops the schema of a PostgreSQL store; nothing for SQLite. */
void dropSchema(const QString &url);

// report.cpp
/*! Every workload on a fresh schema or file, next to the baselines, printed as a table. */
int standalone(const QString &url, const Sizes &sizes, bool rss);

} // namespace Bench
