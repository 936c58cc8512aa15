// The host's specs, written with the installed test kit (find_package(Evented COMPONENTS
// Testing)): its command, and a projection that counts pings in a view of its own.
#include "pinger.h"

#include <evented/testing/entityspec.h>
#include <evented/testing/projectionspec.h>

#include <QSqlQuery>
#include <QTest>

using namespace Evented::Testing;

class HostSpecs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ping()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Pinger>(id, Pinged{QStringLiteral("earlier")}).when(Ping{}).then(Pinged{QStringLiteral("host")}));
    }

    void pingsCounted()
    {
        const auto configure = [](Evented::Projection &projection, Evented::EventStore &) {
            projection.setHandler<Pinger>([](const Pinger::Event &, const Evented::RecordedEvent &, QSqlDatabase &db) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("UPDATE pings SET count = count + 1"));
                return Evented::ListenerResult::check(query);
            });
        };
        const auto setup = [](Evented::EventStore &store) {
            if (Evented::Error error = store.ensureTable(QStringLiteral("pings"), QStringLiteral("count integer NOT NULL"));
                error.isError())
                return error;
            QSqlQuery query(store.database());
            query.exec(QStringLiteral("INSERT INTO pings VALUES (0)"));
            return Evented::Error();
        };
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        EVENTED_SPEC(ProjectionSpec(QStringLiteral("pings"), configure, setup)
                         .given<Pinger>(a, Pinged{QStringLiteral("a")}, Pinged{QStringLiteral("a")})
                         .given<Pinger>(b, Pinged{QStringLiteral("b")})
                         .thenRows(QStringLiteral("SELECT count FROM pings"), {{{QStringLiteral("count"), 3}}}));
    }
};

QTEST_GUILESS_MAIN(HostSpecs)

#include "specs.moc"
