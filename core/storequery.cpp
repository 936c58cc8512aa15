#include "storequery_p.h"

#include "dialect_p.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlField>
#include <QUuid>

namespace Evented::Detail {

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

/*! A value that Qt SQL sends as NULL: none at all, or a null string, byte array, time or id. */
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime *>(value.constData())->isValid();
    case QMetaType::QDate:
        return !static_cast<const QDate *>(value.constData())->isValid();
    case QMetaType::QTime:
        return !static_cast<const QTime *>(value.constData())->isValid();
    case QMetaType::QUuid:
        return static_cast<const QUuid *>(value.constData())->isNull();
    default:
        return false;
    }
}

QString literal(const QVariant &value, const QSqlDriver &driver)
{
    QSqlField field(QString(), value.metaType());
    if (isNullValue(value))
        field.clear();
    else
        field.setValue(value);
    const QString text = driver.formatValue(field);
    // A negative number in parentheses, so that no neighbouring operator takes its sign.
    return text.startsWith(u'-') ? u'(' + text + u')' : text;
}

} // namespace

QString withValues(const QString &sql, const QVariantList &values, const QSqlDriver &driver)
{
    QString out;
    out.reserve(sql.size() + values.size() * 24);
    const qsizetype n = sql.size();
    qsizetype positional = 0;
    qsizetype i = 0;
    const auto value = [&](qsizetype index, qsizetype from, qsizetype to) {
        if (index >= 0 && index < values.size())
            out += literal(values.at(index), driver);
        else
            out += QStringView(sql).sliced(from, to - from);
    };
    while (i < n) {
        const QChar c = sql.at(i);
        const bool wordBefore = i > 0 && isIdentifierChar(sql.at(i - 1));
        if (c == u'\'' || c == u'"') {
            // To the closing quote; a doubled quote stays inside, and so does a backslash's
            // next character in an E'…' string.
            const bool backslashes = c == u'\'' && i > 0 && (sql.at(i - 1) == u'E' || sql.at(i - 1) == u'e')
                && (i < 2 || !isIdentifierChar(sql.at(i - 2)));
            qsizetype j = i + 1;
            while (j < n) {
                if (backslashes && sql.at(j) == u'\\') {
                    j += 2;
                    continue;
                }
                if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            j = std::min(j + 1, n);
            out += QStringView(sql).sliced(i, j - i);
            i = j;
            continue;
        }
        if (c == u'-' && i + 1 < n && sql.at(i + 1) == u'-') {
            qsizetype j = sql.indexOf(u'\n', i);
            j = j < 0 ? n : j;
            out += QStringView(sql).sliced(i, j - i);
            i = j;
            continue;
        }
        if (c == u'/' && i + 1 < n && sql.at(i + 1) == u'*') {
            qsizetype j = sql.indexOf(QStringLiteral("*/"), i + 2);
            j = j < 0 ? n : j + 2;
            out += QStringView(sql).sliced(i, j - i);
            i = j;
            continue;
        }
        if (c == u'$' && !wordBefore) {
            qsizetype j = i + 1;
            if (j < n && sql.at(j).isDigit()) { // $n
                while (j < n && sql.at(j).isDigit())
                    ++j;
                value(QStringView(sql).sliced(i + 1, j - i - 1).toLongLong() - 1, i, j);
                i = j;
                continue;
            }
            while (j < n && isIdentifierChar(sql.at(j)))
                ++j;
            if (j < n && sql.at(j) == u'$') { // $tag$ … $tag$
                const QString tag = sql.mid(i, j - i + 1);
                qsizetype end = sql.indexOf(tag, j + 1);
                end = end < 0 ? n : end + tag.size();
                out += QStringView(sql).sliced(i, end - i);
                i = end;
                continue;
            }
        }
        if (c == u'?') {
            value(positional++, i, i + 1);
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

StoreQuery::StoreQuery(const QSqlDatabase &db, const Dialect &dialect)
    : QSqlQuery(db)
    , m_named(dialect.hasFeature(Dialect::Feature::NamedStatements))
{
}

bool StoreQuery::prepare(const QString &sql)
{
    if (m_named)
        return QSqlQuery::prepare(sql);
    m_sql = sql;
    return true;
}

bool StoreQuery::exec()
{
    if (m_named)
        return QSqlQuery::exec();
    const QSqlDriver *driver = this->driver();
    if (!driver)
        return QSqlQuery::exec(m_sql); // fails as the driver does
    return QSqlQuery::exec(withValues(m_sql, boundValues(), *driver));
}

} // namespace Evented::Detail
