// The raw baselines: the workloads' rows written and read without the library, through
// plain QtSql and through bare libpq, on the same server or file.

#include "bench.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

#include <libpq-fe.h>
#include <vector>

namespace Bench {

namespace {

QString rawData(qint64 inc)
{
    return QStringLiteral(R"({"inc": %1, "note": "%2"})").arg(inc).arg(note);
}

QString rawMetadata()
{
    return QStringLiteral(R"({"ts": "%1"})").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
}

} // namespace

QString schemaOf(const QUrl &url)
{
    const QString schema = QUrlQuery(url).queryItemValue(QStringLiteral("schema"));
    return schema.isEmpty() ? QStringLiteral("public") : schema;
}

namespace {

class QtSqlBaseline final : public Baseline
{
public:
    explicit QtSqlBaseline(const QString &url)
    {
        const QUrl u(url);
        m_sqlite = u.scheme() == u"sqlite";
        static QAtomicInteger<int> counter;
        m_name = QStringLiteral("raw-%1").arg(counter.fetchAndAddRelaxed(1));
        if (u.scheme() == u"sqlite") {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(u.path());
            m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(u.host());
            m_db.setPort(u.port(5432));
            m_db.setUserName(u.userName());
            m_db.setPassword(u.password());
            m_db.setDatabaseName(u.path().mid(1));
        }
        if (!m_db.open())
            fail(m_db.lastError().text());
        if (u.scheme() == u"sqlite") {
            exec(QStringLiteral("PRAGMA journal_mode = WAL"));
            exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
            exec(QStringLiteral("CREATE TABLE IF NOT EXISTS raw_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT, "
                                "version INTEGER, type TEXT, data TEXT, metadata TEXT, UNIQUE (stream, version))"));
        } else {
            // In the store's schema, beside the store's tables.
            exec(QStringLiteral("SET client_min_messages = warning"));
            exec(u"SET search_path TO " + schemaOf(u));
            exec(QStringLiteral("CREATE TABLE IF NOT EXISTS raw_events (seq bigserial PRIMARY KEY, stream text, "
                                "version bigint, type text, data jsonb, metadata jsonb, UNIQUE (stream, version))"));
        }
    }
    ~QtSqlBaseline() override
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    void exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            fail(query.lastError().text());
    }

    qint64 appendSingles(int first, int count, int streams, int streamBase) override
    {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO raw_events (stream, version, type, data, metadata) VALUES (?, ?, 'Increased', ?, ?)"));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            insert.addBindValue(QStringLiteral("counter-%1").arg(streamBase + i % streams));
            insert.addBindValue(i / streams + 1);
            insert.addBindValue(rawData(first + i));
            insert.addBindValue(rawMetadata());
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        return timer.nsecsElapsed();
    }

    qint64 appendBatches(const QString &stream, int batches) override
    {
        QString sql = QStringLiteral("INSERT INTO raw_events (stream, version, type, data, metadata) VALUES ");
        for (int k = 0; k < 100; ++k)
            sql += (k ? QStringLiteral(", ") : QString()) + QStringLiteral("(?, ?, 'Increased', ?, ?)");
        QSqlQuery insert(m_db);
        insert.prepare(sql);
        QElapsedTimer timer;
        timer.start();
        for (int b = 0; b < batches; ++b) {
            const QString ts = rawMetadata();
            for (int k = 1; k <= 100; ++k) {
                insert.addBindValue(stream);
                insert.addBindValue(b * 100 + k);
                insert.addBindValue(rawData(b * 100 + k));
                insert.addBindValue(ts);
            }
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        return timer.nsecsElapsed();
    }

    double readStream(const QString &stream) override
    {
        QList<double> samples;
        for (int i = 0; i < 5; ++i) {
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            QElapsedTimer timer;
            timer.start();
            query.prepare(QStringLiteral("SELECT version, data, metadata FROM raw_events WHERE stream = ? ORDER BY version"));
            query.addBindValue(stream);
            if (!query.exec())
                fail(query.lastError().text());
            while (query.next()) {
                QJsonDocument::fromJson(query.value(1).toString().toUtf8());
                QJsonDocument::fromJson(query.value(2).toString().toUtf8());
            }
            samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

    double catchUp(qint64 expected) override
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT seq, data, metadata FROM raw_events WHERE seq > ? ORDER BY seq LIMIT 1000"));
        qint64 last = 0, count = 0;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            query.addBindValue(last);
            if (!query.exec())
                fail(query.lastError().text());
            qint64 page = 0;
            while (query.next()) {
                last = query.value(0).toLongLong();
                QJsonDocument::fromJson(query.value(1).toString().toUtf8());
                QJsonDocument::fromJson(query.value(2).toString().toUtf8());
                ++page;
            }
            count += page;
            if (page == 0)
                break;
        }
        if (count != expected)
            fail(QStringLiteral("raw catch-up read %1 of %2").arg(count).arg(expected));
        return perSecond(count, timer.nsecsElapsed());
    }

    double readRow(const QByteArray &state) override
    {
        exec(m_sqlite ? QStringLiteral("CREATE TABLE IF NOT EXISTS raw_rows (id TEXT PRIMARY KEY, version INTEGER, state TEXT)")
                      : QStringLiteral("CREATE TABLE IF NOT EXISTS raw_rows (id uuid PRIMARY KEY, version bigint, state jsonb)"));
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO raw_rows (id, version, state) VALUES (?, 1, ?)"));
        insert.addBindValue(id);
        insert.addBindValue(QString::fromUtf8(state));
        if (!insert.exec())
            fail(insert.lastError().text());
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT version, state FROM raw_rows WHERE id = ?"));
        QList<double> samples;
        for (int i = 0; i <= w9Samples; ++i) { // the first one warms up
            QElapsedTimer timer;
            timer.start();
            query.addBindValue(id);
            if (!query.exec())
                fail(query.lastError().text());
            if (!query.next())
                fail(QStringLiteral("raw row not found"));
            query.value(0).toLongLong();
            QJsonDocument::fromJson(query.value(1).toString().toUtf8());
            query.finish();
            if (i > 0)
                samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
    bool m_sqlite = false;
};

/*! The same through bare libpq: prepared statements, parameters bound, rows read as text. */
class LibpqBaseline final : public Baseline
{
public:
    explicit LibpqBaseline(const QString &url)
    {
        const QUrl u(url);
        const QString conninfo = QStringLiteral("host='%1' port=%2 user='%3' password='%4' dbname='%5'")
                                     .arg(u.host())
                                     .arg(u.port(5432))
                                     .arg(u.userName(), u.password(), u.path().mid(1));
        m_conn = PQconnectdb(conninfo.toUtf8().constData());
        if (PQstatus(m_conn) != CONNECTION_OK)
            fail(QString::fromUtf8(PQerrorMessage(m_conn)).simplified());
        exec(QString(u"SET search_path TO " + schemaOf(u)).toUtf8());
        exec("SET client_min_messages = warning");
        exec("CREATE TABLE IF NOT EXISTS raw_events_libpq (seq bigserial PRIMARY KEY, stream text, version bigint, "
             "type text, data jsonb, metadata jsonb, UNIQUE (stream, version))");
    }
    ~LibpqBaseline() override { PQfinish(m_conn); }

    qint64 appendSingles(int first, int count, int streams, int streamBase) override
    {
        prepare("single", "INSERT INTO raw_events_libpq (stream, version, type, data, metadata) "
                          "VALUES ($1, $2, 'Increased', $3, $4)", 4);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            const QByteArray values[] = {"counter-" + QByteArray::number(streamBase + i % streams),
                                         QByteArray::number(i / streams + 1), rawData(first + i).toUtf8(),
                                         rawMetadata().toUtf8()};
            run("single", values, 4, PGRES_COMMAND_OK);
        }
        return timer.nsecsElapsed();
    }

    qint64 appendBatches(const QString &stream, int batches) override
    {
        QByteArray sql = "INSERT INTO raw_events_libpq (stream, version, type, data, metadata) VALUES ";
        for (int k = 0; k < 100; ++k)
            sql += (k ? ", " : "") + QStringLiteral("($%1, $%2, 'Increased', $%3, $%4)").arg(4 * k + 1).arg(4 * k + 2).arg(4 * k + 3).arg(4 * k + 4).toUtf8();
        prepare("batch", sql, 400);
        QElapsedTimer timer;
        timer.start();
        QList<QByteArray> values(400);
        for (int b = 0; b < batches; ++b) {
            const QByteArray ts = rawMetadata().toUtf8();
            for (int k = 0; k < 100; ++k) {
                values[4 * k] = stream.toUtf8();
                values[4 * k + 1] = QByteArray::number(b * 100 + k + 1);
                values[4 * k + 2] = rawData(b * 100 + k + 1).toUtf8();
                values[4 * k + 3] = ts;
            }
            run("batch", values.constData(), 400, PGRES_COMMAND_OK);
        }
        return timer.nsecsElapsed();
    }

    double readStream(const QString &stream) override
    {
        prepare("read", "SELECT version, data, metadata FROM raw_events_libpq WHERE stream = $1 ORDER BY version", 1);
        QList<double> samples;
        const QByteArray values[] = {stream.toUtf8()};
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            PGresult *result = run("read", values, 1, PGRES_TUPLES_OK);
            for (int r = 0; r < PQntuples(result); ++r) {
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 1), PQgetlength(result, r, 1)));
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 2), PQgetlength(result, r, 2)));
            }
            PQclear(result);
            samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

    double catchUp(qint64 expected) override
    {
        prepare("page", "SELECT seq, data, metadata FROM raw_events_libpq WHERE seq > $1 ORDER BY seq LIMIT 1000", 1);
        qint64 last = 0, count = 0;
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            const QByteArray values[] = {QByteArray::number(last)};
            PGresult *result = run("page", values, 1, PGRES_TUPLES_OK);
            const int page = PQntuples(result);
            for (int r = 0; r < page; ++r) {
                last = QByteArray(PQgetvalue(result, r, 0)).toLongLong();
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 1), PQgetlength(result, r, 1)));
                QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, r, 2), PQgetlength(result, r, 2)));
            }
            PQclear(result);
            count += page;
            if (page == 0)
                break;
        }
        if (count != expected)
            fail(QStringLiteral("libpq catch-up read %1 of %2").arg(count).arg(expected));
        return perSecond(count, timer.nsecsElapsed());
    }

    double readRow(const QByteArray &state) override
    {
        exec("CREATE TABLE IF NOT EXISTS raw_rows_libpq (id uuid PRIMARY KEY, version bigint, state jsonb)");
        prepare("put", "INSERT INTO raw_rows_libpq (id, version, state) VALUES ($1, 1, $2)", 2);
        prepare("row", "SELECT version, state FROM raw_rows_libpq WHERE id = $1", 1);
        const QByteArray values[] = {QUuid::createUuid().toByteArray(QUuid::WithoutBraces), state};
        run("put", values, 2, PGRES_COMMAND_OK);
        QList<double> samples;
        for (int i = 0; i <= w9Samples; ++i) { // the first one warms up
            QElapsedTimer timer;
            timer.start();
            PGresult *result = run("row", values, 1, PGRES_TUPLES_OK);
            if (PQntuples(result) != 1) {
                PQclear(result);
                fail(QStringLiteral("libpq row not found"));
            }
            QByteArray(PQgetvalue(result, 0, 0)).toLongLong();
            QJsonDocument::fromJson(QByteArray::fromRawData(PQgetvalue(result, 0, 1), PQgetlength(result, 0, 1)));
            PQclear(result);
            if (i > 0)
                samples.append(timer.nsecsElapsed() / 1e6);
        }
        return median(samples);
    }

private:
    void exec(const QByteArray &sql)
    {
        PGresult *result = PQexec(m_conn, sql.constData());
        check(result, PGRES_COMMAND_OK);
        PQclear(result);
    }
    void prepare(const char *name, const QByteArray &sql, int parameters)
    {
        if (m_prepared.contains(name))
            return;
        m_prepared.insert(name);
        PGresult *result = PQprepare(m_conn, name, sql.constData(), parameters, nullptr);
        check(result, PGRES_COMMAND_OK);
        PQclear(result);
    }
    /*! Executes a prepared statement; the caller clears a PGRES_TUPLES_OK result. */
    PGresult *run(const char *name, const QByteArray *values, int n, ExecStatusType expected)
    {
        std::vector<const char *> pointers(n);
        for (int i = 0; i < n; ++i)
            pointers[i] = values[i].constData();
        PGresult *result = PQexecPrepared(m_conn, name, n, pointers.data(), nullptr, nullptr, 0);
        check(result, expected);
        if (expected == PGRES_TUPLES_OK)
            return result;
        PQclear(result);
        return nullptr;
    }
    void check(PGresult *result, ExecStatusType expected)
    {
        if (PQresultStatus(result) != expected) {
            const QString message = QString::fromUtf8(PQresultErrorMessage(result)).simplified();
            PQclear(result);
            fail(message);
        }
    }

    PGconn *m_conn = nullptr;
    QSet<QByteArray> m_prepared;
};

} // namespace

std::unique_ptr<Baseline> qtSqlBaseline(const QString &url)
{
    return std::make_unique<QtSqlBaseline>(url);
}

std::unique_ptr<Baseline> libpqBaseline(const QString &url)
{
    return std::make_unique<LibpqBaseline>(url);
}

void dropSchema(const QString &url)
{
    const QUrl u(url);
    if (u.scheme() == u"sqlite")
        return;
    QtSqlBaseline(url).exec(u"DROP SCHEMA " + schemaOf(u) + u" CASCADE");
}

} // namespace Bench
