// The model workload: a live ProjectionModel over a large view, its first rows, its pages, and
// a burst of committed changes reaching it row by row while the event loop keeps turning.

#include "bench.h"

#include <evented/projection.h>
#include <evented/projectionmodel.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureSynchronizer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace Bench {

namespace {

const QString viewName = QStringLiteral("bench_model_view");

/*! The view's rows written at once: counter i has value 1. */
void fillView(EventStore &store, int rows)
{
    if (const Error error = store.ensureTable(viewName, QStringLiteral("id text PRIMARY KEY, value bigint NOT NULL"));
        error.isError())
        fail(error.message());
    QSqlDatabase db = store.database();
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO " + store.tableName(viewName) + u" (id, value) VALUES (?, 1)");
    for (int i = 0; i < rows; ++i) {
        insert.addBindValue(idOf(QStringLiteral("model-%1").arg(i)).toString(QUuid::WithoutBraces));
        if (!insert.exec())
            fail(insert.lastError().text());
    }
    if (!db.commit())
        fail(db.lastError().text());
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/*! Runs the event loop until \a done, failing after \a timeoutMs. */
void runUntil(const std::function<bool()> &done, int timeoutMs, const char *what)
{
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(1);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!done())
        fail(QStringLiteral("model: %1 did not happen in %2 ms").arg(QString::fromLatin1(what)).arg(timeoutMs));
}

} // namespace

QJsonObject modelWorkload(const QString &url, int rows)
{
    EventStore store;
    open(store, url);
    fillView(store, rows);
    Projection projection(&store, QStringLiteral("bench-model"));
    counterView(projection, viewName);
    projection.setPollInterval(50);
    projection.start();

    ProjectionModel model(&store);
    model.setProjection(QStringLiteral("bench-model"));
    QElapsedTimer timer;
    timer.start();
    model.setTable(viewName);
    runUntil([&] { return model.isReady(); }, 60'000, "the first page");
    const double firstRowsMs = msSince(timer);
    const int firstRows = model.rowCount();

    // Scrolled to the end: a page each time the last one arrived.
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model, [&model] {
        if (model.canFetchMore({}))
            model.fetchMore({});
    });
    timer.restart();
    model.fetchMore({});
    runUntil([&] { return !model.canFetchMore({}) && model.rowCount() == rows; }, 600'000, "fetching every row");
    const double allRowsMs = msSince(timer);

    // The burst: rows / 10 counters, spread over the view, each increased once by a command on
    // the store's worker, while a timer here measures how long the event loop stands still.
    const int changes = rows / 10;
    qint64 resets = 0, changedRows = 0, inserted = 0, removed = 0;
    QObject::connect(&model, &QAbstractItemModel::modelReset, &model, [&resets] { ++resets; });
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model,
                     [&inserted](const QModelIndex &, int first, int last) { inserted += last - first + 1; });
    QObject::connect(&model, &QAbstractItemModel::rowsRemoved, &model,
                     [&removed](const QModelIndex &, int first, int last) { removed += last - first + 1; });
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                     [&changedRows](const QModelIndex &from, const QModelIndex &to) { changedRows += to.row() - from.row() + 1; });
    double longestStallMs = 0;
    QElapsedTimer sinceTick;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        longestStallMs = std::max(longestStallMs, msSince(sinceTick));
        sinceTick.restart();
    });
    const auto shownAll = [&] {
        if (changedRows < changes)
            return false;
        for (int i = 0; i < changes; ++i) {
            if (model.data(model.index(i * 10, 1)).toLongLong() != 2)
                return false;
        }
        return true;
    };
    // Row i of the model is the i-th id in the view's order.
    QList<QUuid> byRow;
    for (int i = 0; i < rows; i += 10)
        byRow.append(QUuid::fromString(model.data(model.index(i, 0)).toString()));
    timer.restart();
    sinceTick.start();
    tick.start(1);
    QFutureSynchronizer<Handled<Counter, NoRejection>> sent;
    for (const QUuid &id : std::as_const(byRow))
        sent.addFuture(store.handleAsync<Counter>(id, Increase{1, 1}));
    runUntil(shownAll, 600'000, "showing the burst");
    const double burstMs = msSince(timer);
    tick.stop();
    for (const auto &future : sent.futures()) {
        if (!future.result().result.isApplied())
            fail(future.result().result.error().message());
    }
    projection.stop();
    return {{QStringLiteral("workload"), QStringLiteral("model")}, {QStringLiteral("metric"), QStringLiteral("ms")},
            {QStringLiteral("value"), firstRowsMs},         {QStringLiteral("rows"), rows},
            {QStringLiteral("firstRows"), firstRows},       {QStringLiteral("allRowsMs"), allRowsMs},
            {QStringLiteral("changes"), changes},           {QStringLiteral("burstMs"), burstMs},
            {QStringLiteral("rowsChanged"), changedRows},   {QStringLiteral("rowsInserted"), inserted},
            {QStringLiteral("rowsRemoved"), removed},       {QStringLiteral("resets"), resets},
            {QStringLiteral("longestStallMs"), longestStallMs}};
}

} // namespace Bench
