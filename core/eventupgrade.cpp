#include "connection_p.h"
#include "eventstore_p.h"
#include "session_p.h"
#include "storequery_p.h"
#include "storedrow_p.h"

#include <evented/eventupgrade.h>

#include <QSqlQuery>

namespace Evented {

namespace {

/*! One event to rewrite. */
struct Rewrite
{
    qint64 seqNo = 0;
    QJsonValue event;
    int version = 1;
};

} // namespace

struct EventUpgradeData
{
    EventStore *store = nullptr;
    Domain domain;
    QStringList types;
    int batchSize = 1000;
    bool dryRun = false;
};

EventUpgrade::EventUpgrade(EventStore *store, const Domain &domain)
    : d(std::make_unique<EventUpgradeData>())
{
    d->store = store;
    d->domain = domain;
}

EventUpgrade::~EventUpgrade() = default;

void EventUpgrade::setTypes(const QStringList &typeNames)
{
    d->types = typeNames;
}

void EventUpgrade::setBatchSize(int events)
{
    d->batchSize = std::max(events, 1);
}

void EventUpgrade::setDryRun(bool dryRun)
{
    d->dryRun = dryRun;
}

Result<EventUpgradeReport> EventUpgrade::run(const Progress &progress) const
{
    EventStorePrivate *store = EventStorePrivate::get(d->store);
    if (!store)
        return Error::notOpen();
    QStringList types = d->types;
    if (types.isEmpty()) {
        for (const EntityTypeInfo &info : d->domain.entityTypes())
            types.append(info.typeName);
    }
    for (const QString &typeName : std::as_const(types)) {
        if (!d->domain.entityType(typeName))
            return Domain::noDomainCode(typeName);
    }
    if (types.isEmpty())
        return EventUpgradeReport(); // no code, nothing to upgrade to (an empty filter would take every type)
    const Result<StoreStats> stats = EventLog(d->store).stats();
    if (!stats)
        return stats.error();
    qint64 total = 0;
    for (const TypeStats &type : stats.value().types)
        total += types.contains(type.typeName) ? type.events : 0;

    Result<Detail::Session *> session = store->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    EventFilter filter;
    filter.typeNames = types;
    const Detail::BoundSql statement = s.dialect().eventPageSql(s.context().options.schema, filter, false);
    Detail::StoreQuery page(s.database(), s.dialect());
    page.setForwardOnly(true);
    if (!page.prepare(statement.sql))
        return s.sqlError(page.lastError());

    EventUpgradeReport report;
    qint64 after = 0;
    for (;;) {
        page.addBindValue(after);
        for (const QVariant &value : statement.values)
            page.addBindValue(value);
        page.addBindValue(d->batchSize);
        if (!page.exec())
            return s.sqlError(page.lastError());
        QList<Detail::StoredRow> rows;
        while (page.next())
            rows.append(Detail::storedRow(page, s.dialect()));
        page.finish();

        QList<Rewrite> rewrites;
        for (const Detail::StoredRow &row : std::as_const(rows)) {
            ++report.events;
            after = row.seqNo;
            Rewrite rewrite{row.seqNo, {}, row.eventVersion};
            QString why;
            if (!Json::parse(row.event, rewrite.event)) {
                report.failures.append({row.seqNo, Detail::invalidStoredJson()});
                continue;
            }
            const QString before = Detail::eventNameOf(rewrite.event);
            if (!d->domain.entityType(row.typeName)->schema->upcast(rewrite.event, rewrite.version, &why)) {
                report.failures.append({row.seqNo, why});
                continue;
            }
            // Every step moves an event forward: to a later version or another name.
            if (rewrite.version != row.eventVersion || Detail::eventNameOf(rewrite.event) != before)
                rewrites.append(rewrite);
        }
        report.rewritten += rewrites.size();
        if (!d->dryRun && !rewrites.isEmpty()) {
            // Destroyed after the transaction ends: a prepared statement cannot be freed in a failed one.
            Detail::StoreQuery update(s.database(), s.dialect());
            const Error error = Detail::inWriteTransaction(s.database(), s.dialect(), [&]() -> Error {
                if (!update.prepare(s.statements().rewriteEvent))
                    return s.sqlError(update.lastError());
                for (const Rewrite &rewrite : std::as_const(rewrites)) {
                    update.addBindValue(QString::fromUtf8(Json::compact(rewrite.event)));
                    update.addBindValue(rewrite.version);
                    update.addBindValue(rewrite.seqNo);
                    if (!update.exec())
                        return s.sqlError(update.lastError());
                }
                return {};
            });
            if (error.isError())
                return error;
        }
        if (progress && !progress(report.events, total)) {
            report.complete = rows.size() < d->batchSize;
            return report;
        }
        if (rows.size() < d->batchSize)
            return report;
    }
}

} // namespace Evented
