// evented-bench: the workloads of ../shared/bench-peers (W1-W6) through the library's public
// API, plus projection latency (W7) and load/catch-up memory (W8).
//
//   evented-bench --workload W --run R --url URL    one workload, one JSON line (the peer harness)
//   evented-bench --url URL [--quick] [--rss]       every workload on a fresh schema or file, next
//                                                   to a plain QtSql baseline, as a table
//
// Times are wall-clock from the first request to the last acknowledgement; connections are
// opened and warmed before the clock starts.

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdio>
#include <libpq-fe.h>
#include <sys/resource.h>
#include <thread>
#include <variant>

using namespace Evented;

namespace Bench {

const QString note = QStringLiteral("lorem ipsum dolor sit amet consectetur adipiscing elit sed do");

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

/*! Appends count events with inc = first, first + 1, … */
struct Increase
{
    qint64 first = 1;
    int count = 1;
    Decision<Counter> handle(const QUuid &, const Counter &) const
    {
        Decision<Counter> decision;
        const Stamp stamp{QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)};
        for (int k = 0; k < count; ++k)
            decision.add(Increased{first + k, note}, stamp);
        return decision;
    }
};

} // namespace Bench

using namespace Bench;

namespace {

struct Failure
{
    QString message;
};

[[noreturn]] void fail(const QString &message)
{
    throw Failure{message};
}

/*! The entity of stream \a stream ("counter-7"): the same id in every process. */
QUuid idOf(const QString &stream)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("5b0e4f0e-8a43-4c1e-9a5e-0e7e7c3f2a11"));
    return QUuid::createUuidV5(ns, stream);
}

void open(EventStore &store, const QString &url)
{
    if (const Error error = store.open(url); error.isError())
        fail(error.message());
}

void handle(EventStore &store, Entity<Counter> &entity, const Increase &command)
{
    const auto result = store.handle(entity, command);
    if (!result.isApplied())
        fail(result.error().message());
}

double perSecond(qint64 events, qint64 ns)
{
    return ns > 0 ? events * 1e9 / double(ns) : 0;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

double percentile(QList<double> values, double p)
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
    static Sizes quick() { return {100, 50, 5, 20, 50, 100}; }
};

QJsonObject writes(const char *workload, qint64 events, qint64 ns)
{
    return {{QStringLiteral("workload"), QLatin1StringView(workload)},
            {QStringLiteral("metric"), QStringLiteral("events/s")},
            {QStringLiteral("value"), perSecond(events, ns)},
            {QStringLiteral("ms"), ns / 1e6},
            {QStringLiteral("events"), events}};
}

// ------------------------------------------------------------------ the harness workloads

QJsonObject w1(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QList<Entity<Counter>> entities;
    for (int s = 0; s < 100; ++s)
        entities.append(store.load<Counter>(idOf(QStringLiteral("counter-%1").arg(s))).value());
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < sizes.w1; ++i)
        handle(store, entities[i % 100], Increase{i + 1});
    return writes("w1", sizes.w1, timer.nsecsElapsed());
}

QJsonObject w2(const QString &url, const Sizes &sizes)
{
    constexpr int writers = 4;
    std::barrier ready(writers + 1);
    std::atomic<bool> failed = false;
    QString why;
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            EventStore store;
            QList<Entity<Counter>> entities;
            try {
                open(store, url);
                for (int s = 0; s < 25; ++s)
                    entities.append(store.load<Counter>(idOf(QStringLiteral("counter-%1").arg(25 * w + s))).value());
            } catch (const Failure &f) {
                failed = true;
                why = f.message;
            }
            ready.arrive_and_wait();
            for (int i = 0; i < sizes.w2PerWriter && !failed; ++i) {
                const auto result = store.handle(entities[i % 25], Increase{i + 1});
                if (!result.isApplied()) {
                    failed = true;
                    why = result.error().message();
                }
            }
        });
    }
    ready.arrive_and_wait();
    QElapsedTimer timer;
    timer.start();
    for (auto &t : threads)
        t.join();
    const qint64 ns = timer.nsecsElapsed();
    if (failed)
        fail(why);
    return writes("w2", writers * sizes.w2PerWriter, ns);
}

QJsonObject w3(const QString &url, const Sizes &sizes, const char *workload = "w3")
{
    EventStore store;
    open(store, url);
    auto entity = store.load<Counter>(idOf(QStringLiteral("counter-batch"))).value();
    QElapsedTimer timer;
    timer.start();
    for (int b = 0; b < sizes.w3Batches; ++b)
        handle(store, entity, Increase{qint64(b) * 100 + 1, 100});
    return writes(workload, sizes.w3Batches * 100, timer.nsecsElapsed());
}

QJsonObject w4(const QString &url)
{
    EventStore store;
    open(store, url);
    const QUuid id = idOf(QStringLiteral("counter-batch"));
    QList<double> samples;
    QJsonArray json;
    qint64 version = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto entity = store.load<Counter>(id);
        samples.append(timer.nsecsElapsed() / 1e6);
        json.append(samples.last());
        if (!entity)
            fail(entity.error().message());
        version = entity->version();
    }
    return {{QStringLiteral("workload"), QStringLiteral("w4")}, {QStringLiteral("metric"), QStringLiteral("ms")},
            {QStringLiteral("value"), median(samples)}, {QStringLiteral("samples"), json},
            {QStringLiteral("events"), version}};
}

QJsonObject w5load(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QElapsedTimer timer;
    timer.start();
    for (int s = 0; s < sizes.w5Streams; ++s) {
        Entity<Counter> entity(idOf(QStringLiteral("counter-%1").arg(s))); // new: version 0, no load needed
        handle(store, entity, Increase{qint64(s) * 100 + 1, 100});
    }
    return writes("w5load", sizes.w5Streams * 100, timer.nsecsElapsed());
}

/*! Catches up over every event with a projection whose handler only counts and checks order. */
QJsonObject w5(const QString &url, qint64 expected, const QString &name = QStringLiteral("bench-catch-up"))
{
    EventStore store;
    open(store, url);
    Projection projection(&store, name);
    qint64 count = 0;
    qint64 last = 0;
    bool ordered = true;
    projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
        const qint64 inc = event.event[QLatin1StringView("Increased")][QLatin1StringView("inc")].toInteger();
        ordered = ordered && inc == last + 1;
        last = inc;
        ++count;
        return ListenerResult::ok();
    });
    projection.setBatchSize(1000);
    QEventLoop loop;
    QObject::connect(&projection, &Projection::caughtUp, &loop, &QEventLoop::quit);
    QObject::connect(&projection, &Projection::errorOccurred, &loop, [&](const Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    projection.start();
    loop.exec();
    const qint64 ns = timer.nsecsElapsed();
    projection.stop();
    if (count != expected)
        fail(QStringLiteral("caught up over %1 events, expected %2").arg(count).arg(expected));
    QJsonObject result = writes("w5", count, ns);
    result.insert(QStringLiteral("ordered"), ordered);
    return result;
}

QJsonObject w6(const QString &url, const Sizes &sizes)
{
    const QUuid id = idOf(QStringLiteral("counter-race"));
    std::barrier sync(3);
    std::atomic<int> winners = 0;
    std::atomic<int> losers = 0;
    std::atomic<int> others = 0;
    std::atomic<bool> exactlyOne = true;
    std::vector<std::thread> threads;
    for (int w = 0; w < 2; ++w) {
        threads.emplace_back([&] {
            EventStore store;
            const Error error = store.open(url);
            const bool opened = !error.isError();
            if (!opened)
                std::fprintf(stderr, "evented-bench: %s\n", qPrintable(error.message()));
            sync.arrive_and_wait();
            for (int r = 0; r < sizes.w6Races; ++r) {
                Entity<Counter> entity(id, Counter{r}, r);
                sync.arrive_and_wait();
                if (!opened) {
                    ++others;
                } else if (const auto result = store.handle(entity, Increase{r + 1}); result.isApplied()) {
                    ++winners;
                } else if (result.isConflict()) {
                    ++losers;
                } else {
                    ++others;
                }
                sync.arrive_and_wait();
            }
        });
    }
    int before = 0;
    sync.arrive_and_wait();
    QElapsedTimer timer;
    timer.start();
    for (int r = 0; r < sizes.w6Races; ++r) {
        sync.arrive_and_wait(); // go
        sync.arrive_and_wait(); // both done
        const int now = winners.load();
        if (now != before + 1)
            exactlyOne = false;
        before = now;
    }
    const qint64 ns = timer.nsecsElapsed();
    for (auto &t : threads)
        t.join();
    EventStore store;
    open(store, url);
    const qint64 length = store.load<Counter>(id)->version();
    if (others > 0)
        fail(QStringLiteral("%1 appends failed with something other than a version conflict").arg(others.load()));
    return {{QStringLiteral("workload"), QStringLiteral("w6")}, {QStringLiteral("metric"), QStringLiteral("races/s")},
            {QStringLiteral("value"), perSecond(sizes.w6Races, ns)}, {QStringLiteral("races"), sizes.w6Races},
            {QStringLiteral("winners"), winners.load()}, {QStringLiteral("losers"), losers.load()},
            {QStringLiteral("exactlyOneWinner"), exactlyOne.load() && losers == sizes.w6Races},
            {QStringLiteral("streamLength"), length}};
}

// ------------------------------------------------------------------ W7: commit to handler

constexpr int sqlitePollMs = 50;

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/*! Child process of the cross-process latency: runs a projection, prints "seq ns" per event. */
int latencyChild(const QString &url)
{
    EventStore store;
    open(store, url);
    Projection projection(&store, QStringLiteral("bench-latency-child"));
    // SQLite has no notifications: another process sees commits by polling.
    if (QUrl(url).scheme() == u"sqlite")
        projection.setPollInterval(sqlitePollMs);
    projection.setHandler([](const RecordedEvent &event, QSqlDatabase &) {
        std::printf("%lld %lld\n", static_cast<long long>(event.seqNo), static_cast<long long>(monotonicNs()));
        std::fflush(stdout);
        return ListenerResult::ok();
    });
    QObject::connect(&projection, &Projection::caughtUp, [] {
        std::printf("live\n");
        std::fflush(stdout);
    });
    projection.start();
    return QCoreApplication::exec();
}

/*! p50 and p99 in ms from commit (handle() returned) to the handler, in this process and in another. */
QJsonObject w7(const QString &url, const Sizes &sizes)
{
    EventStore store;
    open(store, url);
    QHash<qint64, qint64> handledAt; // seq_no -> ns, filled in the projection's thread
    QMutex mutex;
    Projection projection(&store, QStringLiteral("bench-latency"));
    projection.setHandler([&](const RecordedEvent &event, QSqlDatabase &) {
        const qint64 now = monotonicNs();
        QMutexLocker lock(&mutex);
        handledAt.insert(event.seqNo, now);
        return ListenerResult::ok();
    });
    projection.setBatchSize(100);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--latency-child"), url});
    QByteArray childOut;
    QElapsedTimer wait;
    wait.start();
    while (!childOut.contains("live") && wait.elapsed() < 30'000 && child.state() != QProcess::NotRunning) {
        child.waitForReadyRead(100);
        childOut += child.readAllStandardOutput();
    }
    if (!childOut.contains("live"))
        fail(QStringLiteral("the latency child did not start"));
    projection.start();
    QThread::msleep(200);

    QHash<qint64, qint64> committedAt;
    auto entity = store.load<Counter>(idOf(QStringLiteral("counter-latency"))).value();
    for (int i = 0; i < sizes.w7Commands; ++i) {
        const auto result = store.handle(entity, Increase{i + 1});
        const qint64 now = monotonicNs();
        if (!result.isApplied())
            fail(result.error().message());
        committedAt.insert(result.events().first().seqNo, now);
        // Spaced commands: latency, not throughput. The event loop delivers the commit signal.
        QElapsedTimer gap;
        gap.start();
        while (gap.elapsed() < 3)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    QElapsedTimer drain;
    drain.start();
    while (drain.elapsed() < 10'000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        child.waitForReadyRead(10);
        childOut += child.readAllStandardOutput();
        const qsizetype childEvents = childOut.count('\n') - childOut.count("live\n");
        QMutexLocker lock(&mutex);
        if (handledAt.size() >= committedAt.size() && childEvents >= committedAt.size())
            break;
    }
    projection.stop();
    child.kill();
    child.waitForFinished();
    QHash<qint64, qint64> childAt;
    for (const QByteArray &line : childOut.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2)
            childAt.insert(parts[0].toLongLong(), parts[1].toLongLong());
    }
    QList<double> inProcess, crossProcess;
    for (auto it = committedAt.cbegin(); it != committedAt.cend(); ++it) {
        if (handledAt.contains(it.key()))
            inProcess.append(std::max<qint64>(0, handledAt.value(it.key()) - it.value()) / 1e6);
        if (childAt.contains(it.key()))
            crossProcess.append(std::max<qint64>(0, childAt.value(it.key()) - it.value()) / 1e6);
    }
    if (inProcess.size() != committedAt.size() || crossProcess.size() != committedAt.size())
        fail(QStringLiteral("latency: %1 in-process and %2 cross-process of %3 events handled")
                 .arg(inProcess.size())
                 .arg(crossProcess.size())
                 .arg(committedAt.size()));
    return {{QStringLiteral("workload"), QStringLiteral("w7")},
            {QStringLiteral("inProcessP50"), percentile(inProcess, 0.5)},
            {QStringLiteral("inProcessP99"), percentile(inProcess, 0.99)},
            {QStringLiteral("crossProcessP50"), percentile(crossProcess, 0.5)},
            {QStringLiteral("crossProcessP99"), percentile(crossProcess, 0.99)},
            {QStringLiteral("commands"), sizes.w7Commands}};
}

// ------------------------------------------------------------------ W8: catch-up memory

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/*! Child process: catches up over the store and prints its peak RSS in kB. */
int rssChild(const QString &url, qint64 expected)
{
    const QJsonObject result = w5(url, expected, QStringLiteral("bench-rss-%1").arg(expected));
    std::printf("%lld %f\n", static_cast<long long>(peakRssKb()), result.value(QLatin1StringView("value")).toDouble());
    return 0;
}

// ------------------------------------------------------------------ the raw baselines

QString rawData(qint64 inc)
{
    return QStringLiteral(R"({"inc": %1, "note": "%2"})").arg(inc).arg(note);
}

QString rawMetadata()
{
    return QStringLiteral(R"({"ts": "%1"})").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
}

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
};

QString schemaOf(const QUrl &url)
{
    const QString schema = QUrlQuery(url).queryItemValue(QStringLiteral("schema"));
    return schema.isEmpty() ? QStringLiteral("public") : schema;
}

class QtSqlBaseline final : public Baseline
{
public:
    explicit QtSqlBaseline(const QString &url)
    {
        const QUrl u(url);
        static QAtomicInteger<int> counter;
        m_name = QStringLiteral("raw-%1").arg(counter.fetchAndAddRelaxed(1));
        if (u.scheme() == u"sqlite") {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(u.path());
            m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(u.host());
            m_db.setPort(u.port(5432));
            m_db.setUserName(u.userName());
            m_db.setPassword(u.password());
            m_db.setDatabaseName(u.path().mid(1));
        }
        if (!m_db.open())
            fail(m_db.lastError().text());
        if (u.scheme() == u"sqlite") {
            exec(QStringLiteral("PRAGMA journal_mode = WAL"));
            exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
            exec(QStringLiteral("CREATE TABLE IF NOT EXISTS raw_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT, "
                                "version INTEGER, type TEXT, data TEXT, metadata TEXT, UNIQUE (stream, version))"));
        } else {
            // In the store's schema, beside the store's tables.
            exec(QStringLiteral("SET client_min_messages = warning"));
            exec(u"SET search_path TO " + schemaOf(u));
            exec(QStringLiteral("CREATE TABLE IF NOT EXISTS raw_events (seq bigserial PRIMARY KEY, stream text, "
                                "version bigint, type text, data jsonb, metadata jsonb, UNIQUE (stream, version))"));
        }
    }
    ~QtSqlBaseline() override
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    void exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            fail(query.lastError().text());
    }

    qint64 appendSingles(int first, int count, int streams, int streamBase) override
    {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO raw_events (stream, version, type, data, metadata) VALUES (?, ?, 'Increased', ?, ?)"));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            insert.addBindValue(QStringLiteral("counter-%1").arg(streamBase + i % streams));
            insert.addBindValue(i / streams + 1);
            insert.addBindValue(rawData(first + i));
            insert.addBindValue(rawMetadata());
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        return timer.nsecsElapsed();
    }

    qint64 appendBatches(const QString &stream, int batches) override
    {
        QString sql = QStringLiteral("INSERT INTO raw_events (stream, version, type, data, metadata) VALUES ");
        for (int k = 0; k < 100; ++k)
            sql += (k ? QStringLiteral(", ") : QString()) + QStringLiteral("(?, ?, 'Increased', ?, ?)");
        QSqlQuery insert(m_db);
        insert.prepare(sql);
        QElapsedTimer timer;
        timer.start();
        for (int b = 0; b < batches; ++b) {
            const QString ts = rawMetadata();
            for (int k = 1; k <= 100; ++k) {
                insert.addBindValue(stream);
                insert.addBindValue(b * 100 + k);
                insert.addBindValue(rawData(b * 100 + k));
                insert.addBindValue(ts);
            }
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        return timer.nsecsElapsed();
    }

    double readStream(const QString &stream) override
    {
        QList<double> samples;
        for (int i = 0; i < 5; ++i) {
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            QElapsedTimer timer;
            timer.start();
            query.prepare(QStringLiteral("SELECT version, data, metadata FROM raw_events WHERE stream = ? ORDER BY version"));
            query.addBindValue(stream);
            if (!query.exec())
                fail(query.lastError().text());
            while (query.next()) {
                QJsonDocument::fromJson(query.value(1).toString().toUtf8());
                QJsonDocument::fromJson(query.value(2).toString().toUtf8());
            }
            samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

    double catchUp(qint64 expected) override
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT seq, data, metadata FROM raw_events WHERE seq > ? ORDER BY seq LIMIT 1000"));
        qint64 last = 0, count = 0;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            query.addBindValue(last);
            if (!query.exec())
                fail(query.lastError().text());
            qint64 page = 0;
            while (query.next()) {
                last = query.value(0).toLongLong();
                QJsonDocument::fromJson(query.value(1).toString().toUtf8());
                QJsonDocument::fromJson(query.value(2).toString().toUtf8());
                ++page;
            }
            count += page;
            if (page == 0)
                break;
        }
        if (count != expected)
            fail(QStringLiteral("raw catch-up read %1 of %2").arg(count).arg(expected));
        return perSecond(count, timer.nsecsElapsed());
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

/*! The same through bare libpq: prepared statements, parameters bound, rows read as text. */
class LibpqBaseline final : public Baseline
{
public:
    explicit LibpqBaseline(const QString &url)
    {
        const QUrl u(url);
        const QString conninfo = QStringLiteral("host='%1' port=%2 user='%3' password='%4' dbname='%5'")
                                     .arg(u.host())
                                     .arg(u.port(5432))
                                     .arg(u.userName(), u.password(), u.path().mid(1));
        m_conn = PQconnectdb(conninfo.toUtf8().constData());
        if (PQstatus(m_conn) != CONNECTION_OK)
            fail(QString::fromUtf8(PQerrorMessage(m_conn)).simplified());
        exec(QString(u"SET search_path TO " + schemaOf(u)).toUtf8());
        exec("SET client_min_messages = warning");
        exec("CREATE TABLE IF NOT EXISTS raw_events_libpq (seq bigserial PRIMARY KEY, stream text, version bigint, "
             "type text, data jsonb, metadata jsonb, UNIQUE (stream, version))");
    }
    ~LibpqBaseline() override { PQfinish(m_conn); }

    qint64 appendSingles(int first, int count, int streams, int streamBase) override
    {
        prepare("single", "INSERT INTO raw_events_libpq (stream, version, type, data, metadata) "
                          "VALUES ($1, $2, 'Increased', $3, $4)", 4);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            const QByteArray values[] = {"counter-" + QByteArray::number(streamBase + i % streams),
                                         QByteArray::number(i / streams + 1), rawData(first + i).toUtf8(),
                                         rawMetadata().toUtf8()};
            run("single", values, 4, PGRES_COMMAND_OK);
        }
        return timer.nsecsElapsed();
    }

    qint64 appendBatches(const QString &stream, int batches) override
    {
        QByteArray sql = "INSERT INTO raw_events_libpq (stream, version, type, data, metadata) VALUES ";
        for (int k = 0; k < 100; ++k)
            sql += (k ? ", " : "") + QStringLiteral("($%1, $%2, 'Increased', $%3, $%4)").arg(4 * k + 1).arg(4 * k + 2).arg(4 * k + 3).arg(4 * k + 4).toUtf8();
        prepare("batch", sql, 400);
        QElapsedTimer timer;
        timer.start();
        QList<QByteArray> values(400);
        for (int b = 0; b < batches; ++b) {
            const QByteArray ts = rawMetadata().toUtf8();
            for (int k = 0; k < 100; ++k) {
                values[4 * k] = stream.toUtf8();
                values[4 * k + 1] = QByteArray::number(b * 100 + k + 1);
                values[4 * k + 2] = rawData(b * 100 + k + 1).toUtf8();
                values[4 * k + 3] = ts;
            }
            run("batch", values.constData(), 400, PGRES_COMMAND_OK);
        }
        return timer.nsecsElapsed();
    }

    double readStream(const QString &stream) override
    {
        prepare("read", "SELECT version, data, metadata FROM raw_events_libpq WHERE stream = $1 ORDER BY version", 1);
        QList<double> samples;
        const QByteArray values[] = {stream.toUtf8()};
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            PGresult *result = run("read", values, 1, PGRES_TUPLES_OK);
            for (int r = 0; r < PQntuples(result); ++r) {
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 1), PQgetlength(result, r, 1)));
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 2), PQgetlength(result, r, 2)));
            }
            PQclear(result);
            samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

    double catchUp(qint64 expected) override
    {
        prepare("page", "SELECT seq, data, metadata FROM raw_events_libpq WHERE seq > $1 ORDER BY seq LIMIT 1000", 1);
        qint64 last = 0, count = 0;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            const QByteArray values[] = {QByteArray::number(last)};
            PGresult *result = run("page", values, 1, PGRES_TUPLES_OK);
            const int page = PQntuples(result);
            for (int r = 0; r < page; ++r) {
                last = QByteArray(PQgetvalue(result, r, 0)).toLongLong();
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 1), PQgetlength(result, r, 1)));
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 2), PQgetlength(result, r, 2)));
            }
            PQclear(result);
            count += page;
            if (page == 0)
                break;
        }
        if (count != expected)
            fail(QStringLiteral("libpq catch-up read %1 of %2").arg(count).arg(expected));
        return perSecond(count, timer.nsecsElapsed());
    }

private:
    void exec(const QByteArray &sql)
    {
        PGresult *result = PQexec(m_conn, sql.constData());
        check(result, PGRES_COMMAND_OK);
        PQclear(result);
    }
    void prepare(const char *name, const QByteArray &sql, int parameters)
    {
        if (m_prepared.contains(name))
            return;
        m_prepared.insert(name);
        PGresult *result = PQprepare(m_conn, name, sql.constData(), parameters, nullptr);
        check(result, PGRES_COMMAND_OK);
        PQclear(result);
    }
    /*! Executes a prepared statement; the caller clears a PGRES_TUPLES_OK result. */
    PGresult *run(const char *name, const QByteArray *values, int n, ExecStatusType expected)
    {
        std::vector<const char *> pointers(n);
        for (int i = 0; i < n; ++i)
            pointers[i] = values[i].constData();
        PGresult *result = PQexecPrepared(m_conn, name, n, pointers.data(), nullptr, nullptr, 0);
        check(result, expected);
        if (expected == PGRES_TUPLES_OK)
            return result;
        PQclear(result);
        return nullptr;
    }
    void check(PGresult *result, ExecStatusType expected)
    {
        if (PQresultStatus(result) != expected) {
            const QString message = QString::fromUtf8(PQresultErrorMessage(result)).simplified();
            PQclear(result);
            fail(message);
        }
    }

    PGconn *m_conn = nullptr;
    QSet<QByteArray> m_prepared;
};

// ------------------------------------------------------------------ modes

QJsonObject runWorkload(const QString &workload, const QString &url, const Sizes &sizes)
{
    if (workload == u"w1")
        return w1(url, sizes);
    if (workload == u"w2")
        return w2(url, sizes);
    if (workload == u"w3")
        return w3(url, sizes);
    if (workload == u"w3p")
        return w3(url, sizes, "w3p");
    if (workload == u"w4")
        return w4(url);
    if (workload == u"w5load")
        return w5load(url, sizes);
    if (workload == u"w5")
        return w5(url, qint64(sizes.w5Streams) * 100);
    if (workload == u"w6")
        return w6(url, sizes);
    fail(QStringLiteral("unknown workload %1").arg(workload));
}

/*! A fresh store for one standalone workload: a new schema, or a new SQLite file. */
QString freshUrl(const QString &base, QTemporaryDir &dir, int n)
{
    QUrl u(base);
    if (u.scheme() == u"sqlite")
        return QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench-%1.db").arg(n));
    QUrlQuery query(u);
    query.removeAllQueryItems(QStringLiteral("schema"));
    query.addQueryItem(QStringLiteral("schema"), QStringLiteral("bench_%1_%2").arg(QCoreApplication::applicationPid()).arg(n));
    u.setQuery(query);
    return u.toString();
}

void dropSchema(const QString &url)
{
    const QUrl u(url);
    if (u.scheme() == u"sqlite")
        return;
    QtSqlBaseline(url).exec(u"DROP SCHEMA " + schemaOf(u) + u" CASCADE");
}

int standalone(const QString &url, const Sizes &sizes, bool rss)
{
    QTemporaryDir dir;
    int n = 0;
    // The baselines of this backend: plain QtSql always, bare libpq on PostgreSQL.
    using Factory = std::function<std::unique_ptr<Baseline>(const QString &)>;
    QList<std::pair<QString, Factory>> baselines = {
        {QStringLiteral("plain QtSql"), [](const QString &u) { return std::make_unique<QtSqlBaseline>(u); }}};
    if (QUrl(url).scheme() != u"sqlite")
        baselines.append({QStringLiteral("bare libpq"), [](const QString &u) { return std::make_unique<LibpqBaseline>(u); }});

    struct Row
    {
        QString name;
        QString evented;
        QStringList raw; // per baseline: "figure (ratio)"
    };
    QList<Row> rows;
    auto fmt = [](double v, int decimals = 0) { return QLocale(QLocale::English).toString(v, 'f', decimals); };
    // Each baseline measured on the store of the workload; the ratio is evented ÷ baseline
    // (for times, baseline ÷ evented), so that above 1 is better for the library.
    auto compare = [&](const QString &store, double lib, bool time, int decimals,
                       const std::function<double(Baseline &, const QString &store)> &measure) {
        QStringList cells;
        for (const auto &[name, make] : std::as_const(baselines)) {
            const double raw = measure(*make(store), store);
            const double ratio = time ? raw / lib : lib / raw;
            cells << fmt(raw, decimals) + u" (" + fmt(ratio, 2) + u')';
        }
        return cells;
    };

    { // W1
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w1(store, sizes).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W1 sequential, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         return perSecond(sizes.w1, raw.appendSingles(1, sizes.w1, 100, 0));
                     })});
        dropSchema(store);
    }
    { // W2
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w2(store, sizes).value(QLatin1StringView("value")).toDouble();
        int round = 0;
        rows.append({QStringLiteral("W2 4 writers, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &, const QString &s) {
                         // Four writers of their own; streams apart from the other baselines'.
                         const int base = 100 * ++round;
                         std::atomic<qint64> longest = 0;
                         std::barrier go(4);
                         std::vector<std::thread> threads;
                         const Factory make = baselines.at(round - 1).second;
                         for (int w = 0; w < 4; ++w)
                             threads.emplace_back([&, w] {
                                 auto own = make(s);
                                 go.arrive_and_wait();
                                 const qint64 ns = own->appendSingles(1, sizes.w2PerWriter, 25, base + 25 * w);
                                 qint64 seen = longest.load();
                                 while (ns > seen && !longest.compare_exchange_weak(seen, ns)) {
                                 }
                             });
                         for (auto &t : threads)
                             t.join();
                         return perSecond(4 * sizes.w2PerWriter, longest);
                     })});
        dropSchema(store);
    }
    { // W3, W4
        const QString store = freshUrl(url, dir, ++n);
        const double lib = w3(store, sizes).value(QLatin1StringView("value")).toDouble();
        const double libRead = w4(store).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W3 100-event commands, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         return perSecond(sizes.w3Batches * 100, raw.appendBatches(QStringLiteral("counter-batch"), sizes.w3Batches));
                     })});
        rows.append({QStringLiteral("W4/W8 load %1-event entity, ms").arg(sizes.w3Batches * 100), fmt(libRead, 1),
                     compare(store, libRead, true, 1, [&](Baseline &raw, const QString &) {
                         return raw.readStream(QStringLiteral("counter-batch"));
                     })});
        dropSchema(store);
    }
    { // W5
        const QString store = freshUrl(url, dir, ++n);
        const qint64 total = qint64(sizes.w5Streams) * 100;
        const double load = w5load(store, sizes).value(QLatin1StringView("value")).toDouble();
        const double lib = w5(store, total).value(QLatin1StringView("value")).toDouble();
        rows.append({QStringLiteral("W5 preload (100-event commands), events/s"), fmt(load), {}});
        rows.append({QStringLiteral("W5 projection catch-up, events/s"), fmt(lib),
                     compare(store, lib, false, 0, [&](Baseline &raw, const QString &) {
                         for (int s = 0; s < sizes.w5Streams; ++s)
                             raw.appendBatches(QStringLiteral("counter-%1").arg(s), 1);
                         return raw.catchUp(total);
                     })});
        dropSchema(store);
    }
    { // W6
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w6(store, sizes);
        if (!r.value(QLatin1StringView("exactlyOneWinner")).toBool())
            fail(QStringLiteral("W6: a race without exactly one winner and one typed conflict"));
        rows.append({QStringLiteral("W6 races, races/s"),
                     QStringLiteral("%1 (W=%2 L=%3)")
                         .arg(fmt(r.value(QLatin1StringView("value")).toDouble()))
                         .arg(r.value(QLatin1StringView("winners")).toInt())
                         .arg(r.value(QLatin1StringView("losers")).toInt()),
                     {}});
        dropSchema(store);
    }
    { // W7
        const QString store = freshUrl(url, dir, ++n);
        const QJsonObject r = w7(store, sizes);
        auto ms = [&](const char *key) { return fmt(r.value(QLatin1StringView(key)).toDouble(), 2); };
        rows.append({QStringLiteral("W7 commit to handler, in-process p50 / p99, ms"),
                     ms("inProcessP50") + u" / " + ms("inProcessP99"), {}});
        rows.append({QUrl(url).scheme() == u"sqlite"
                         ? QStringLiteral("W7 commit to handler, other process (polling every %1 ms) p50 / p99, ms").arg(sqlitePollMs)
                         : QStringLiteral("W7 commit to handler, other process p50 / p99, ms"),
                     ms("crossProcessP50") + u" / " + ms("crossProcessP99"), {}});
        dropSchema(store);
    }
    if (rss) { // W8: peak RSS of a catch-up must not grow with the store
        const QString store = freshUrl(url, dir, ++n);
        qint64 loaded = 0;
        for (const int streams : {1000, 10000}) {
            {
                EventStore s;
                open(s, store);
                for (int k = int(loaded / 100); k < streams; ++k) {
                    Entity<Counter> entity(idOf(QStringLiteral("counter-%1").arg(k)));
                    handle(s, entity, Increase{qint64(k) * 100 + 1, 100});
                }
            }
            loaded = qint64(streams) * 100;
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--rss-child"), store, QString::number(loaded)});
            child.waitForFinished(600'000);
            const QList<QByteArray> parts = child.readAllStandardOutput().trimmed().split(' ');
            rows.append({QStringLiteral("W8 catch-up over %1 events: peak RSS MiB (events/s)").arg(fmt(double(loaded))),
                         fmt(parts.value(0).toDouble() / 1024, 1) + u" (" + fmt(parts.value(1).toDouble()) + u')', {}});
        }
        dropSchema(store);
    }

    QTextStream out(stdout);
    const QString backend = QUrl(url).scheme() == u"sqlite" ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
    out << "| " << backend << (sizes.w1 < 5000 ? " (quick)" : "") << " | evented |";
    for (const auto &baseline : std::as_const(baselines))
        out << ' ' << baseline.first << " (evented ÷ it) |";
    out << "\n|---|---|" << QString(QStringLiteral("---|")).repeated(baselines.size()) << '\n';
    for (const Row &row : std::as_const(rows)) {
        out << "| " << row.name << " | " << row.evented << " |";
        for (qsizetype i = 0; i < baselines.size(); ++i)
            out << ' ' << row.raw.value(i) << " |";
        out << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks of the event store (see bench/main.cpp)."));
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("The store."), QStringLiteral("URL"));
    const QCommandLineOption workload(QStringLiteral("workload"), QStringLiteral("One workload, for the peer harness."),
                                      QStringLiteral("W"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("The harness's run number."), QStringLiteral("R"), QStringLiteral("1"));
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Small sizes (a smoke test)."));
    const QCommandLineOption rss(QStringLiteral("rss"), QStringLiteral("Also W8: catch-up memory over 100,000 and 1,000,000 events."));
    const QCommandLineOption latencyChildOption(QStringLiteral("latency-child"), QStringLiteral("internal"), QStringLiteral("URL"));
    const QCommandLineOption rssChildOption(QStringLiteral("rss-child"), QStringLiteral("internal"), QStringLiteral("URL"));
    parser.addOptions({url, workload, run, quick, rss, latencyChildOption, rssChildOption});
    parser.process(app);

    const Sizes sizes = parser.isSet(quick) ? Sizes::quick() : Sizes();
    try {
        if (parser.isSet(latencyChildOption))
            return latencyChild(parser.value(latencyChildOption));
        if (parser.isSet(rssChildOption))
            return rssChild(parser.value(rssChildOption), parser.positionalArguments().value(0).toLongLong());
        if (!parser.isSet(url)) {
            std::fprintf(stderr, "evented-bench: --url URL is required\n");
            return 2;
        }
        if (!parser.isSet(workload))
            return standalone(parser.value(url), sizes, parser.isSet(rss));
        QJsonObject result = runWorkload(parser.value(workload), parser.value(url), sizes);
        result.insert(QStringLiteral("system"), QStringLiteral("evented"));
        result.insert(QStringLiteral("run"), parser.value(run).toInt());
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return 0;
    } catch (const Failure &f) {
        const QJsonObject error{{QStringLiteral("system"), QStringLiteral("evented")},
                                {QStringLiteral("workload"), parser.value(workload)},
                                {QStringLiteral("run"), parser.value(run).toInt()},
                                {QStringLiteral("error"), f.message}};
        std::printf("%s\n", QJsonDocument(error).toJson(QJsonDocument::Compact).constData());
        std::fprintf(stderr, "evented-bench: %s\n", qPrintable(f.message));
        return 1;
    }
}

#include "main.moc"
