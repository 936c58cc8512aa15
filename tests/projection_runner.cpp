// Runs one projection in a process of its own, for the tests of single-instance and partitioned
// projections across processes: projection_runner URL NAME TABLE [PARTITIONS]. The handler
// inserts each event's seq_no into TABLE (a primary key, so a duplicate fails); every status
// change is printed as a line.

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QCoreApplication>
#include <QMetaEnum>
#include <QSqlQuery>

#include <cstdio>

using namespace Evented;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 && args.size() != 5) {
        std::fprintf(stderr, "usage: projection_runner URL NAME TABLE [PARTITIONS]\n");
        return 2;
    }
    EventStore store;
    if (const Error error = store.open(args.at(1)); error.isError()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    const QString table = args.at(3);
    Projection projection(&store, args.at(2));
    projection.setPollInterval(100);
    projection.setLeaseDuration(1500); // a killed instance is taken over within that
    if (args.size() == 5)
        projection.setPartitions(args.at(4).toInt());
    projection.setHandler([table](const RecordedEvent &event, QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("INSERT INTO %1 (seq_no) VALUES (%2)").arg(table).arg(event.seqNo));
        return ListenerResult::check(query);
    });
    QObject::connect(&projection, &Projection::stateChanged, &projection, [](const ProjectionState &state) {
        const char *status = QMetaEnum::fromType<ProjectionState::Status>().valueToKey(int(state.status));
        std::printf("%s %lld\n", status, static_cast<long long>(state.seqNo));
        std::fflush(stdout);
    });
    QObject::connect(&projection, &Projection::errorOccurred, &projection, [](const Error &error) {
        std::printf("error %s\n", qPrintable(error.message()));
        std::fflush(stdout);
    });
    projection.start();
    return app.exec();
}
