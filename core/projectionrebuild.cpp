// Rebuilding a projection without downtime: a new version beside the live one, compared key by
// key at one position, and swapped in by one transaction.

#include "connection_p.h"
#include "eventstore_p.h"
#include "logging_p.h"
#include "projectionapply_p.h"
#include "projectionlease_p.h"
#include "projectionstatus_p.h"
#include "session_p.h"
#include "storequery_p.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlRecord>
#include <QSysInfo>

namespace Evented {

namespace {

using Status = ProjectionState::Status;

constexpr int listedKeys = 100;
constexpr auto quoted = &Detail::Dialect::escapeIdentifier;
constexpr qint64 closeEnough = 1000; // events the swap's transaction may still apply itself

/*! A place in the commit order, as stored with a position. */
struct Place
{
    QString transactionId = QStringLiteral("0");
    qint64 seqNo = 0;
    std::pair<quint64, qint64> key() const { return {transactionId.toULongLong(), seqNo}; }
};

struct Stored
{
    Place place;
    std::optional<Detail::ProjectionDigest> digest;
};

Result<Stored> storedPosition(Detail::Session &s, const QString &name)
{
    Stored stored;
    stored.digest = Detail::ProjectionDigest();
    const Error error = s.each(s.statements().position, {name}, [&](const QSqlQuery &row) {
        using namespace Detail::PositionColumn;
        stored.place = {row.value(TransactionId).toString(), row.value(SeqNo).toLongLong()};
        if (row.isNull(Digest))
            stored.digest.reset();
        else
            stored.digest = Detail::ProjectionDigest{quint64(row.value(Digest).toLongLong()), row.value(DigestEvents).toLongLong()};
    });
    if (error.isError())
        return error;
    return stored;
}

/*! Runs \a sql with \a values on the session's connection, for its effect. */
Error run(Detail::Session &s, const QString &sql, const QVariantList &values = {})
{
    return s.each(sql, values, [](const QSqlQuery &) {});
}

/*! Compares the live table \a live of view \a view with the new version's \a next, key by key,
    adding to \a outcome. */
Error compare(Detail::Session &s, const QString &view, const QString &live, const QString &next, const QStringList &key,
              RebuildOutcome &outcome)
{
    QSqlQuery columns(s.database());
    if (!columns.exec(u"SELECT * FROM " + live + u" WHERE 1 = 0"))
        return s.sqlError(columns.lastError());
    const QSqlRecord record = columns.record();
    columns.finish();
    QStringList on, differs, keys, both;
    for (const QString &k : key) {
        on.append(u"l." + quoted(k) + u" = n." + quoted(k));
        keys.append(quoted(k));
        both.append(u"l." + quoted(k));
        both.append(u"n." + quoted(k));
    }
    for (int c = 0; c < record.count(); ++c)
        differs.append(s.dialect().distinctSql(u"l." + quoted(record.fieldName(c)), u"n." + quoted(record.fieldName(c))));
    const Error counted = s.each(u"SELECT count(*) FROM (SELECT " + keys.join(u", ") + u" FROM " + live + u" UNION SELECT "
                                     + keys.join(u", ") + u" FROM " + next + u") u",
                                 {}, [&](const QSqlQuery &row) { outcome.keys += row.value(0).toLongLong(); });
    if (counted.isError())
        return counted;
    return s.each(u"SELECT " + both.join(u", ") + u" FROM " + live + u" l FULL JOIN " + next + u" n ON " + on.join(u" AND ")
                      + u" WHERE " + differs.join(u" OR "),
                  {}, [&](const QSqlQuery &row) {
                      ++outcome.differing;
                      if (outcome.differingKeys.size() >= listedKeys)
                          return;
                      QStringList values;
                      for (int k = 0; k < key.size(); ++k) {
                          const QVariant value = row.isNull(2 * k) ? row.value(2 * k + 1) : row.value(2 * k);
                          values.append(value.toString());
                      }
                      outcome.differingKeys.append(view + u": " + values.join(u", "));
                  });
}

/*! The new version's tables, position and checkpoints go (a rebuild that did not swap). */
void discard(Detail::Session &s, const QStringList &tables, const QString &name)
{
    const Error error = Detail::inWriteTransaction(s.database(), s.dialect(), [&]() -> Error {
        for (const QString &table : tables) {
            if (Error dropped = run(s, u"DROP TABLE IF EXISTS " + table); dropped.isError())
                return dropped;
        }
        if (Error dropped = run(s, s.statements().dropPosition, {name}); dropped.isError())
            return dropped;
        return run(s, s.statements().clearCheckpoints, {name});
    });
    if (error.isError())
        qCWarning(lcProjection) << "cannot drop what the rebuild of" << name << "built:" << error;
}

} // namespace

Result<RebuildOutcome> Projection::rebuild(EventStore *store, const QString &name,
                                           const std::function<void(Projection &)> &configure, const RebuildOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    Result<Detail::Session *> session = EventStorePrivate::sessionOf(store);
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();
    const std::shared_ptr<const Detail::StoreContext> context = EventStorePrivate::get(store)->storeContext();
    if (context->distributed)
        return Error::invalidArgument(tr("projection %1 cannot be rebuilt beside itself on a distributed store; "
                                         "reset() rebuilds it in place")
                                          .arg(name));

    // The new version, configured as the live one is, writing tables of its own.
    Projection next(store, name + QStringLiteral("@rebuild"));
    next.d_func()->rebuildSuffix = u"__r" + QString::number(QRandomGenerator::global()->generate(), 16);
    configure(next);
    ProjectionPrivate *d = next.d_func();
    if (!d->settings.handler.handle)
        return Error::invalidArgument(tr("projection %1 has no handler").arg(name));
    if (d->views.isEmpty())
        return Error::invalidArgument(tr("projection %1 declares no view (addView()): there is nothing to build anew").arg(name));
    if (d->settings.partitions > 1)
        return Error::invalidArgument(tr("projection %1 has partitions: reset() rebuilds it in place").arg(name));
    QStringList liveTables, nextTables;
    for (const ProjectionView &view : std::as_const(d->views)) {
        if (Error error = store->ensureTable(view.name, view.columns); error.isError())
            return error;
        if (Error error = store->ensureTable(view.name + d->rebuildSuffix, view.columns); error.isError()) {
            discard(s, nextTables, next.name());
            return error;
        }
        liveTables.append(store->tableName(view.name));
        nextTables.append(store->tableName(view.name + d->rebuildSuffix));
    }
    RebuildOutcome outcome;
    const auto fail = [&](const Error &error) -> Result<RebuildOutcome> {
        discard(s, nextTables, next.name());
        return error;
    };
    if (Error error = Detail::resetOn(s, context, {next.name()}, options.leaseMs, {}); error.isError())
        return fail(error);

    // It catches up with the live version, never past it, while that one moves on.
    for (int round = 0;; ++round) {
        const Result<Stored> live = storedPosition(s, name);
        if (!live)
            return fail(live.error());
        d->settings.stopAtTransaction = live->place.transactionId;
        d->settings.stopAtSeqNo = live->place.seqNo;
        QEventLoop loop;
        Error failure;
        QObject::connect(&next, &Projection::caughtUp, &loop, &QEventLoop::quit);
        QObject::connect(&next, &Projection::stateChanged, &loop, [&](const ProjectionState &state) {
            if (options.progress)
                options.progress(state.seqNo, live->place.seqNo);
            if (state.status == Status::Failed) {
                failure = Error(Error::Kind::ListenerFailed, state.error);
                loop.quit();
            } else if (state.status == Status::Standby) { // its lease is held elsewhere
                failure = Error::invalidArgument(tr("another rebuild of projection %1 is running").arg(name));
                loop.quit();
            }
        });
        next.start();
        loop.exec();
        next.stop();
        if (failure.isError())
            return fail(failure);
        const Result<Stored> now = storedPosition(s, name);
        if (!now)
            return fail(now.error());
        if (now->place.seqNo - live->place.seqNo < closeEnough || round >= 10)
            break;
    }

    // The swap: the live version is paused where it is (its lease taken: its next batch rolls
    // back and it goes standby), and one transaction brings the new one there, compares, swaps.
    const QString owner = QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());
    Detail::ProjectionLease lease(context, name, owner, options.leaseMs);
    const Result<bool> seized = lease.seize(s.database());
    if (!seized)
        return fail(seized.error());
    QSqlDatabase &db = s.database();
    bool swap = false;
    Error error = Detail::inWriteTransaction(db, s.dialect(), [&]() -> Error {
        const Result<Stored> live = storedPosition(s, name);
        if (!live)
            return live.error();
        Result<Stored> at = storedPosition(s, next.name());
        if (!at)
            return at.error();
        Detail::CatchUpReader reader(db, *context, false);
        while (at->place.key() < live->place.key()) {
            Detail::CatchUpPage page;
            if (Error read = reader.read(at->place.transactionId, at->place.seqNo, 1000, page); read.isError())
                return read;
            while (!page.rows.isEmpty()
                   && Place{page.rows.last().transactionId, page.rows.last().stored.seqNo}.key() > live->place.key())
                page.rows.removeLast();
            if (page.rows.isEmpty())
                break;
            qsizetype failedAt = -1;
            if (Error applied = Detail::applyRows(page.rows, d->settings, context->schemas->current().get(), db, at->digest,
                                                  failedAt);
                applied.isError())
                return applied;
            at->place = {page.rows.last().transactionId, page.rows.last().stored.seqNo};
        }
        outcome.seqNo = live->place.seqNo;
        outcome.events = at->digest ? at->digest->events : 0;
        for (qsizetype i = 0; i < liveTables.size(); ++i) {
            if (Error compared = compare(s, d->views.at(i).name, liveTables.at(i), nextTables.at(i), d->views.at(i).key, outcome); compared.isError())
                return compared;
        }
        swap = !options.verifyOnly && (outcome.differing == 0 || options.swapWhenDifferent);
        if (!swap)
            return {}; // the new version's tables go below; the live ones are as they were
        for (qsizetype i = 0; i < liveTables.size(); ++i) {
            const QString view = d->views.at(i).name;
            const QString retired = store->tableName(view + u"__retired");
            for (const QString &sql : QStringList{u"ALTER TABLE " + liveTables.at(i) + u" RENAME TO " + quoted(view + u"__retired"),
                                                  u"ALTER TABLE " + nextTables.at(i) + u" RENAME TO " + quoted(view),
                                                  u"DROP TABLE " + retired}) {
                if (Error renamed = run(s, sql); renamed.isError())
                    return renamed;
            }
        }
        // The new version's position, digest and checkpoints are the projection's now.
        const QVariant null;
        const QVariant digest = at->digest ? QVariant(qint64(at->digest->sum)) : QVariant(QMetaType::fromType<qint64>());
        const QVariant events = at->digest ? QVariant(at->digest->events) : QVariant(QMetaType::fromType<qint64>());
        if (Error saved = run(s, s.statements().save,
                              {name, live->place.seqNo, live->place.transactionId, Detail::storedStatus(Status::Stopped),
                               null, null, null, null, null, digest, events});
            saved.isError())
            return saved;
        for (const auto &[sql, values] : {std::pair(s.statements().clearCheckpoints, QVariantList{name}),
                                          std::pair(s.statements().renameCheckpoints, QVariantList{name, next.name()}),
                                          std::pair(s.statements().dropPosition, QVariantList{next.name()})}) {
            if (Error moved = run(s, sql, values); moved.isError())
                return moved;
        }
        return {};
    });
    if (Error released = lease.release(db); released.isError()) // the live version resumes
        qCWarning(lcProjection) << "cannot give up the lease of projection" << name << "after its rebuild:" << released;
    if (!swap || error.isError()) // rolled back, or nothing to swap: the new version's tables go
        discard(s, nextTables, next.name());
    if (error.isError())
        return error;
    outcome.swapped = swap;
    outcome.milliseconds = timer.elapsed();
    return outcome;
}

} // namespace Evented
