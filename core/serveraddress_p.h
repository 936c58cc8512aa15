#pragma once

#include <QSqlDatabase>
#include <QStringList>

namespace Evented::Detail {

/*!
    Points \a db, a copy of the store's connection not yet open, at \a hostPorts ("host:port"
    each; with several, libpq tries them in order) instead of the store's own hosts: the options
    of the URL that name hosts or ports are dropped, and so is \c target_session_attrs, which
    said what kind of server the store's hosts had to be. \a sessionAttrs, if any, says what
    kind this one must be.
*/
void pointAt(QSqlDatabase &db, const QStringList &hostPorts, const QString &sessionAttrs = {});

} // namespace Evented::Detail
