#pragma once

// Shared by the test suites: the database the tests run against and a schema of their own.

#include "testoutcomes.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace TestSupport {

/*! The PostgreSQL URL of the test server, started by scripts/testdb.sh (see tests/CMakeLists.txt). */
inline QString serverUrl()
{
    const QString url = qEnvironmentVariable("EVENTED_TEST_URL");
    if (url.isEmpty())
        qFatal("EVENTED_TEST_URL is not set: run the tests through ctest, which starts the test server");
    return url;
}

/*! \a url with the query option schema=\a schema added. */
inline QString withSchema(const QString &url, const QString &schema)
{
    QUrl u(url);
    QUrlQuery query(u);
    query.addQueryItem(QStringLiteral("schema"), QString::fromUtf8(QUrl::toPercentEncoding(schema)));
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

/*! A plain connection of the current thread to the test server, for checks behind the store's back. */
inline QSqlDatabase rawConnection(const QString &purpose = QStringLiteral("raw"))
{
    static QAtomicInteger<int> counter;
    const QString name = QStringLiteral("test-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
    const QUrl url(serverUrl());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    if (!db.open())
        qFatal("cannot connect to the test server: %s", qPrintable(db.lastError().text()));
    QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning"));
    return db;
}

inline void closeConnection(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

/*! Runs \a sql on \a db and fails the test on an error. */
#define EXEC(db, sql)                                                                                                  \
    do {                                                                                                               \
        QSqlQuery q_(db);                                                                                              \
        QVERIFY2(q_.exec(sql), qPrintable(q_.lastError().text()));                                                     \
    } while (false)

/*! The first column of the first row of \a sql. */
inline QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning() << "query failed:" << sql << query.lastError().text();
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

/*! The backends a data-driven test runs on (see BACKEND_DATA). */
enum class Backend { PostgreSQL, SQLite };

} // namespace TestSupport

namespace TestSupport {

/*! The backend of the running test function's global data row. */
inline bool isSqlite()
{
    const auto *backend = static_cast<const Backend *>(QTest::qGlobalData("backend", qMetaTypeId<Backend>()));
    return *backend == Backend::SQLite;
}

/*! The column "backend" and a row per backend, for a test's _data() function or the global data. */
inline void addBackendRows()
{
    QTest::addColumn<Backend>("backend");
    QTest::newRow("postgresql") << Backend::PostgreSQL;
    QTest::newRow("sqlite") << Backend::SQLite;
}

/*! In a test class: every test function runs once per backend. */
#define BACKEND_DATA                                                                                                   \
    void initTestCase_data() { TestSupport::addBackendRows(); }

/*! Skips a test that is inherently PostgreSQL's, saying why. */
#define POSTGRESQL_ONLY(why)                                                                                           \
    do {                                                                                                               \
        if (TestSupport::isSqlite())                                                                                   \
            QSKIP("PostgreSQL only: " why);                                                                            \
    } while (false)

/*!
    A store of the test's own on the current backend: a PostgreSQL schema (dropped at the end)
    or an SQLite file in a temporary directory (removed at the end). \a name is the schema's
    name or the file's.
*/
class Schema
{
public:
    /*! On the backend of the running test's global data row. */
    explicit Schema(const QString &name = {})
        : Schema(TestSupport::isSqlite() ? Backend::SQLite : Backend::PostgreSQL, name)
    {
    }
    Schema(Backend backend, const QString &name)
        : m_name(name.isEmpty() ? QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(12) : name)
        , m_sqlite(backend == Backend::SQLite)
    {
        if (m_sqlite)
            m_file = m_dir.filePath(m_name + QStringLiteral(".db"));
        m_db = connection(QStringLiteral("schema"));
    }
    ~Schema()
    {
        if (!m_sqlite)
            QSqlQuery(m_db).exec(QStringLiteral("DROP SCHEMA IF EXISTS \"%1\" CASCADE").arg(QString(m_name).replace(u'"', QStringLiteral("\"\""))));
        closeConnection(m_db);
    }
    bool isSqlite() const { return m_sqlite; }
    /*! The schema name the store uses. */
    QString name() const { return m_sqlite ? QStringLiteral("main") : m_name; }
    QString url() const
    {
        if (m_sqlite)
            return QStringLiteral("sqlite:") + QString::fromUtf8(QUrl::toPercentEncoding(m_file, "/"));
        return withSchema(serverUrl(), m_name);
    }
    /*! url() with one more query option, such as "migrate=false". */
    QString url(const QString &option) const { return url() + (url().contains(u'?') ? u'&' : u'?') + option; }
    /*! Qualified table name. */
    QString table(const QString &table) const
    {
        if (m_sqlite)
            return QStringLiteral("main.") + table;
        return u'"' + QString(m_name).replace(u'"', QStringLiteral("\"\"")) + u"\"." + table;
    }
    /*! Creates the (empty) schema, for tests that build tables before the store does. */
    void create()
    {
        if (!m_sqlite)
            QSqlQuery(m_db).exec(u"CREATE SCHEMA " + table(QString()).chopped(1));
    }
    /*! A connection of the test's own. */
    QSqlDatabase &db() { return m_db; }
    /*! Another plain connection of the current thread to the same database. */
    QSqlDatabase connection(const QString &purpose) const
    {
        if (!m_sqlite)
            return rawConnection(purpose);
        static QAtomicInteger<int> counter;
        const QString name = QStringLiteral("test-sqlite-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_file);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            qFatal("cannot open %s: %s", qPrintable(m_file), qPrintable(db.lastError().text()));
        return db;
    }

private:
    QString m_name;
    bool m_sqlite;
    QTemporaryDir m_dir;
    QString m_file;
    QSqlDatabase m_db;
};

/*! How many events the store of \a schema holds. */
inline qint64 eventCount(Schema &schema)
{
    return scalar(schema.db(), u"SELECT count(*) FROM " + schema.table(QStringLiteral("event"))).toLongLong();
}

} // namespace TestSupport
