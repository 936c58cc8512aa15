#include "dialect_p.h"

#include <QCoreApplication>

namespace Evented::Detail {

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
