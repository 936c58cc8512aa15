#include "dialect_p.h"

#include <QCoreApplication>
#include <QFile>

namespace Evented::Detail {

namespace {
struct StoreText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventStore)
};
} // namespace

std::shared_ptr<const Dialect> Dialect::forScheme(const QString &scheme)
{
    if (scheme == u"postgresql" || scheme == u"postgres")
        return postgresDialect();
    if (scheme == u"sqlite")
        return sqliteDialect();
    return nullptr;
}

bool parseBool(const QString &value, bool *ok)
{
    const QString v = value.toLower();
    *ok = v == u"true" || v == u"false" || v == u"1" || v == u"0" || v == u"yes" || v == u"no";
    return v == u"true" || v == u"1" || v == u"yes";
}

Error badOption(const QString &key, const QString &value)
{
    return Error(Error::Kind::InvalidArgument,
                 StoreText::tr("bad value \"%1\" for store URL option %2").arg(value, key));
}

QStringList schemaScript(const QString &name, const QString &schema)
{
    QFile file(u":/evented/sql/" + name);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("schema file %s is missing from the library's resources", qPrintable(name));
    QStringList statements;
    QString current;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.trimmed().startsWith(u"--") || line.trimmed().isEmpty())
            continue;
        current += line + u'\n';
        if (line.trimmed().endsWith(u';')) {
            statements.append(current.trimmed().chopped(1).replace(QStringLiteral("${schema}"), schema));
            current.clear();
        }
    }
    Q_ASSERT_X(current.trimmed().isEmpty(), "schemaScript", "a statement without its semicolon");
    return statements;
}

std::shared_ptr<const Dialect> Dialect::forDriver(const QString &driverName, Error *error)
{
    if (driverName == QLatin1StringView("QPSQL"))
        return postgresDialect();
    if (driverName == QLatin1StringView("QSQLITE"))
        return sqliteDialect();
    if (error)
        *error = Error(Error::Kind::InvalidArgument,
                       QCoreApplication::translate("Evented::Dialect", "unsupported database driver %1").arg(driverName));
    return nullptr;
}

} // namespace Evented::Detail
