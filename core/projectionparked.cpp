// Parked events: what a projection with the Park strategy passed over, listed and applied again.

#include "connection_p.h"
#include "eventstore_p.h"
#include "guard_p.h"
#include "projectionworker_p.h"
#include "session_p.h"
#include "storedrow_p.h"
#include "storequery_p.h"

#include <QSqlError>

namespace Evented {

namespace {

ParkedEvent parkedEvent(const QSqlQuery &row, const Detail::Dialect &dialect)
{
    namespace C = Detail::ParkedColumn;
    ParkedEvent parked;
    parked.projection = row.value(C::Name).toString();
    parked.seqNo = row.value(C::SeqNo).toLongLong();
    parked.transactionId = row.value(C::TransactionId).toString();
    parked.entityId = QUuid(row.value(C::EntityId).toString());
    parked.typeName = row.value(C::TypeName).toString();
    const QByteArray event = row.value(C::Event).toString().toUtf8();
    if (!row.isNull(C::Event) && !Json::parse(event, parked.event))
        parked.event = QString::fromUtf8(event); // shown as stored
    parked.error = row.value(C::Error).toString();
    parked.parkedAt = dialect.toUtc(row.value(C::ParkedAt));
    parked.reruns = row.value(C::Reruns).toInt();
    return parked;
}

/*! Runs \a sql with \a values; the rows it changed. */
Result<int> change(Detail::Session &session, Detail::StoreQuery &query, const QString &sql, const QVariantList &values)
{
    if (!query.prepare(sql))
        return session.sqlError(query.lastError());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return session.sqlError(query.lastError());
    return query.numRowsAffected();
}

} // namespace

Result<QList<ParkedEvent>> Projection::parked(EventStore *store, const QString &name)
{
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    QList<ParkedEvent> events;
    const QVariant nameValue = name.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(name);
    if (Error error = s.each(s.statements().parked, {nameValue},
                             [&](const QSqlQuery &row) { events.append(parkedEvent(row, s.dialect())); });
        error.isError())
        return error;
    return events;
}

Result<ParkedRerun> Projection::rerunParked(qint64 seqNo)
{
    Q_D(Projection);
    if (!d->settings.handler.handle)
        return Error::invalidArgument(tr("projection %1 has no handler").arg(d->settings.name));
    Result<QList<ParkedEvent>> parked = Projection::parked(d->store, d->settings.name);
    if (!parked)
        return parked.error();
    Detail::Session &s = *EventStorePrivate::sessionOf(d->store).value();
    QSqlDatabase &db = s.database();
    const Detail::Statements &statements = s.statements();
    const std::shared_ptr<const Detail::SchemaMap> schemas = s.context().schemas->current();

    ParkedRerun rerun;
    bool found = seqNo <= 0;
    for (const ParkedEvent &parkedEvent : parked.value()) {
        if (seqNo > 0 && parkedEvent.seqNo != seqNo)
            continue;
        found = true;
        // The event as the event table has it now, decoded as a catch-up decodes it.
        std::optional<Detail::StoredRow> stored;
        const QVariantList key{parkedEvent.entityId.toString(QUuid::WithoutBraces), parkedEvent.seqNo};
        if (Error error = s.each(statements.eventAt, key,
                                 [&](const QSqlQuery &row) { stored = Detail::storedRow(row, s.dialect()); });
            error.isError())
            return error;
        // Destroyed after the transaction: a prepared statement cannot be freed in a failed one.
        Detail::StoreQuery take(db, s.dialect());
        bool applied = false;
        Error error = Detail::inWriteTransaction(db, s.dialect(), [&]() -> Error {
            // Taken out first: a second re-run of this event waits here, then finds it gone.
            const Result<int> taken = change(s, take, statements.unpark, {d->settings.name, parkedEvent.seqNo});
            if (!taken)
                return taken.error();
            if (taken.value() == 0)
                return {};
            if (!stored)
                return Error::decodeFailed(parkedEvent.seqNo, tr("the event is no longer in the event table"));
            RecordedEvent event;
            Json::TaggedText text;
            Detail::TextDecoding texts;
            Error failure = d->settings.handler.decodesText ? Detail::decodeForText(*stored, event, schemas.get(), texts, text)
                                                            : Detail::decode(*stored, event, schemas.get());
            if (!failure.isError())
                failure = Detail::guarded([&] { return d->settings.handler.handle(event, text, db); },
                                          [&event](const QString &why) { return Error::handlerFailed(event.seqNo, why); });
            applied = !failure.isError();
            return failure;
        });
        if (applied) {
            ++rerun.applied;
            continue;
        }
        if (!error.isError())
            continue; // re-run elsewhere meanwhile
        if (!Detail::isEventsFault(error))
            return error; // the database's: nothing changed
        ++rerun.failed;
        Detail::StoreQuery again(db, s.dialect());
        const Error recorded = Detail::inWriteTransaction(db, s.dialect(), [&]() -> Error {
            const Result<int> changed = change(s, again, statements.parkedFailedAgain,
                                               {error.message(), d->settings.name, parkedEvent.seqNo});
            return changed ? Error() : changed.error();
        });
        if (recorded.isError())
            return recorded;
    }
    if (!found)
        return Error::invalidArgument(tr("projection %1 has no parked event %2").arg(d->settings.name).arg(seqNo));
    return rerun;
}

} // namespace Evented
