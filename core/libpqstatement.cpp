#include "connection_p.h"
#include "libpqstatement_p.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>

#include <libpq-fe.h>

#include <vector>

namespace Evented::Detail {

namespace {

struct PostgresText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::PostgreSQL)
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
        PGresult *result = m_unnamed
            ? PQexecParams(connection, m_text.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0)
            : PQexecPrepared(connection, m_name.constData(), int(values.size()), values.data(), nullptr, nullptr, 0);
        if (Error error = check(connection, result, PGRES_TUPLES_OK); error.isError()) {
            PQclear(result);
            return error;
        }
        const int count = PQnfields(result);
        std::vector<QByteArrayView> columns(count);
        for (int row = 0; row < PQntuples(result); ++row) {
            for (int column = 0; column < count; ++column) {
                columns[column] = PQgetisnull(result, row, column)
                    ? QByteArrayView()
                    : QByteArrayView(PQgetvalue(result, row, column), PQgetlength(result, row, column));
            }
            visit(columns.data(), count);
        }
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
