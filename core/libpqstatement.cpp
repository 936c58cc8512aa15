#include "connection_p.h"
#include "libpqstatement_p.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>
#include <QtEndian>
#include <QUuid>

#include <libpq-fe.h>

#include <vector>

namespace Evented::Detail {

namespace {

struct PostgresText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::PostgreSQL)
};

// Type OIDs of the binary forms read here (pg_type.dat).
constexpr Oid int8Oid = 20, int2Oid = 21, int4Oid = 23, textOid = 25, jsonOid = 114, varcharOid = 1043,
              uuidOid = 2950, jsonbOid = 3802, xid8Oid = 5069;

/*! A row of a result in binary form. */
class BinaryRow final : public NativeRow
{
public:
    explicit BinaryRow(const PGresult *result)
        : m_result(result)
    {
        for (int column = 0; column < PQnfields(result); ++column)
            m_types.push_back(PQftype(result, column));
    }

    bool isNull(int column) const override { return PQgetisnull(m_result, index, column); }

    qint64 integer(int column) const override
    {
        if (isNull(column))
            return 0;
        const char *value = PQgetvalue(m_result, index, column);
        switch (m_types[column]) {
        case int8Oid:
        case xid8Oid:
            return qFromBigEndian<qint64>(value);
        case int4Oid:
            return qFromBigEndian<qint32>(value);
        case int2Oid:
            return qFromBigEndian<qint16>(value);
        default:
            Q_ASSERT_X(false, "BinaryRow::integer", "not an integer column");
            return 0;
        }
    }

    QByteArrayView text(int column) const override
    {
        if (isNull(column))
            return {};
        QByteArrayView value(PQgetvalue(m_result, index, column), PQgetlength(m_result, index, column));
        // jsonb's binary form is a version byte (1) and the text.
        if (m_types[column] == jsonbOid && !value.isEmpty())
            value = value.sliced(1);
        Q_ASSERT(m_types[column] == jsonbOid || m_types[column] == jsonOid || m_types[column] == textOid
                 || m_types[column] == varcharOid);
        return value;
    }

    QUuid uuid(int column) const override
    {
        if (isNull(column) || m_types[column] != uuidOid || PQgetlength(m_result, index, column) != 16)
            return {};
        return QUuid::fromRfc4122(QByteArrayView(PQgetvalue(m_result, index, column), 16));
    }

    int index = 0;

private:
    const PGresult *m_result;
    std::vector<Oid> m_types;
};

/*!
    A statement prepared with libpq on QPSQL's own connection (driver()->handle()), executed
    with bound text parameters: one round trip, without the driver writing the parameters into
    an EXECUTE text that the server parses again.
*/
class LibpqStatement final : public NativeStatement
{
public:
    LibpqStatement(const QSqlDatabase &db, QString sql, bool unnamed)
        : m_db(db)
        , m_sql(std::move(sql))
        , m_name(unnamed ? QByteArray() : "evented_" + QByteArray::number(counter.fetchAndAddRelaxed(1)))
        , m_unnamed(unnamed)
    {
    }

    Error visit(const QByteArrayList &parameters, const RowVisitor &visit) override
    {
        const QVariant handle = m_db.isOpen() && m_db.driver() ? m_db.driver()->handle() : QVariant();
        const QByteArray type = handle.typeName();
        if (type != "PGconn*" && type != "pg_conn*")
            return Error::connectionLost(PostgresText::tr("the database connection is closed"));
        PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
        if (!m_prepared && !m_unnamed) {
            PGresult *prepared = PQprepare(connection, m_name.constData(), m_sql.toUtf8().constData(),
                                           int(parameters.size()), nullptr);
            const Error error = check(connection, prepared, PGRES_COMMAND_OK);
            PQclear(prepared);
            if (error.isError())
                return error;
            m_prepared = true;
        }
        std::vector<const char *> values;
        values.reserve(parameters.size());
        for (const QByteArray &parameter : parameters)
            values.push_back(parameter.constData());
        // Results in binary: integers and uuids need no parsing, and the server need not
        // print them.
        constexpr int binary = 1;
        PGresult *result = m_unnamed
            ? PQexecParams(connection, m_text.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, binary)
            : PQexecPrepared(connection, m_name.constData(), int(values.size()), values.data(), nullptr, nullptr, binary);
        if (Error error = check(connection, result, PGRES_TUPLES_OK); error.isError()) {
            PQclear(result);
            return error;
        }
        BinaryRow row(result);
        for (row.index = 0; row.index < PQntuples(result); ++row.index)
            visit(row);
        PQclear(result);
        return {};
    }

private:
    static Error check(PGconn *connection, PGresult *result, ExecStatusType expected)
    {
        if (result && PQresultStatus(result) == expected)
            return {};
        const QString message =
            QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).simplified();
        const QString state = result ? QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QString();
        if (PQstatus(connection) == CONNECTION_BAD)
            return Error::connectionLost(message, state);
        return Error(Error::Kind::Database, message, state);
    }

    static inline QAtomicInteger<quint64> counter;
    QSqlDatabase m_db;
    QString m_sql;
    QByteArray m_name;
    QByteArray m_text = m_sql.toUtf8();
    bool m_unnamed;
    bool m_prepared = false; // per connection: the owner drops this object when its connection is reopened
};

} // namespace

std::unique_ptr<NativeStatement> libpqStatement(const QSqlDatabase &db, const QString &sql, bool unnamed)
{
    return std::make_unique<LibpqStatement>(db, sql, unnamed);
}

} // namespace Evented::Detail
