#pragma once

// Shared by the test suites: the database the tests run against and a schema of their own.

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
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

/*! A schema of the test's own, dropped again at the end of the test. */
class Schema
{
public:
    explicit Schema(const QString &name = {})
        : m_name(name.isEmpty() ? QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(12) : name)
        , m_db(rawConnection(QStringLiteral("schema")))
    {
    }
    ~Schema()
    {
        QSqlQuery(m_db).exec(QStringLiteral("DROP SCHEMA IF EXISTS \"%1\" CASCADE").arg(QString(m_name).replace(u'"', QStringLiteral("\"\""))));
        closeConnection(m_db);
    }
    QString name() const { return m_name; }
    QString url() const { return withSchema(serverUrl(), m_name); }
    /*! Schema-qualified table name. */
    QString table(const QString &table) const
    {
        return u'"' + QString(m_name).replace(u'"', QStringLiteral("\"\"")) + u"\"." + table;
    }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace TestSupport
