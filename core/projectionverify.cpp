// Proving that a projection skipped nothing: its running digest, recomputed from the event table.

#include "eventstore_p.h"
#include "projectiondigest_p.h"
#include "session_p.h"
#include "storequery_p.h"

#include <evented/projection.h>

namespace Evented {

namespace {

/*! A place in the commit order: PostgreSQL's 64-bit transaction id (0 on SQLite), then seq_no. */
struct Place
{
    QString transactionId = QStringLiteral("0");
    qint64 seqNo = 0;
    std::pair<quint64, qint64> key() const { return {transactionId.toULongLong(), seqNo}; }
};

struct Checkpoint
{
    Place place;
    Detail::ProjectionDigest digest;
};

} // namespace

Result<ProjectionDigestCheck> Projection::verify(EventStore *store, const QString &name)
{
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const Detail::Statements &statements = s.statements();

    ProjectionDigestCheck check;
    Place position;
    std::optional<Detail::ProjectionDigest> stored = Detail::ProjectionDigest();
    Error error = s.each(statements.position, {name}, [&](const QSqlQuery &row) {
        using namespace Detail::PositionColumn;
        position = {row.value(TransactionId).toString(), row.value(SeqNo).toLongLong()};
        if (row.isNull(Digest))
            stored.reset();
        else
            stored = Detail::ProjectionDigest{quint64(row.value(Digest).toLongLong()), row.value(DigestEvents).toLongLong()};
    });
    if (error.isError())
        return error;
    check.seqNo = position.seqNo;
    if (!stored) {
        check.known = false;
        return check;
    }
    check.storedEvents = stored->events;

    QList<Checkpoint> checkpoints;
    error = s.each(statements.checkpoints, {name}, [&](const QSqlQuery &row) {
        using namespace Detail::CheckpointColumn;
        const Place place{row.value(TransactionId).toString(), row.value(SeqNo).toLongLong()};
        if (place.key() <= position.key())
            checkpoints.append({place, {quint64(row.value(Digest).toLongLong()), row.value(Events).toLongLong()}});
    });
    if (error.isError())
        return error;
    // The stored digest is the last checkpoint, at the position.
    checkpoints.append({position, *stored});

    // The events up to the position in commit order, page by page, compared at each checkpoint.
    constexpr int pageSize = 10'000;
    Detail::ProjectionDigest recomputed;
    Place after;
    qint64 lastGood = 0;
    qsizetype next = 0;
    const auto compare = [&](const Checkpoint &checkpoint) {
        if (recomputed == checkpoint.digest) {
            lastGood = checkpoint.place.seqNo;
            return true;
        }
        check.fromSeqNo = lastGood;
        check.toSeqNo = checkpoint.place.seqNo;
        check.events = recomputed.events;
        return false;
    };
    for (bool more = true; more;) {
        int rows = 0;
        bool differs = false;
        error = s.each(statements.digestPage,
                     {after.transactionId, after.seqNo, position.transactionId, position.seqNo, pageSize},
                     [&](const QSqlQuery &row) {
                         namespace Column = Detail::DigestColumn;
                         ++rows;
                         if (differs)
                             return;
                         const Place place{row.value(Column::TransactionId).toString(), row.value(Column::SeqNo).toLongLong()};
                         // Checkpoints at or before this event that it passed (their event gone) are due.
                         while (next < checkpoints.size() - 1 && checkpoints.at(next).place.key() < place.key()) {
                             if (!compare(checkpoints.at(next++))) {
                                 differs = true;
                                 return;
                             }
                         }
                         recomputed.add(place.seqNo, QUuid::fromString(row.value(Column::EntityId).toString()),
                                        row.value(Column::Version).toLongLong());
                         if (next < checkpoints.size() - 1 && checkpoints.at(next).place.key() == place.key()) {
                             if (!compare(checkpoints.at(next++)))
                                 differs = true;
                         }
                         after = place;
                     });
        if (error.isError())
            return error;
        if (differs)
            return check;
        more = rows == pageSize;
    }
    while (next < checkpoints.size() - 1) {
        if (!compare(checkpoints.at(next++)))
            return check;
    }
    check.matches = compare(checkpoints.last());
    check.events = recomputed.events;
    return check;
}

} // namespace Evented
