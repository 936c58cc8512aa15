#include "dialect_p.h"
#include "session_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QSet>
#include <QSqlQuery>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>

namespace Evented::Detail {

namespace {

struct SqliteText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::SQLite)
};

struct StoreText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventStore)
};

// The same tables and columns as on PostgreSQL, in SQLite's types: JSON as text, times as
// ISO 8601 text in UTC. SQLite serialises writers, so seq_no order is commit order and the
// transaction id is not needed to read in commit order; the column exists for a uniform format.
const QString nowUtc = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

const QStringList eventColumns = {QStringLiteral("seq_no"),         QStringLiteral("entity_id"),
                                  QStringLiteral("version"),        QStringLiteral("type_name"),
                                  QStringLiteral("event"),          QStringLiteral("metadata"),
                                  QStringLiteral("transaction_id"), QStringLiteral("recorded_at")};

/*! Connections of this process that hold a projection of an in-memory database. */
QMutex memoryLocksMutex;
QSet<QString> memoryLocks;

class MemoryLock final : public InstanceLock
{
public:
    explicit MemoryLock(QString key)
        : m_key(std::move(key))
    {
    }
    ~MemoryLock() override
    {
        QMutexLocker lock(&memoryLocksMutex);
        memoryLocks.remove(m_key);
    }

private:
    QString m_key;
};

/*! A lock file beside the database: other processes see it, and a dead holder's is stale at once. */
class FileLock final : public InstanceLock
{
public:
    explicit FileLock(std::unique_ptr<QLockFile> file)
        : m_file(std::move(file))
    {
    }

private:
    std::unique_ptr<QLockFile> m_file;
};

class SqliteDialect final : public Dialect
{
    static constexpr int firstVersion = 2; // the schema version this backend began at
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }

    Error fromUrl(const QUrl &url, QSqlDatabase &db, StoreOptions &options) const override
    {
        options.schema = QStringLiteral("main");
        for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            bool ok = true;
            if (key == u"migrate")
                options.migrate = parseBool(value, &ok);
            else if (key == u"read_only")
                options.readOnly = parseBool(value, &ok);
            else
                return Error(Error::Kind::InvalidArgument,
                             StoreText::tr("unknown option %1 for an SQLite store").arg(key));
            if (!ok)
                return badOption(key, value);
        }
        QStringList connectOptions;
        if (options.readOnly) {
            connectOptions << QStringLiteral("QSQLITE_OPEN_READONLY");
            options.migrate = false;
        }
        const QString path = url.path(QUrl::FullyDecoded);
        if (path.isEmpty())
            return Error(Error::Kind::InvalidArgument,
                         StoreText::tr("the store URL names no database file: %1").arg(url.toDisplayString()));
        if (path == u":memory:") {
            // One private in-memory database, shared by the store's own connections.
            db.setDatabaseName(QStringLiteral("file:evented-%1?mode=memory&cache=shared")
                                   .arg(QUuid::createUuid().toString(QUuid::Id128)));
            connectOptions << QStringLiteral("QSQLITE_OPEN_URI");
        } else {
            // Opening without migration never makes a store, so it never makes the file either.
            if (!options.migrate && !QFileInfo::exists(path))
                return Error(Error::Kind::NoStore, StoreText::tr("no such database file: %1").arg(path));
            db.setDatabaseName(path);
        }
        db.setConnectOptions(connectOptions.join(u';'));
        return {};
    }

    QString table(const char *name) const { return QStringLiteral("main.") + QLatin1StringView(name); }
    // Writers serialise: seq_no order is commit order, and every committed event is settled.
    QString settledPositionSql(const QString &) const override
    {
        return u"SELECT '0', max(seq_no) FROM " + table("event") + u" HAVING max(seq_no) IS NOT NULL";
    }

    QString beyondSettledSql(const QString &) const override { return {}; }
    QString createTableSql(const QString &, const QString &name, const QString &columns) const override
    {
        QString quotedName = name;
        quotedName.replace(u'"', QStringLiteral("\"\""));
        return u"CREATE TABLE IF NOT EXISTS main.\"" + quotedName + u"\" (" + columns + u')';
    }

    // A WAL reader sees one snapshot from its first read to its end.
    QString beginSnapshotSql() const override { return QStringLiteral("BEGIN"); }

    QString textSql(const QString &column) const override { return column; }
    // Reads are cheap in-process, and a shared-cache in-memory store would lock between the two.
    bool prefetchesPages() const override { return false; }
    QString table(const QString &, const char *name) const override { return table(name); }

    QString databaseSizeSql() const override
    {
        return QStringLiteral("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    }

    QString importSql(const QString &) const override
    {
        return u"INSERT INTO " + table("event")
            + u" (seq_no, entity_id, version, type_name, event, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
              u"ON CONFLICT DO NOTHING";
    }

    QString afterImportSql(const QString &) const override { return {}; }

    Error configure(QSqlDatabase &db) const override
    {
        // WAL lets readers run beside the one writer; NORMAL sync is durable across application
        // crashes in WAL mode; the busy timeout makes writers of several processes queue.
        QSqlQuery query(db);
        for (const char *pragma : {"PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = NORMAL"}) {
            // Switching a new file to WAL needs it to itself and does not wait on the busy
            // timeout: two processes opening it at once retry for as long as that timeout.
            bool done = query.exec(QLatin1StringView(pragma));
            for (int attempt = 0; !done && isTransient(query.lastError().nativeErrorCode()) && attempt < 100; ++attempt) {
                QThread::msleep(50);
                done = query.exec(QLatin1StringView(pragma));
            }
            if (!done)
                return Error(Error::Kind::ConnectionFailed,
                             SqliteText::tr("cannot use %1: %2")
                                 .arg(db.databaseName(), query.lastError().databaseText().trimmed()),
                             query.lastError().nativeErrorCode());
            drain(query);
        }
        return {};
    }

    Result<int> schemaVersion(QSqlDatabase &db, const QString &) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'evented_migrations'"))
            || !query.next())
            return typedError(*this, query.lastError(), db);
        const bool exists = query.value(0).toInt() > 0;
        drain(query);
        if (!exists)
            return 0;
        if (!query.exec(u"SELECT COALESCE(max(version), 0) FROM " + table("evented_migrations")) || !query.next())
            return typedError(*this, query.lastError(), db);
        const int version = query.value(0).toInt();
        drain(query);
        return version;
    }

    Error migrate(QSqlDatabase &db, const QString &schema) const override
    {
        // BEGIN IMMEDIATE takes the write lock at once: concurrent migrations queue behind it.
        return inWriteTransaction(db, *this, [&] { return migrateLocked(db, schema); });
    }

    QString loadSql(const QString &) const override
    {
        return u"SELECT seq_no, version, event FROM " + table("event")
            + u" WHERE entity_id = ? AND type_name = ? ORDER BY version";
    }

    QString appendSql(const QString &, AppendForm form) const override
    {
        // The driver binds ? in order: id, type, expected version, then the events.
        const QString returning = QStringLiteral(" RETURNING seq_no, version, recorded_at");
        if (form == AppendForm::One)
            return u"INSERT INTO " + table("event") + u" (entity_id, type_name, version, event, metadata) "
                   u"VALUES (?, ?, ? + 1, ?, ?)" + returning;
        const bool checked = form == AppendForm::Checked;
        return u"WITH p(id, type, expected, events) AS (SELECT ?, ?, ?, ?) INSERT INTO " + table("event")
            + u" (entity_id, version, type_name, event, metadata) "
              u"SELECT p.id, p.expected + x.key + 1, p.type, x.value -> '$[0]', x.value -> '$[1]' "
              u"FROM p, json_each(p.events) AS x"
            + (checked ? u" WHERE (SELECT COALESCE(max(e.version), 0) FROM " + table("event")
                             + u" e WHERE e.entity_id = p.id AND e.type_name = p.type) = p.expected"
                       : QString())
            + u" ORDER BY x.key" + returning;
    }

    QString versionSql(const QString &) const override
    {
        return u"SELECT COALESCE(max(version), 0) FROM " + table("event") + u" WHERE entity_id = ? AND type_name = ?";
    }

    QString notifySql() const override { return {}; }
    QString notificationChannel() const override { return {}; }
    QString beginWriteSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString backgroundConnectOptions(const QString &options) const override { return options; }

    QString catchUpSql(const QString &) const override
    {
        return u"WITH p(tx, seq) AS (SELECT ?, ?) "
               u"SELECT e.seq_no, e.type_name, e.entity_id, e.version, e.event, e.metadata, e.recorded_at, '0', "
               u"(SELECT max(seq_no) FROM " + table("event") + u") FROM " + table("event")
            + u" e, p WHERE e.seq_no > p.seq ORDER BY e.seq_no LIMIT ?";
    }

    QString positionSql(const QString &) const override
    {
        return u"SELECT seq_no, COALESCE(transaction_id, '0') FROM " + table("projection")
            + u" WHERE name = ? AND seq_no IS NOT NULL";
    }

    QString saveSql(const QString &) const override
    {
        return u"INSERT INTO " + table("projection")
            + u" (name, seq_no, transaction_id, status, error, error_seq_no, waiting_on_pid, waiting_since, owner, updated_at) "
              u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + nowUtc
            + u") ON CONFLICT (name) DO UPDATE SET seq_no = excluded.seq_no, transaction_id = excluded.transaction_id, "
              u"status = excluded.status, error = excluded.error, error_seq_no = excluded.error_seq_no, "
              u"waiting_on_pid = excluded.waiting_on_pid, waiting_since = excluded.waiting_since, "
              u"owner = excluded.owner, updated_at = excluded.updated_at";
    }

    QString idleSql(const QString &) const override
    {
        // Nothing is ever held back: a writer's seq_no is taken while it holds the write lock.
        return u"WITH p(tx, seq) AS (SELECT ?, ?) SELECT (SELECT COALESCE(max(seq_no), 0) FROM " + table("event")
            + u"), 0, EXISTS (SELECT 1 FROM " + table("event") + u" e WHERE e.seq_no > p.seq), 0, NULL FROM p";
    }

    QString statesSql(const QString &) const override
    {
        return u"SELECT name, seq_no, transaction_id, status, error, error_seq_no, waiting_on_pid, waiting_since, owner, "
               u"updated_at, (SELECT COALESCE(max(seq_no), 0) FROM " + table("event") + u") FROM "
            + table("projection") + u" ORDER BY name";
    }

    Result<std::shared_ptr<InstanceLock>> lockProjection(QSqlDatabase &db, const QString &,
                                                         const QString &name) const override
    {
        if (isInMemory(db)) {
            const QString key = db.databaseName() + u'\n' + name;
            QMutexLocker lock(&memoryLocksMutex);
            if (memoryLocks.contains(key))
                return std::shared_ptr<InstanceLock>();
            memoryLocks.insert(key);
            return std::shared_ptr<InstanceLock>(std::make_shared<MemoryLock>(key));
        }
        auto file = std::make_unique<QLockFile>(lockFileName(db, name));
        file->setStaleLockTime(0); // only a dead holder makes it stale, never its age
        if (!file->tryLock(0)) {
            if (file->error() == QLockFile::LockFailedError)
                return std::shared_ptr<InstanceLock>();
            return Error(Error::Kind::Database,
                         SqliteText::tr("cannot create the lock file %1").arg(lockFileName(db, name)));
        }
        return std::shared_ptr<InstanceLock>(std::make_shared<FileLock>(std::move(file)));
    }

    Result<bool> isProjectionActive(QSqlDatabase &db, const QString &schema, const QString &name) const override
    {
        if (isInMemory(db)) {
            QMutexLocker lock(&memoryLocksMutex);
            return memoryLocks.contains(db.databaseName() + u'\n' + name);
        }
        // Taking the lock for a moment is the only way to ask; it is given back at once.
        const auto lock = lockProjection(db, schema, name);
        if (!lock)
            return lock.error();
        return lock.value() == nullptr;
    }

    bool isTransient(const QString &sqlState) const override
    {
        // SQLITE_BUSY and SQLITE_LOCKED with their extended codes
        const int code = sqlState.toInt();
        return (code & 0xff) == 5 || (code & 0xff) == 6;
    }

    std::unique_ptr<NativeStatement> nativeStatement(QSqlDatabase &, const QString &) const override
    {
        return nullptr; // in process: QSqlQuery is as direct as it gets
    }

    bool isUniqueViolation(const QString &sqlState) const override
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        return sqlState == QLatin1StringView("2067") || sqlState == QLatin1StringView("1555");
    }


    bool isConnectionLost(const QSqlError &, const QSqlDatabase &db) const override { return !db.isOpen(); }

    QString timeSql(const QString &expression) const override { return expression; }

    QDateTime toUtc(const QVariant &value) const override
    {
        if (value.isNull())
            return {};
        QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return time.toUTC();
    }

private:
    static bool isInMemory(const QSqlDatabase &db)
    {
        const QString name = db.databaseName();
        return name == QLatin1StringView(":memory:") || name.contains(QLatin1StringView("mode=memory"));
    }

    static QString lockFileName(const QSqlDatabase &db, const QString &name)
    {
        const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
        return QFileInfo(db.databaseName()).absoluteFilePath() + QStringLiteral(".projection-")
            + QString::fromLatin1(hash) + QStringLiteral(".lock");
    }

    /*! Checks that table event has every column of the format. */
    Error validate(QSqlDatabase &db) const
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT name FROM pragma_table_info('event')")))
            return typedError(*this, query.lastError(), db);
        QStringList missing = eventColumns;
        while (query.next())
            missing.removeAll(query.value(0).toString());
        if (!missing.isEmpty())
            return Error(Error::Kind::Schema, SqliteText::tr("table event is not an event store (missing columns: %1)")
                                                  .arg(missing.join(QStringLiteral(", "))));
        return {};
    }

    Error migrateLocked(QSqlDatabase &db, const QString &schema) const
    {
        const Result<int> version = schemaVersion(db, schema);
        if (!version)
            return version.error();
        if (version.value() > currentSchemaVersion)
            return Error(Error::Kind::Schema, SqliteText::tr("the database has schema version %1, newer than this library's %2")
                                                  .arg(version.value())
                                                  .arg(currentSchemaVersion));
        QSqlQuery query(db);
        if (version.value() < currentSchemaVersion) {
            // This backend began at version 2: its tables are those of version 2 at once.
            for (const QString &sql : schemaScript(QStringLiteral("sqlite/tables.sql"))) {
                if (!query.exec(sql))
                    return typedError(*this, query.lastError(), db);
            }
            // A table of that name that is not an event store is left alone.
            if (Error error = validate(db); error.isError())
                return error;
            for (int step = version.value() + 1; step <= currentSchemaVersion; ++step) {
                // The steps after the first version have scripts of their own.
                const QStringList script =
                    step > firstVersion ? schemaScript(QStringLiteral("sqlite/%1.sql").arg(step)) : QStringList();
                for (const QString &sql : script) {
                    if (!query.exec(sql))
                        return typedError(*this, query.lastError(), db);
                }
                if (!query.exec(u"INSERT INTO " + table("evented_migrations") + u" (version) VALUES ("
                                + QString::number(step) + u')'))
                    return typedError(*this, query.lastError(), db);
            }
        }
        return validate(db);
    }
};

} // namespace

std::shared_ptr<const Dialect> sqliteDialect()
{
    return std::make_shared<SqliteDialect>();
}

} // namespace Evented::Detail
