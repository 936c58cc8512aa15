#pragma once

#include <evented/error.h>
#include <evented/eventstore.h>
#include <evented/result.h>

#include <QByteArrayList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Evented::Detail {

/*!
    One of the store's statements run through the client library itself, with its parameters
    bound instead of written into the SQL text: for the hot paths where the Qt driver costs most.
*/
class NativeStatement
{
public:
    /*! Each row's columns as text, a null view for NULL; valid only during the call. */
    using RowVisitor = std::function<void(const QByteArrayView *columns, int count)>;

    virtual ~NativeStatement() = default;
    /*! Runs with text parameters and shows \a visit each row, without copying it; a typed
        error (SQLSTATE kept) when the statement fails. */
    virtual Error visit(const QByteArrayList &parameters, const RowVisitor &visit) = 0;
};

/*! A held lock that makes one instance of a projection the active one. */
class InstanceLock
{
public:
    virtual ~InstanceLock() = default;
};

/*!
    Everything that differs between database backends: the SQL text of the store's
    statements, the schema migration and the meaning of error codes. The rest of the code
    speaks to a backend only through this interface.

    Statement parameters, in this order:
    - load: entity id (uuid text), type name; columns seq_no, version, event
    - append: entity id, type name, expected version, JSON array of [event, metadata] pairs;
      columns seq_no, version, recorded_at; no row when the expected version is stale
    - version: entity id, type name; one column, the current version (0 for none)
*/
class Dialect
{
public:
    virtual ~Dialect() = default;

    /*! The dialect for a Qt SQL driver name, or null with \a error set. (Exported for the
        tests, which check the plans of its statements.) */
    EVENTED_CORE_EXPORT static std::shared_ptr<const Dialect> forDriver(const QString &driverName, Error *error);

    /*! The dialect of a store URL's scheme ("postgresql", "sqlite"), or null. */
    static std::shared_ptr<const Dialect> forScheme(const QString &scheme);

    /*! The Qt SQL driver of this backend. */
    virtual QString driverName() const = 0;
    /*! Sets up the new connection \a db from \a url and fills \a options from its query;
        InvalidArgument on a bad URL. */
    virtual Error fromUrl(const QUrl &url, QSqlDatabase &db, StoreOptions &options) const = 0;
    /*! The qualified name of one of the store's tables. */
    virtual QString table(const QString &schema, const char *name) const = 0;
    /*! One row, one column: the size of the database in bytes. */
    virtual QString databaseSizeSql() const = 0;
    /*! Inserts one event as exported (seq_no, entity id, version, type name, event, metadata,
        recorded_at as ISO 8601 text), doing nothing when its seq_no or version is taken. */
    virtual QString importSql(const QString &schema) const = 0;
    /*! Runs after an import so that new events get numbers above the imported ones; may be empty. */
    virtual QString afterImportSql(const QString &schema) const = 0;

    /*! The connect options of a long-lived background connection (a projection's), given the
        store's \a options: what makes a dead peer show up as an error instead of a hang. */
    virtual QString backgroundConnectOptions(const QString &options) const = 0;
    /*! Sets up a connection that was just opened (pragmas and the like). */
    virtual Error configure(QSqlDatabase &db) const = 0;
    virtual Error migrate(QSqlDatabase &db, const QString &schema) const = 0;
    virtual Result<int> schemaVersion(QSqlDatabase &db, const QString &schema) const = 0;

    virtual QString loadSql(const QString &schema) const = 0;
    /*!
        How an append statement checks the expected version. Parameters: entity id, type name,
        expected version, then the events: for AppendForm::One the event and its metadata, for
        the others a JSON array of [event, metadata] pairs. Returns seq_no, version, recorded_at
        of each inserted event; a lost race shows as no rows (Checked) or a unique violation.
    */
    enum class AppendForm {
        Checked, //!< inserts nothing unless the entity is at the expected version
        Stored,  //!< the expected version is known to be stored: the unique key alone decides
        One,     //!< Stored, with one event
    };
    virtual QString appendSql(const QString &schema, AppendForm form) const = 0;
    virtual QString versionSql(const QString &schema) const = 0;
    /*! A statement that wakes other processes (parameter: schema), or empty when the backend has none. */
    virtual QString notifySql() const = 0;
    /*! The statement that begins a transaction that will write, or empty for the driver's own;
        appends always run in a transaction when this is set. */
    virtual QString beginWriteSql() const = 0;

    // Projections. Positions are pairs (transaction id as text, seq_no): events are read in
    // commit order, and only those whose transaction ended before every open one began.

    /*! Catch-up page: after position ($1 transaction id, $2 seq_no), at most $3 rows; columns
        seq_no, type_name, entity_id, version, event, metadata, recorded_at, transaction id, head. */
    virtual QString catchUpSql(const QString &schema) const = 0;
    /*! $1 name: one row (seq_no, transaction id) when the projection has a stored position. */
    virtual QString positionSql(const QString &schema) const = 0;
    /*! Stores all of a projection's state: $1 name, $2 seq_no, $3 transaction id, $4 status,
        $5 error, $6 error seq_no, $7 waiting-on pid, $8 waiting since, $9 owner. */
    virtual QString saveSql(const QString &schema) const = 0;
    /*! $1 transaction id, $2 seq_no, after a short page: one row (head, held, ready, pid,
        since); held is true when committed events after that position are held back by an
        open transaction, and pid and since then name it (pid 0 when it cannot be seen);
        ready is true when events after the position can be read now (the barrier moved). */
    virtual QString idleSql(const QString &schema) const = 0;
    /*! All stored projections: name, seq_no, transaction id, status, error, error seq_no,
        waiting-on pid, waiting since, owner, updated_at, head. */
    virtual QString statesSql(const QString &schema) const = 0;
    /*! Tries to become the one active instance of projection \a name: a held lock, null when
        another instance holds it. Released when destroyed or when \a db closes. */
    virtual Result<std::shared_ptr<InstanceLock>> lockProjection(QSqlDatabase &db, const QString &schema,
                                                                 const QString &name) const = 0;
    /*! True when some instance, in any process, holds projection \a name. */
    virtual Result<bool> isProjectionActive(QSqlDatabase &db, const QString &schema, const QString &name) const = 0;
    /*! The channel a connection subscribes to for commit notifications, or empty. */
    virtual QString notificationChannel() const = 0;

    /*! True when SQLSTATE \a sqlState means a passing condition (a deadlock, a busy database). */
    virtual bool isTransient(const QString &sqlState) const = 0;
    /*! \a sql as a native statement on \a db, or null when only the Qt driver can run it. */
    virtual std::unique_ptr<NativeStatement> nativeStatement(QSqlDatabase &db, const QString &sql) const = 0;
    /*! True when SQLSTATE \a sqlState is a unique-key violation. */
    virtual bool isUniqueViolation(const QString &sqlState) const = 0;
    bool isUniqueViolation(const QSqlError &error) const { return isUniqueViolation(error.nativeErrorCode()); }
    /*! True when \a error means the connection is gone. */
    virtual bool isConnectionLost(const QSqlError &error, const QSqlDatabase &db) const = 0;
    /*!
        Readers that follow the commit order (EventLog::readCommitted): the position of the
        newest event whose place in that order is settled, as (transaction id text, seq_no),
        no row when there is none; and the seq_nos of committed events beyond it.
    */
    virtual QString settledPositionSql(const QString &schema) const = 0;
    /*! Creates table \a name of the caller's with \a columns in \a schema when it is missing, quietly. */
    virtual QString createTableSql(const QString &schema, const QString &name, const QString &columns) const = 0;
    /*! Begins a read-only transaction in which every statement sees one snapshot. */
    virtual QString beginSnapshotSql() const = 0;
    virtual QString beyondSettledSql(const QString &schema) const = 0;
    /*!
        Whether a projection catching up reads its next page on a second connection while it
        applies the current one: worth it where reading costs as much as applying.
    */
    virtual bool prefetchesPages() const = 0;
    /*! \a column as text, for LIKE. */
    virtual QString textSql(const QString &column) const = 0;
    /*! The select-list form of the time column or expression \a expression; toUtc() reads it. */
    virtual QString timeSql(const QString &expression) const = 0;
    /*! Converts a time read through timeSql() to a UTC QDateTime. */
    virtual QDateTime toUtc(const QVariant &value) const = 0;
};

/*! Reads a URL option's boolean value; false in \a ok when it is none. */
bool parseBool(const QString &value, bool *ok);
/*! The error for a bad value of store URL option \a key. */
Error badOption(const QString &key, const QString &value);
/*!
    The statements of the schema file \c :/evented/sql/<name> (resources/sql/ in the sources)
    with \c ${schema} replaced by \a schema. Comment lines are dropped; a statement ends with a
    semicolon at the end of a line.
*/
QStringList schemaScript(const QString &name, const QString &schema = {});

std::shared_ptr<const Dialect> postgresDialect();
std::shared_ptr<const Dialect> sqliteDialect();

/*! The schema version this library writes (table evented_migrations). */
inline constexpr int currentSchemaVersion = 3;

/*! The PostgreSQL channel on which commits are announced; the payload is the schema name. */
inline constexpr auto notifyChannel = "evented";

} // namespace Evented::Detail
