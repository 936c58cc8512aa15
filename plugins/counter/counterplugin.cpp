// The Counter as a domain plugin: the entity type, its two commands, and the asynchronous
// projection "counter" that keeps counter_projection(id uuid primary key, value bigint).

#include "counter.h"

#include <evented/domain.h>

#include <QSqlQuery>

using namespace CounterDomain;

namespace {

const QString viewTable = QStringLiteral("counter_projection");
const QString viewColumns = QStringLiteral("id uuid PRIMARY KEY, value bigint NOT NULL");

Evented::ListenerResult addToView(QSqlDatabase &db, const QString &table, const QUuid &id, qint64 delta)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO " + table + u" (id, value) VALUES (?, ?) "
                  u"ON CONFLICT (id) DO UPDATE SET value = " + table + u".value + excluded.value");
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(delta);
    query.exec();
    return Evented::ListenerResult::check(query);
}

} // namespace

class CounterPlugin : public QObject, public Evented::DomainPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID EventedDomainPlugin_iid FILE "counter.json")
    Q_INTERFACES(Evented::DomainPlugin)

public:
    Evented::Domain domain() const override
    {
        Evented::Domain domain;
        domain.addEntityType<Counter>().addCommand<Counter, Increase>().addCommand<Counter, Decrease>();
        // On a Citus cluster each counter's row lives beside its events.
        domain.addTable(viewTable, viewColumns,
                        Evented::TableDistribution::byEntity(QStringLiteral("id")));
        domain.addProjection(QStringLiteral("counter"), [](Evented::Projection &projection, Evented::EventStore &) {
            projection.addView(viewTable, viewColumns, {QStringLiteral("id")});
            const QString table = projection.viewTable(viewTable); // a rebuild's new version writes a table of its own
            projection.setHandler<Counter>(
                [table](const Counter::Event &event, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
                    if (const auto *increased = std::get_if<Increased>(&event))
                        return addToView(db, table, recorded.entityId, qint64(increased->inc));
                    return addToView(db, table, recorded.entityId, -qint64(std::get<Decreased>(event).dec));
                });
            projection.setResetHandler([table](QSqlDatabase &db) {
                QSqlQuery query(db);
                query.exec(u"DELETE FROM " + table);
                return Evented::ListenerResult::check(query);
            });
        });
        return domain;
    }
};

#include "counterplugin.moc"
