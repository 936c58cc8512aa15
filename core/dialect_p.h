#pragma once

#include "statements_p.h"

#include <evented/error.h>
#include <evented/eventfilter.h>
#include <evented/eventstore.h>
#include <evented/result.h>

#include <QByteArrayList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Evented {
struct EntityQuery;
}

namespace Evented::Detail {

/*!
    One of the store's statements run through the client library itself, with its parameters
    bound instead of written into the SQL text: for the hot paths where the Qt driver costs most.
*/
/*! One row of a native statement, read in place in the form the client library received it
    (binary, where the server sends that): each column by what it holds. Valid during the visit. */
class NativeRow
{
public:
    virtual ~NativeRow() = default;
    virtual bool isNull(int column) const = 0;
    /*! An integer column (smallint, integer, bigint, xid8); 0 for NULL. */
    virtual qint64 integer(int column) const = 0;
    /*! A text column, or the text of a json or jsonb one; a null view for NULL. */
    virtual QByteArrayView text(int column) const = 0;
    /*! A uuid column; a null QUuid for NULL. */
    virtual QUuid uuid(int column) const = 0;
};

class NativeStatement
{
public:
    using RowVisitor = std::function<void(const NativeRow &row)>;

    virtual ~NativeStatement() = default;
    /*! Runs with text parameters and shows \a visit each row, without copying it; a typed
        error (SQLSTATE kept) when the statement fails. */
    virtual Error visit(const QByteArrayList &parameters, const RowVisitor &visit) = 0;
};

/*! A statement with its positional values, built for a query whose shape depends on the request. */
struct BoundSql
{
    QString sql;
    QVariantList values;
};

/*!
    Everything that differs between database backends, shaped like QSqlDriver: what the backend
    can do (hasFeature()), its statements (built once per schema, with named columns), its
    identifiers, its migration scripts and the meaning of its error codes. The backends are the
    only places that know SQL; the rest of the code speaks to one only through this interface.
*/
class Dialect
{
public:
    enum class Feature {
        CommitNotifications, //!< commits wake other processes (PostgreSQL's NOTIFY)
        NativeStatements,    //!< the client library runs the hot statements (nativeStatement())
        PagePrefetch,        //!< a catch-up reads its next page on a second connection: reading costs as much as applying
        LateCommits,         //!< an event can commit after one with a higher seq_no (positions need the transaction id)
        SerialWriters,       //!< writers take turns: a write transaction takes the one write lock up front
        NamedStatements,     //!< a statement prepared on the server lives as long as the connection (not through a transaction pooler)
        Listen,              //!< a connection is one server session, which can wait for commit notifications (LISTEN)
    };

    virtual ~Dialect() = default;

    /*! The dialect for a Qt SQL driver name, or null with \a error set. (Exported for the
        tests, which check the plans of its statements.) */
    EVENTED_CORE_EXPORT static std::shared_ptr<const Dialect> forDriver(const QString &driverName, Error *error);
    /*! The dialect for a store on driver \a driverName with \a options (its pooler), or null
        with \a error set (InvalidArgument for options the backend cannot have). (Exported for the tests.) */
    EVENTED_CORE_EXPORT static std::shared_ptr<const Dialect> forStore(const QString &driverName, const StoreOptions &options, Error *error);
    /*! The dialect of a store URL's scheme ("postgresql", "sqlite"), or null. */
    static std::shared_ptr<const Dialect> forScheme(const QString &scheme);

    virtual bool hasFeature(Feature feature) const = 0;
    /*! The Qt SQL driver of this backend. */
    virtual QString driverName() const = 0;
    /*! Sets up the new connection \a db from \a url and fills \a options from its query;
        InvalidArgument on a bad URL. */
    virtual Error fromUrl(const QUrl &url, QSqlDatabase &db, StoreOptions &options) const = 0;
    /*! Sets up the connection \a db, not yet open, so that the database refuses every write. */
    virtual Error makeReadOnly(QSqlDatabase &db) const = 0;
    /*! The connect options of a long-lived background connection (a projection's), given the
        store's \a options: what makes a dead peer show up as an error instead of a hang. */
    virtual QString backgroundConnectOptions(const QString &options) const = 0;
    /*! Sets up a connection that was just opened (pragmas and the like). */
    virtual Error configure(QSqlDatabase &db) const = 0;
    /*! Begins a transaction that will write: the driver's own, or (Feature::SerialWriters) one
        that takes the write lock at once. */
    virtual Error beginWrite(QSqlDatabase &db) const;

    // Identifiers. Both backends quote with double quotes, doubling any inside.

    /*! \a identifier quoted, whatever it holds. */
    static QString escapeIdentifier(const QString &identifier);
    /*! The longest identifier in bytes of UTF-8, or 0 for no limit. */
    virtual int maxIdentifierBytes() const = 0;
    /*! InvalidArgument unless \a identifier is a name the backend keeps as it is; \a what says what it names. */
    Error checkIdentifier(const QString &identifier, const QString &what) const;
    /*! The qualified name of table \a name (escaped) in \a schema. */
    virtual QString qualified(const QString &schema, const QString &name) const = 0;
    /*! The qualified name of one of the store's own tables (plain names that need no quotes). */
    virtual QString storeTable(const QString &schema, const char *name) const = 0;

    /*! The store's statements for \a schema; \a distributed when its tables are distributed
        over a cluster, whose commit order CommitBarrier settles. */
    virtual Statements statements(const QString &schema, bool distributed) const = 0;
    /*! Creates table \a name of the caller's with \a columns in \a schema when it is missing, quietly. */
    virtual QString createTableSql(const QString &schema, const QString &name, const QString &columns) const = 0;
    /*! A page of the events that pass \a filter after (or, \a newestFirst, before) a seq_no:
        the values are the bound seq_no, the filter's, and the page size, which the caller
        appends in this order → EventColumn up to RecordedAt. The event names are left to the
        caller, who reads them from the JSON, and so is what jsonContainsSql() does not narrow. */
    BoundSql eventPageSql(const QString &schema, const EventFilter &filter, bool newestFirst) const;
    /*! A page of entities as \a query asks → EntityColumn up to LastChange. */
    BoundSql entityPageSql(const QString &schema, const EntityQuery &query) const;

    // Migration: one driver (migration.cpp) runs each backend's scripts.

    /*! The folder of the backend's schema scripts under :/evented/sql. */
    virtual QString scriptFolder() const = 0;
    /*! The schema version that the backend's tables.sql creates by itself (0: evented's tables only). */
    virtual int baselineVersion() const = 0;
    /*! In the migration's transaction: serialises migrations of \a schema and creates it when missing. */
    virtual Error prepareMigration(QSqlDatabase &db, const QString &schema) const = 0;
    /*! The schema version recorded in \a schema, 0 when there is none. */
    virtual Result<int> schemaVersion(QSqlDatabase &db, const QString &schema) const = 0;
    /*! Records that schema version \a version is in place. */
    QString recordVersionSql(const QString &schema, int version) const;
    /*! The columns of table event in \a schema (none when it is missing). */
    virtual Result<QStringList> eventColumns(QSqlDatabase &db, const QString &schema) const = 0;

    // Distribution over a cluster (Citus): see EventStore::distribute().

    /*! True when table event of \a schema is distributed. */
    virtual Result<bool> isDistributed(QSqlDatabase &db, const QString &schema) const;
    /*! In the migration's transaction: distributes the store's tables of \a schema that are not yet. */
    virtual Error distribute(QSqlDatabase &db, const QString &schema) const;
    /*! On a distributed store: keeps table \a name of the caller's as \a distribution says, unless it is so already. */
    virtual Error distributeTable(QSqlDatabase &db, const QString &schema, const QString &name,
                                  const TableDistribution &distribution) const;

    // Errors and values.

    /*! True when SQLSTATE \a sqlState means a passing condition (a deadlock, a busy database). */
    virtual bool isTransient(const QString &sqlState) const = 0;
    /*! True when SQLSTATE \a sqlState is a unique-key violation. */
    virtual bool isUniqueViolation(const QString &sqlState) const = 0;
    /*! True when \a error means the connection is gone. */
    virtual bool isConnectionLost(const QSqlError &error, const QSqlDatabase &db) const = 0;
    /*! \a sql as a native statement on \a db; only with Feature::NativeStatements. */
    virtual std::unique_ptr<NativeStatement> nativeStatement(QSqlDatabase &db, const QString &sql) const;
    /*! The select-list form of the time column or expression \a expression; toUtc() reads it. */
    virtual QString timeSql(const QString &expression) const = 0;
    /*! Converts a time read through timeSql() to a UTC QDateTime. */
    virtual QDateTime toUtc(const QVariant &value) const = 0;
    /*! \a column as text, for LIKE. */
    virtual QString textSql(const QString &column) const = 0;
    /*! SQL that is true for the rows whose JSON \a column may contain \a pattern
        (EventFilter::eventContains), with its values appended to \a values: exactly those on a
        backend that has containment, a superset elsewhere (the caller checks each row with
        EventFilter::matches()); empty when nothing narrows them. */
    virtual QString jsonContainsSql(const QString &column, const QJsonObject &pattern, QVariantList &values) const = 0;
    /*! SQL that is true when \a a and \a b differ, a null differing from any value but null. */
    virtual QString distinctSql(const QString &a, const QString &b) const = 0;
    /*! The select list of EventColumn up to RecordedAt, of the event table as \a alias. */
    QString eventSelectList(const QString &alias) const;

protected:
    static Error distributionUnsupported();
};

/*! Reads a URL option's boolean value; false in \a ok when it is none. */
bool parseBool(const QString &value, bool *ok);
/*! The error for a bad value of store URL option \a key. */
Error badOption(const QString &key, const QString &value);
/*!
    The statements of the schema file \c :/evented/sql/<name> (resources/sql/ in the sources)
    with \c ${schema} replaced by \a schema. Comment lines are dropped; a statement ends with a
    semicolon at the end of a line. Empty when there is no such file.
*/
QStringList schemaScript(const QString &name, const QString &schema);

std::shared_ptr<const Dialect> postgresDialect(StoreOptions::Pooler pooler = StoreOptions::Pooler::None);
std::shared_ptr<const Dialect> sqliteDialect();

/*! The schema version this library writes (table evented_migrations). */
inline constexpr int currentSchemaVersion = 8;

/*! The PostgreSQL channel on which commits are announced; the payload is the schema name. */
inline constexpr auto notifyChannel = "evented";

} // namespace Evented::Detail
