// evented-inspector-bench: how long the inspector takes to open a large store and to browse it.
//
//   evented-inspector-bench --url URL [--events N] [--entities M]
//
// Fills an empty store with N counter events over M entities (default 1,000,000 over 100,000,
// ten versions each) in bulk SQL, then times, in this process, what a user waits for: opening
// the store and showing the first screen (entity types with counts, the first page of entities
// and of the event log), scrolling the entity list and the log page by page, and selecting an
// entity (its history and replay). Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/models.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>

using namespace Evented;

namespace {

/*! One statement that inserts \a entities × \a versions counter events, version-major. */
QString fillSql(const EventStore &store, qint64 entities, qint64 versions)
{
    const QString table = store.tableName(QStringLiteral("event"));
    if (store.database().driverName() == u"QPSQL")
        return u"INSERT INTO " + table
            + u" (entity_id, version, type_name, event, metadata) "
              u"SELECT id, v, 'counter', jsonb_build_object('Increased', jsonb_build_object('id', id, 'inc', 1)), 'null' "
              u"FROM generate_series(1, "
            + QString::number(versions) + u") v, (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(e), 12, '0'))::uuid AS id "
              u"FROM generate_series(1, "
            + QString::number(entities) + u") e) ids ORDER BY v, id";
    return u"WITH RECURSIVE e(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM e WHERE n < " + QString::number(entities)
        + u"), v(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM v WHERE n < " + QString::number(versions)
        + u"), ids AS (SELECT printf('00000000-0000-4000-8000-%012x', n) AS id FROM e) "
          u"INSERT INTO "
        + table
        + u" (entity_id, version, type_name, event, metadata) "
          u"SELECT id, v.n, 'counter', json_object('Increased', json_object('id', id, 'inc', 1)), 'null' "
          u"FROM v, ids ORDER BY v.n, id";
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the inspector over a large store (see bench/inspector.cpp)."));
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("The store."), QStringLiteral("URL"));
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("Events to fill an empty store with."),
                                    QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption entities(QStringLiteral("entities"), QStringLiteral("Entities they belong to."),
                                      QStringLiteral("M"), QStringLiteral("100000"));
    parser.addOptions({url, events, entities});
    parser.process(app);
    if (!parser.isSet(url)) {
        std::fprintf(stderr, "evented-inspector-bench: --url URL is required\n");
        return 2;
    }
    const qint64 eventCount = parser.value(events).toLongLong();
    const qint64 entityCount = std::max<qint64>(1, parser.value(entities).toLongLong());

    {
        EventStore store;
        if (const Error error = store.open(parser.value(url)); error.isError()) {
            std::fprintf(stderr, "evented-inspector-bench: %s\n", qPrintable(error.message()));
            return 1;
        }
        const Result<StoreStats> stats = EventLog(&store).stats();
        if (stats && stats->events == 0) {
            QElapsedTimer fill;
            fill.start();
            QSqlQuery query(store.database());
            if (!query.exec(fillSql(store, entityCount, std::max<qint64>(1, eventCount / entityCount)))) {
                std::fprintf(stderr, "evented-inspector-bench: %s\n", qPrintable(query.lastError().text()));
                return 1;
            }
            query.exec(QStringLiteral("ANALYZE"));
            std::printf("filled %lld events in %.1f s\n", eventCount, msSince(fill) / 1000);
        }
    }

    // What a user waits for, from nothing: open, counts, the first pages, painted.
    QElapsedTimer timer;
    timer.start();
    EventStore store;
    if (const Error error = store.open(parser.value(url)); error.isError()) {
        std::fprintf(stderr, "evented-inspector-bench: %s\n", qPrintable(error.message()));
        return 1;
    }
    const double opened = msSince(timer);
    Inspector::InspectorWidget widget;
    widget.setPollInterval(0);
    widget.resize(1200, 720);
    widget.setStore(&store);
    widget.show();
    QCoreApplication::processEvents();
    const double shown = msSince(timer);
    const qint64 stored = EventLog(&store).stats()->events;

    timer.restart();
    int pages = 0;
    for (; pages < 20 && widget.entitiesModel()->canFetchMore({}); ++pages)
        widget.entitiesModel()->fetchMore({});
    const double entityPage = pages ? msSince(timer) / pages : 0;

    timer.restart();
    int logPages = 0;
    for (; logPages < 20 && widget.logModel()->canFetchMore({}); ++logPages)
        widget.logModel()->fetchMore({});
    const double logPage = logPages ? msSince(timer) / logPages : 0;

    const int rows = widget.entitiesModel()->rowCount();
    const QUuid last = rows ? widget.entitiesModel()->entity(rows - 1).id : QUuid();
    timer.restart();
    widget.selectEntity(QStringLiteral("counter"), last);
    QCoreApplication::processEvents();
    const double select = msSince(timer);

    std::printf("store: %s, %lld events\n", qPrintable(store.database().driverName()), stored);
    std::printf("%-52s %10s\n", "step", "ms");
    std::printf("%-52s %10.1f\n", "open the store", opened);
    std::printf("%-52s %10.1f\n", "open and show the first screen (counts, first pages)", shown);
    std::printf("%-52s %10.1f\n", "next page of 200 entities (mean of 20)", entityPage);
    std::printf("%-52s %10.1f\n", "next page of 500 log events (mean of 20)", logPage);
    std::printf("%-52s %10.1f\n", "select an entity: history and replay", select);
    return 0;
}
