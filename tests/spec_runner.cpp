// Qt Test functions whose specs pass and fail, for tst_testing: it runs this program and reads
// how Qt Test reported them.

#include "testcounter.h"

#include <evented/testing/entityspec.h>
#include <evented/testing/projectionspec.h>

#include <QSqlQuery>
#include <QTest>

using namespace Evented::Testing;
using namespace TestDomain;

namespace {
const QUuid id = QUuid::fromString(QStringLiteral("0b4cd3d0-1b64-4b2e-9d21-5a4a3d0c7e11"));
} // namespace

class SpecRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passing() { EVENTED_SPEC(given<Counter>(id, Increased{id, 2}).when(Decrease{2}).then(Decreased{id, 2})); }

    void wrongEvent()
    {
        EVENTED_SPEC(given<Counter>(id, Increased{id, 2}).when(Decrease{1}).then(Decreased{id, 2}));
        QFAIL("EVENTED_SPEC went on after a spec that failed");
    }

    void wrongRows()
    {
        const auto configure = [](Evented::Projection &projection, Evented::EventStore &) {
            projection.setHandler<Counter>([](const Counter::Event &, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO seen (seq_no) VALUES (?)"));
                query.addBindValue(recorded.seqNo);
                query.exec();
                return Evented::ListenerResult::check(query);
            });
        };
        const auto setup = [](Evented::EventStore &store) { return store.ensureTable(QStringLiteral("seen"), QStringLiteral("seq_no bigint")); };
        EVENTED_SPEC(ProjectionSpec(QStringLiteral("seen"), configure, setup)
                         .given<Counter>(id, Increased{id, 1})
                         .thenRows(QStringLiteral("SELECT seq_no FROM seen"), {{{QStringLiteral("seq_no"), 2}}}));
    }
};

QTEST_GUILESS_MAIN(SpecRunner)

#include "spec_runner.moc"
