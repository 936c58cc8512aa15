#include "logging_p.h"
#include "session_p.h"
#include "storetext_p.h"

#include <evented/json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <numeric>

namespace Evented::Detail {

Session::Session(const QString &connectionName, std::shared_ptr<const StoreContext> context, CommitCallback onCommitted)
    : m_connectionName(connectionName)
    , m_db(QSqlDatabase::database(connectionName, false))
    , m_context(std::move(context))
    , m_onCommitted(std::move(onCommitted))
{
}

Session::~Session()
{
    resetStatements();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void Session::resetStatements()
{
    m_load.reset();
    m_loadFromSnapshot.reset();
    m_nativeLoad[0].reset();
    m_nativeLoad[1].reset();
    m_saveSnapshot.reset();
    m_dropStaleSnapshot.reset();
    for (int form = 0; form < appendForms; ++form) {
        m_nativeAppend[form].reset();
        m_append[form].reset();
    }
    m_version.reset();
    m_recordCommand.reset();
    m_commandEvents.reset();
    m_notify.reset();
}

Error Session::ensureOpen()
{
    if (m_db.isOpen())
        return {};
    resetStatements();
    return openConnection(m_db, dialect());
}

Error Session::sqlError(const QSqlError &error)
{
    return failure(typedError(dialect(), error, m_db));
}

Error Session::failure(const Error &error)
{
    if (error.kind() == Error::Kind::ConnectionLost) {
        resetStatements();
        m_db.close();
    }
    return error;
}

Error Session::finish(QSqlQuery &statement)
{
    // The error is taken first: when it says the connection is gone, the statements (this one
    // too) are reset.
    const QSqlError error = statement.lastError();
    statement.finish();
    return error.isValid() ? sqlError(error) : Error();
}

StoreQuery *Session::prepared(std::optional<StoreQuery> &slot, const QString &sql, Error *error)
{
    QSqlError failure;
    StoreQuery *query = prepareOnce(slot, m_db, dialect(), sql, &failure);
    if (!query)
        *error = sqlError(failure);
    return query;
}

Error Session::fold(const QString &typeName, const QUuid &id, const FoldRequest &request)
{
    const bool fromSnapshot = request.stateVersion > 0 && request.restore;
    // Each row as it comes: the snapshot's (seq_no 0, first), then the events in version order.
    Error error;
    bool snapshotFailed = false;
    bool first = true;
    QJsonValue json;
    QString why;
    QByteArray upcast;
    const auto row = [&](qint64 seqNo, qint64 version, QByteArrayView text, int eventVersion) {
        if (error.isError() || snapshotFailed)
            return; // the rest of the rows are not needed
        if (std::exchange(first, false) && fromSnapshot && seqNo == 0) {
            if (!Json::parse(text, json))
                why = StoreText::tr("not valid JSON");
            else if (request.restore(json, version, &why))
                return;
            qCWarning(lcStore).noquote() << StoreText::tr("ignoring the snapshot of %1 %2 at version %3, which cannot be decoded (%4); "
                                                          "folding from the first event")
                                                .arg(typeName, id.toString(QUuid::WithoutBraces))
                                                .arg(version)
                                                .arg(why);
            snapshotFailed = true;
            return;
        }
        QByteArrayView current;
        error = currentText(request.schema.get(), seqNo, text, eventVersion, upcast, current);
        if (!error.isError() && !request.visit(current, &why))
            error = Error::decodeFailed(seqNo, why);
    };

    const QString &sql = fromSnapshot ? statements().loadFromSnapshot : statements().load;
    const int slot = fromSnapshot ? 1 : 0;
    // Through libpq where the backend has it: the rows are read in place, without QPSQL's copies.
    std::unique_ptr<NativeStatement> &native = m_nativeLoad[slot];
    std::optional<StoreQuery> &query = fromSnapshot ? m_loadFromSnapshot : m_load;
    if (!native && !query && dialect().hasFeature(Dialect::Feature::NativeStatements)) // once per connection
        native = dialect().nativeStatement(m_db, sql);
    if (native) {
        QByteArrayList parameters{id.toByteArray(QUuid::WithoutBraces), typeName.toUtf8()};
        if (fromSnapshot)
            parameters << QByteArray::number(request.stateVersion);
        const Error failed = native->visit(parameters, [&row](const NativeRow &columns) {
            using namespace LoadColumn;
            row(columns.integer(SeqNo), columns.integer(Version), columns.text(Event),
                storedEventVersion(columns, EventVersion));
        });
        if (failed.isError())
            return failure(failed);
    } else {
        StoreQuery *statement = prepared(query, sql, &error);
        if (!statement)
            return error;
        statement->addBindValue(id.toString(QUuid::WithoutBraces));
        statement->addBindValue(typeName);
        if (fromSnapshot)
            statement->addBindValue(request.stateVersion);
        if (!statement->exec())
            return sqlError(statement->lastError());
        while (!error.isError() && !snapshotFailed && statement->next()) {
            using namespace LoadColumn;
            row(statement->value(SeqNo).toLongLong(), statement->value(Version).toLongLong(),
                statement->value(Event).toByteArray(), storedEventVersion(statement->value(EventVersion)));
        }
        const Error failed = finish(*statement);
        if (!error.isError() && !snapshotFailed)
            error = failed;
    }
    if (snapshotFailed) {
        FoldRequest whole = request;
        whole.stateVersion = 0;
        return fold(typeName, id, whole);
    }
    return error;
}

Error Session::each(const QString &sql, const QVariantList &values, const std::function<void(const QSqlQuery &)> &visit)
{
    StoreQuery query(m_db, dialect());
    query.setForwardOnly(true);
    bool ran = false;
    if (values.isEmpty()) {
        ran = query.exec(sql);
    } else if (query.prepare(sql)) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        ran = query.exec();
    }
    if (!ran)
        return sqlError(query.lastError());
    while (query.next())
        visit(query);
    const QSqlError error = query.lastError();
    query.finish();
    return error.isValid() ? sqlError(error) : Error();
}

Error Session::saveSnapshot(const QString &typeName, const QUuid &id, qint64 version, int stateVersion,
                            const QJsonValue &state)
{
    Error error;
    if (!statements().dropStaleSnapshot.isEmpty()) {
        StoreQuery *drop = prepared(m_dropStaleSnapshot, statements().dropStaleSnapshot, &error);
        if (!drop)
            return error;
        for (const QVariant &value : {QVariant(id.toString(QUuid::WithoutBraces)), QVariant(typeName), QVariant(version),
                                      QVariant(stateVersion)})
            drop->addBindValue(value);
        drop->exec();
        if (Error dropped = finish(*drop); dropped.isError())
            return dropped;
    }
    StoreQuery *statement = prepared(m_saveSnapshot, statements().saveSnapshot, &error);
    if (!statement)
        return error;
    statement->addBindValue(id.toString(QUuid::WithoutBraces));
    statement->addBindValue(typeName);
    statement->addBindValue(version);
    statement->addBindValue(stateVersion);
    statement->addBindValue(QString::fromUtf8(Json::compact(state)));
    statement->exec();
    return finish(*statement);
}

Session::Inserted Session::insert(const EntityAppend &append, AppendForm form, const AppendContext &context, bool recording)
{
    const QList<PendingEvent> &events = append.events;
    Inserted out;
    const auto failedWith = [&out](const Error &error, bool uniqueViolation) {
        out.outcome = uniqueViolation ? Inserted::Outcome::LostRace : Inserted::Outcome::Failed;
        out.error = error;
        return out;
    };
    // The recorded events are read back from the texts that are stored, which a codec of the
    // application's may have written: text that is not JSON is refused before it is sent.
    // The events of a command usually share their metadata: it is parsed once.
    QList<std::pair<QJsonValue, QJsonValue>> json(events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!Json::parse(events.at(i).event, json[i].first))
            return failedWith(Error::invalidArgument(StoreText::tr("event %1 of the append is not valid JSON").arg(i + 1)), false);
        if (i > 0 && events.at(i).metadata == events.at(i - 1).metadata)
            json[i].second = json[i - 1].second;
        else if (!Json::parse(events.at(i).metadata, json[i].second))
            return failedWith(Error::invalidArgument(StoreText::tr("the metadata of event %1 of the append is not valid JSON").arg(i + 1)), false);
    }
    const QByteArray uuid = append.entityId.toByteArray(QUuid::WithoutBraces);
    QByteArrayList parameters{uuid, append.typeName.toUtf8(), QByteArray::number(append.expectedVersion)};
    if (form == AppendForm::One) {
        parameters << events.first().event << events.first().metadata << QByteArray::number(events.first().version);
    } else {
        // [[event, metadata, version], …], written from the texts as they are.
        qsizetype size = 2;
        for (const PendingEvent &event : events)
            size += event.event.size() + event.metadata.size() + 16;
        QByteArray triples;
        triples.reserve(size);
        triples += '[';
        for (const PendingEvent &event : events) {
            if (triples.size() > 1)
                triples += ',';
            triples += '[';
            triples += event.event;
            triples += ',';
            triples += event.metadata;
            triples += ',';
            triples += QByteArray::number(event.version);
            triples += ']';
        }
        triples += ']';
        parameters << triples;
    }
    parameters << context.correlationId.toByteArray(QUuid::WithoutBraces) << context.causationId.toByteArray(QUuid::WithoutBraces);
    if (recording)
        parameters << context.commandId.toByteArray(QUuid::WithoutBraces);
    const Statements &st = statements();
    const QString &sql = form == AppendForm::One ? (recording ? st.appendOneCommand : st.appendOne)
        : form == AppendForm::Stored             ? (recording ? st.appendStoredCommand : st.appendStored)
                                                 : (recording ? st.appendCheckedCommand : st.appendChecked);

    // Rows of (seq_no, version, recorded_at) from the native statement or from QSqlQuery.
    QList<std::tuple<qint64, qint64, QVariant>> rows;
    rows.reserve(events.size());
    const int slot = int(form) + (recording ? 3 : 0);
    std::unique_ptr<NativeStatement> &native = m_nativeAppend[slot];
    if (!native && !m_append[slot] && dialect().hasFeature(Dialect::Feature::NativeStatements)) // once per connection
        native = dialect().nativeStatement(m_db, sql);
    if (native) {
        using namespace AppendColumn;
        const Error error = native->visit(parameters, [&rows](const NativeRow &columns) {
            rows.append({columns.integer(SeqNo), columns.integer(Version), columns.integer(RecordedAt)});
        });
        if (error.isError())
            return failedWith(failure(error), dialect().isUniqueViolation(error.sqlState()));
    } else {
        Error error;
        StoreQuery *statement = prepared(m_append[slot], sql, &error);
        if (!statement)
            return failedWith(error, false);
        StoreQuery &query = *statement;
        query.addBindValue(append.entityId.toString(QUuid::WithoutBraces));
        query.addBindValue(append.typeName);
        query.addBindValue(append.expectedVersion);
        for (qsizetype i = 3; i < parameters.size(); ++i)
            query.addBindValue(QString::fromUtf8(parameters.at(i)));
        if (!query.exec()) {
            const QSqlError sqlFailure = query.lastError();
            return failedWith(sqlError(sqlFailure), dialect().isUniqueViolation(sqlFailure.nativeErrorCode()));
        }
        using namespace AppendColumn;
        while (query.next())
            rows.append({query.value(SeqNo).toLongLong(), query.value(Version).toLongLong(), query.value(RecordedAt)});
        query.finish();
    }

    out.events.reserve(events.size());
    for (const auto &[seqNo, version, recordedAt] : std::as_const(rows)) {
        const qsizetype index = qsizetype(version - append.expectedVersion - 1);
        if (index < 0 || index >= events.size())
            continue;
        RecordedEvent r;
        r.seqNo = seqNo;
        r.version = version;
        r.recordedAt = dialect().toUtc(recordedAt);
        r.typeName = append.typeName;
        r.entityId = append.entityId;
        r.event = json.at(index).first;
        r.eventVersion = events.at(index).version;
        r.eventName = eventNameOf(r.event);
        r.metadata = json.at(index).second;
        r.correlationId = context.correlationId;
        r.causationId = context.causationId;
        out.events.append(std::move(r));
    }
    // The checked form inserts no row when the entity is not at the expected version.
    out.outcome = out.events.isEmpty() ? Inserted::Outcome::LostRace : Inserted::Outcome::Inserted;
    std::sort(out.events.begin(), out.events.end(), [](const auto &a, const auto &b) { return a.version < b.version; });
    return out;
}

Error Session::recordCommand(const AppendContext &context, const QString &typeName, const QUuid &id,
                             const QList<RecordedEvent> &events)
{
    Error error;
    StoreQuery *statement = prepared(m_recordCommand, statements().recordCommand, &error);
    if (!statement)
        return error;
    QJsonArray seqNos;
    for (const RecordedEvent &event : events)
        seqNos.append(event.seqNo);
    statement->addBindValue(context.commandId.toString(QUuid::WithoutBraces));
    statement->addBindValue(typeName);
    statement->addBindValue(id.toString(QUuid::WithoutBraces));
    statement->addBindValue(QString::fromUtf8(QJsonDocument(seqNos).toJson(QJsonDocument::Compact)));
    statement->exec();
    return finish(*statement);
}

Result<std::optional<QList<RecordedEvent>>> Session::commandEvents(const QUuid &commandId)
{
    Error error;
    StoreQuery *statement = prepared(m_commandEvents, statements().commandEvents, &error);
    if (!statement)
        return error;
    statement->addBindValue(commandId.toString(QUuid::WithoutBraces));
    if (!statement->exec())
        return sqlError(statement->lastError());
    QList<RecordedEvent> events;
    const std::shared_ptr<const SchemaMap> schemas = m_context->schemas->current();
    while (statement->next()) {
        RecordedEvent event;
        if (error = decode(storedRow(*statement, dialect()), event, schemas.get()); error.isError())
            break;
        events.append(std::move(event));
    }
    if (const Error failed = finish(*statement); !error.isError())
        error = failed; // a read that broke off is no answer, not an empty one
    if (error.isError())
        return error;
    if (events.isEmpty())
        return std::optional<QList<RecordedEvent>>();
    return std::optional(events);
}

Error Session::conflict(const QString &typeName, const QUuid &id, qint64 expectedVersion)
{
    Error error;
    StoreQuery *statement = prepared(m_version, statements().version, &error);
    if (!statement)
        return error;
    StoreQuery &query = *statement;
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(typeName);
    if (!query.exec() || !query.next())
        return sqlError(query.lastError());
    const qint64 actual = query.value(0).toLongLong();
    drain(query);
    return Error::versionConflict(typeName, id, expectedVersion, actual);
}

Result<Session::Appended> Session::append(const QList<EntityAppend> &appends, const AppendContext &context)
{
    for (const EntityAppend &append : appends) {
        if (append.entityId.isNull())
            return Error::invalidArgument(StoreText::tr("the entity id is null"));
    }
    const bool listeners = std::any_of(appends.cbegin(), appends.cend(), [](const EntityAppend &a) { return bool(a.listener); });
    const bool recording = !context.commandId.isNull();
    // One entity without a listener is a single statement, its own transaction (one round trip),
    // which also records the command; anything else runs in a transaction, as do all writers
    // that must take the write lock up front.
    // The single statement records the entity it appends to: a command that writes only
    // another entity records its own in a statement of its own.
    const bool recordsOther = recording
        && (appends.first().typeName != context.typeName || appends.first().entityId != context.entityId);
    const bool transaction = appends.size() > 1 || listeners || recordsOther
        || (recording && statements().appendOneCommand.isEmpty()) || dialect().hasFeature(Dialect::Feature::SerialWriters);
    if (transaction) {
        if (Error error = dialect().beginWrite(m_db); error.isError())
            return failure(error);
    }

    Inserted inserted;
    inserted.outcome = Inserted::Outcome::Inserted;
    qsizetype lost = 0; // the append that lost a race
    // The entities in one order (type, then id) for every writer: two commands that write the
    // same entities in opposite orders would otherwise each wait for the other's version (a
    // deadlock the server breaks with an untyped error) instead of one losing the race.
    QList<qsizetype> order(appends.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&appends](qsizetype a, qsizetype b) {
        return std::pair(appends.at(a).typeName, appends.at(a).entityId) < std::pair(appends.at(b).typeName, appends.at(b).entityId);
    });
    QList<QList<RecordedEvent>> recorded(appends.size()); // per append, in the caller's order
    for (const qsizetype i : std::as_const(order)) {
        const EntityAppend &append = appends.at(i);
        // Version 0 is stored by definition: the unique key alone keeps a first event from being
        // written twice. Any other version the caller did not see stored must be checked, or an
        // expected version beyond the entity's would leave a gap.
        const AppendForm form = !append.versionStored && append.expectedVersion != 0 ? AppendForm::Checked
            : append.events.size() == 1                                               ? AppendForm::One
                                                                                      : AppendForm::Stored;
        Inserted one = insert(append, form, context, recording && !transaction);
        if (one.outcome != Inserted::Outcome::Inserted) {
            inserted = std::move(one);
            lost = i;
            break;
        }
        recorded[i] = std::move(one.events);
    }
    // The events in the order they were written (of their seq_nos), as a repeat reads them.
    for (qsizetype i = 0; inserted.outcome == Inserted::Outcome::Inserted && i < order.size(); ++i)
        inserted.events += recorded.at(order.at(i));
    if (inserted.outcome == Inserted::Outcome::Inserted && listeners) {
        // The listeners in the caller's order: the command's own entity first.
        for (qsizetype a = 0; a < appends.size() && inserted.outcome == Inserted::Outcome::Inserted; ++a) {
            const ErasedListener &listener = appends.at(a).listener;
            for (qsizetype i = 0; listener && i < recorded.at(a).size(); ++i) {
                const RecordedEvent &event = recorded.at(a).at(i);
                const ListenerResult outcome = callListener([&] { return listener(i, event, m_db); });
                if (outcome.isFailed()) {
                    inserted.outcome = Inserted::Outcome::Failed;
                    inserted.error = Error::listenerFailed(event.version, outcome.message());
                    break;
                }
            }
        }
    }
    if (inserted.outcome == Inserted::Outcome::Inserted && recording && transaction) {
        if (Error error = recordCommand(context, context.typeName, context.entityId, inserted.events);
            error.isError()) {
            inserted.outcome = dialect().isUniqueViolation(error.sqlState()) ? Inserted::Outcome::LostRace
                                                                             : Inserted::Outcome::Failed;
            inserted.error = error;
        }
    }
    bool committing = !transaction; // the single statement commits itself
    if (transaction) {
        committing = inserted.outcome == Inserted::Outcome::Inserted;
        if (committing && !m_db.commit()) {
            inserted.outcome = Inserted::Outcome::Failed;
            inserted.error = sqlError(m_db.lastError());
        }
        if (inserted.outcome != Inserted::Outcome::Inserted && m_db.isOpen())
            m_db.rollback();
        if (!m_db.isOpen())
            resetStatements();
    }
    switch (inserted.outcome) {
    case Inserted::Outcome::Inserted:
        if (m_onCommitted)
            m_onCommitted(inserted.events);
        return Appended{inserted.events, false};
    case Inserted::Outcome::LostRace: {
        // Another writer took a version first, or recorded this command first: which one?
        if (recording) {
            Result<std::optional<QList<RecordedEvent>>> before = commandEvents(context.commandId);
            if (!before)
                return before.error();
            if (before.value())
                return Appended{*before.value(), true};
        }
        const EntityAppend &loser = appends.at(lost);
        return conflict(loser.typeName, loser.entityId, loser.expectedVersion); // the version that won, for the caller
    }
    case Inserted::Outcome::Failed:
        break;
    }
    // Lost while the commit was under way: the server may have committed it, or not.
    if (committing && inserted.error.kind() == Error::Kind::ConnectionLost)
        return Error::commitUnknown(inserted.error);
    return inserted.error;
}

void Session::notify(const QString &payload)
{
    if (!dialect().hasFeature(Dialect::Feature::CommitNotifications) || ensureOpen().isError())
        return;
    Error error;
    StoreQuery *statement = prepared(m_notify, statements().notify, &error);
    if (!statement) {
        qCWarning(lcStore) << "cannot prepare the commit notification:" << error;
        return;
    }
    statement->addBindValue(payload);
    statement->exec();
    if (const Error failed = finish(*statement); failed.isError())
        qCWarning(lcStore) << "cannot send the commit notification:" << failed;
}

} // namespace Evented::Detail
