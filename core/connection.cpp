#include "connection_p.h"
#include "storetext_p.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace Evented::Detail {

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
        return Error::connectionLost(oneLine(error), error.nativeErrorCode());
    return Error(Error::Kind::Database, oneLine(error), error.nativeErrorCode());
}

Error openConnection(QSqlDatabase &db, const Dialect &dialect)
{
    if (!db.open())
        return Error::connectionFailed(oneLine(db.lastError()), db.lastError().nativeErrorCode());
    if (Error error = dialect.configure(db); error.isError()) {
        db.close();
        return error;
    }
    return {};
}

QSqlDatabase cloneConnection(const StoreContext &context, const char *role)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("evented-%1-%2").arg(QLatin1StringView(role)).arg(counter.fetchAndAddRelaxed(1));
    return QSqlDatabase::cloneDatabase(context.connectionName, name);
}

void removeConnection(QSqlDatabase &db)
{
    if (!db.isValid())
        return;
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Error inWriteTransaction(QSqlDatabase &db, const Dialect &dialect, const std::function<Error()> &work)
{
    if (Error error = dialect.beginWrite(db); error.isError())
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

StoreQuery *prepareOnce(std::optional<StoreQuery> &slot, QSqlDatabase &db, const Dialect &dialect, const QString &sql,
                        QSqlError *error)
{
    if (!slot) {
        slot.emplace(db, dialect);
        slot->setForwardOnly(true);
        if (!slot->prepare(sql)) {
            *error = slot->lastError();
            slot.reset();
            return nullptr;
        }
    }
    return &*slot;
}

} // namespace Evented::Detail
