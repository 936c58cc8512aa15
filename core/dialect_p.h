#pragma once

#include <evented/error.h>
#include <evented/result.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <memory>

namespace Evented::Detail {

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

    /*! The dialect for a Qt SQL driver name, or null with \a error set. */
    static std::shared_ptr<const Dialect> forDriver(const QString &driverName, Error *error);

    virtual Error migrate(QSqlDatabase &db, const QString &schema) const = 0;
    virtual Result<int> schemaVersion(QSqlDatabase &db, const QString &schema) const = 0;

    virtual QString loadSql(const QString &schema) const = 0;
    virtual QString appendSql(const QString &schema) const = 0;
    virtual QString versionSql(const QString &schema) const = 0;
    /*! A statement that wakes other processes (parameter: schema), or empty when the backend has none. */
    virtual QString notifySql() const = 0;

    /*! True when \a error is a unique-key violation. */
    virtual bool isUniqueViolation(const QSqlError &error) const = 0;
    /*! True when \a error means the connection is gone. */
    virtual bool isConnectionLost(const QSqlError &error, const QSqlDatabase &db) const = 0;
    /*! Converts a server time stamp as returned by the driver to UTC. */
    virtual QDateTime toUtc(const QVariant &value) const = 0;
};

/*! The schema version this library writes (table evented_migrations). */
inline constexpr int currentSchemaVersion = 2;

/*! The PostgreSQL channel on which commits are announced; the payload is the schema name. */
inline constexpr auto notifyChannel = "evented";

} // namespace Evented::Detail
