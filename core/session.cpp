#include "session_p.h"

#include <evented/json.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QThread>

Q_LOGGING_CATEGORY(lcStore, "evented.store")

namespace Evented::Detail {

namespace {
struct SessionText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventStore)
};

} // namespace

bool parseStoredJson(const QByteArray &text, QJsonValue &out)
{
    QJsonParseError error;
    if (text.startsWith('{')) {
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        out = doc.object();
        return error.error == QJsonParseError::NoError;
    }
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    out = doc.array().first();
    return true;
}

QString eventNameOf(const QJsonValue &event)
{
    if (event.isString())
        return event.toString();
    if (event.isObject() && event.toObject().size() == 1)
        return event.toObject().constBegin().key();
    return {};
}
Session::Session(const QString &connectionName, std::shared_ptr<const Dialect> dialect,
                 const EventStore::Options &options, CommitCallback onCommitted)
    : m_connectionName(connectionName)
    , m_db(QSqlDatabase::database(connectionName, false))
    , m_dialect(std::move(dialect))
    , m_options(options)
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
    for (int form = 0; form < appendForms; ++form) {
        m_nativeAppend[form].reset();
        m_append[form].reset();
    }
    m_version.reset();
    m_notify.reset();
}

Error Session::ensureOpen()
{
    if (m_db.isOpen())
        return {};
    resetStatements();
    return openConnection(m_db, *m_dialect);
}

namespace {
/*! What the server said, on one line; the driver's own words only when the server said nothing. */
QString oneLine(const QSqlError &error)
{
    return (error.databaseText().isEmpty() ? error.text() : error.databaseText()).simplified();
}
} // namespace

Error typedError(const Dialect &dialect, const QSqlError &error, const QSqlDatabase &db)
{
    if (dialect.isConnectionLost(error, db))
        return connectionLost(oneLine(error), error.nativeErrorCode());
    return Error(Error::Kind::Database, oneLine(error), error.nativeErrorCode());
}

Error connectionLost(const QString &detail, const QString &sqlState)
{
    return Error(Error::Kind::ConnectionLost,
                 SessionText::tr("the database connection was lost: %1").arg(detail.simplified()), sqlState);
}

Error connectionFailed(const QSqlError &error)
{
    return Error(Error::Kind::ConnectionFailed,
                 SessionText::tr("cannot connect to the database: %1").arg(oneLine(error)),
                 error.nativeErrorCode());
}

Error openConnection(QSqlDatabase &db, const Dialect &dialect)
{
    if (!db.open())
        return connectionFailed(db.lastError());
    if (Error error = dialect.configure(db); error.isError()) {
        db.close();
        return error;
    }
    return {};
}

QString unknownException()
{
    return SessionText::tr("unknown exception");
}

QString invalidStoredJson()
{
    return SessionText::tr("the stored event is not valid JSON");
}

QString invalidStoredMetadata()
{
    return SessionText::tr("the stored metadata is not valid JSON");
}

StoredRow storedRow(const QSqlQuery &query, const Dialect &dialect)
{
    return {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toByteArray(),
            query.value(3).toLongLong(), query.value(4).toByteArray(), query.value(5).toByteArray(),
            dialect.toUtc(query.value(6))};
}

Error decode(const StoredRow &row, RecordedEvent &out)
{
    out.seqNo = row.seqNo;
    out.typeName = row.typeName;
    out.entityId = QUuid::fromString(QLatin1StringView(row.entityId));
    out.version = row.version;
    out.recordedAt = row.recordedAt;
    if (!parseStoredJson(row.event, out.event))
        return Error::decodeFailed(row.seqNo, invalidStoredJson());
    out.eventName = eventNameOf(out.event);
    if (!parseStoredJson(row.metadata, out.metadata))
        return Error::decodeFailed(row.seqNo, invalidStoredMetadata());
    return {};
}

Result<StoreAccess> blockingAccess(const EventStore *store)
{
    if (!store || !store->isOpen())
        return Error(Error::Kind::InvalidArgument, SessionText::tr("the store is not open"));
    if (QThread::currentThread() != store->thread())
        return Error(Error::Kind::WrongThread,
                     SessionText::tr("blocking store calls must come from the thread that opened the store; "
                                     "use the asynchronous calls from other threads"));
    StoreAccess access{store->database(), nullptr, store->options().schema};
    Error error;
    access.dialect = Dialect::forDriver(access.db.driverName(), &error);
    if (!access.dialect)
        return error;
    return access;
}

Error beginWrite(QSqlDatabase &db, const Dialect &dialect)
{
    const QString sql = dialect.beginWriteSql();
    if (sql.isEmpty()) {
        if (!db.transaction())
            return typedError(dialect, db.lastError(), db);
        return {};
    }
    QSqlQuery query(db);
    if (!query.exec(sql))
        return typedError(dialect, query.lastError(), db);
    return {};
}

Error inWriteTransaction(QSqlDatabase &db, const Dialect &dialect, const std::function<Error()> &work)
{
    if (Error error = beginWrite(db, dialect); error.isError())
        return error;
    if (Error error = work(); error.isError()) {
        db.rollback();
        return error;
    }
    if (!db.commit()) {
        const Error error = typedError(dialect, db.lastError(), db);
        db.rollback();
        return error;
    }
    return {};
}

QSqlQuery *prepareOnce(std::optional<QSqlQuery> &slot, QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    if (!slot) {
        slot.emplace(db);
        slot->setForwardOnly(true);
        if (!slot->prepare(sql)) {
            *error = slot->lastError();
            slot.reset();
            return nullptr;
        }
    }
    return &*slot;
}

Error Session::sqlError(const QSqlError &error)
{
    return failure(typedError(*m_dialect, error, m_db));
}

Error Session::failure(const Error &error)
{
    if (error.kind() == Error::Kind::ConnectionLost) {
        resetStatements();
        m_db.close();
    }
    return error;
}

QSqlQuery *Session::prepared(std::optional<QSqlQuery> &slot, const QString &sql, Error *error)
{
    QSqlError failure;
    QSqlQuery *query = prepareOnce(slot, m_db, sql, &failure);
    if (!query)
        *error = sqlError(failure);
    return query;
}

Error Session::fold(const QString &typeName, const QUuid &id, const EventVisitor &visit)
{
    if (Error error = ensureOpen(); error.isError())
        return error;
    Error error;
    QSqlQuery *statement = prepared(m_load, m_dialect->loadSql(m_options.schema), &error);
    if (!statement)
        return error;
    QSqlQuery &query = *statement;
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(typeName);
    if (!query.exec())
        return sqlError(query.lastError());
    QJsonValue json;
    QString why;
    while (query.next()) {
        const qint64 seqNo = query.value(0).toLongLong();
        if (!parseStoredJson(query.value(2).toByteArray(), json)) {
            error = Error::decodeFailed(seqNo, invalidStoredJson());
            break;
        }
        if (!visit(json, &why)) {
            error = Error::decodeFailed(seqNo, why);
            break;
        }
    }
    if (!error.isError() && query.lastError().isValid())
        error = sqlError(query.lastError());
    query.finish();
    return error;
}

Result<QList<RecordedEvent>> Session::insert(const QString &typeName, const QUuid &id, qint64 expectedVersion,
                                             Dialect::AppendForm form, const QList<PendingEvent> &events)
{
    QByteArrayList parameters{id.toByteArray(QUuid::WithoutBraces), typeName.toUtf8(), QByteArray::number(expectedVersion)};
    if (form == Dialect::AppendForm::One) {
        parameters << Json::compact(events.first().event) << Json::compact(events.first().metadata);
    } else {
        QJsonArray pairs;
        for (const PendingEvent &event : events)
            pairs.append(QJsonArray{event.event, event.metadata});
        parameters << QJsonDocument(pairs).toJson(QJsonDocument::Compact);
    }

    // Rows of (seq_no, version, recorded_at) from the native statement or from QSqlQuery.
    QList<std::tuple<qint64, qint64, QVariant>> rows;
    rows.reserve(events.size());
    const int slot = int(form);
    std::unique_ptr<NativeStatement> &native = m_nativeAppend[slot];
    if (!native && !m_append[slot]) // decided once per connection
        native = m_dialect->nativeStatement(m_db, m_dialect->appendSql(m_options.schema, form));
    if (native) {
        const Error error = native->visit(parameters, [&rows](const QByteArrayView *columns, int) {
            rows.append({columns[0].toLongLong(), columns[1].toLongLong(), columns[2].toLongLong()});
        });
        if (error.isError())
            return m_dialect->isUniqueViolation(error.sqlState()) ? Error(Error::Kind::VersionConflict, {}) : failure(error);
    } else {
        Error error;
        QSqlQuery *statement = prepared(m_append[slot], m_dialect->appendSql(m_options.schema, form), &error);
        if (!statement)
            return error;
        QSqlQuery &query = *statement;
        query.addBindValue(id.toString(QUuid::WithoutBraces));
        query.addBindValue(typeName);
        query.addBindValue(expectedVersion);
        for (qsizetype i = 3; i < parameters.size(); ++i)
            query.addBindValue(QString::fromUtf8(parameters.at(i)));
        if (!query.exec()) {
            const QSqlError sql = query.lastError();
            return m_dialect->isUniqueViolation(sql) ? Error(Error::Kind::VersionConflict, {}) : sqlError(sql);
        }
        while (query.next())
            rows.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2)});
        query.finish();
    }

    QList<RecordedEvent> recorded;
    recorded.reserve(events.size());
    for (const auto &[seqNo, version, recordedAt] : std::as_const(rows)) {
        const qsizetype index = qsizetype(version - expectedVersion - 1);
        if (index < 0 || index >= events.size())
            continue;
        RecordedEvent r;
        r.seqNo = seqNo;
        r.version = version;
        r.recordedAt = m_dialect->toUtc(recordedAt);
        r.typeName = typeName;
        r.entityId = id;
        r.event = events.at(index).event;
        r.eventName = eventNameOf(r.event);
        r.metadata = events.at(index).metadata;
        recorded.append(std::move(r));
    }
    if (recorded.isEmpty())
        return Error(Error::Kind::VersionConflict, {});
    std::sort(recorded.begin(), recorded.end(), [](const auto &a, const auto &b) { return a.version < b.version; });
    return recorded;
}

Error Session::conflict(const QString &typeName, const QUuid &id, qint64 expectedVersion)
{
    Error error;
    QSqlQuery *statement = prepared(m_version, m_dialect->versionSql(m_options.schema), &error);
    if (!statement)
        return error;
    QSqlQuery &query = *statement;
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(typeName);
    if (!query.exec() || !query.next())
        return sqlError(query.lastError());
    const qint64 actual = query.value(0).toLongLong();
    drain(query);
    return Error::versionConflict(typeName, id, expectedVersion, actual);
}

Result<QList<RecordedEvent>> Session::append(const QString &typeName, const QUuid &id, qint64 expectedVersion,
                                             bool versionStored, const QList<PendingEvent> &events,
                                             const ErasedListener &listener)
{
    if (id.isNull())
        return Error(Error::Kind::InvalidArgument, SessionText::tr("the entity id is null"));
    if (Error error = ensureOpen(); error.isError())
        return error;

    // Without a listener the single statement is its own transaction (one round trip), unless
    // the backend must announce the write up front.
    const bool transaction = listener || !m_dialect->beginWriteSql().isEmpty();
    if (transaction) {
        if (Error error = beginWrite(m_db, *m_dialect); error.isError())
            return failure(error);
    }

    // Version 0 is stored by definition: the unique key alone keeps a first event from being
    // written twice. Any other version the caller did not see stored must be checked, or an
    // expected version beyond the entity's would leave a gap.
    using Form = Dialect::AppendForm;
    const Form form = !versionStored && expectedVersion != 0 ? Form::Checked
        : events.size() == 1                                 ? Form::One
                                                             : Form::Stored;
    Result<QList<RecordedEvent>> result = insert(typeName, id, expectedVersion, form, events);
    if (result && listener) {
        for (qsizetype i = 0; i < result->size(); ++i) {
            const ListenerResult outcome = callGuarded([&] { return listener(i, result->at(i), m_db); });
            if (!outcome.isOk()) {
                result = Error(Error::Kind::ListenerFailed,
                               SessionText::tr("the listener failed on version %1: %2")
                                   .arg(result->at(i).version)
                                   .arg(outcome.message()));
                break;
            }
        }
    }
    if (transaction) {
        if (result && !m_db.commit())
            result = sqlError(m_db.lastError());
        if (!result && m_db.isOpen())
            m_db.rollback();
        if (!m_db.isOpen())
            resetStatements();
    }
    if (!result) {
        if (result.error().kind() == Error::Kind::VersionConflict && result.error().actualVersion() < 0)
            return conflict(typeName, id, expectedVersion);
        return result;
    }
    if (m_onCommitted)
        m_onCommitted(result.value());
    return result;
}

void Session::notify(const QString &payload)
{
    if (m_dialect->notifySql().isEmpty() || ensureOpen().isError())
        return;
    Error error;
    QSqlQuery *statement = prepared(m_notify, m_dialect->notifySql(), &error);
    if (!statement) {
        qCWarning(lcStore) << "cannot prepare the commit notification:" << error;
        return;
    }
    statement->addBindValue(payload);
    if (!statement->exec())
        qCWarning(lcStore) << "cannot send the commit notification:" << sqlError(statement->lastError());
    statement->finish();
}

} // namespace Evented::Detail
