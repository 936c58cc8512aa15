#pragma once

#include "catchup_p.h"
#include "projectionworker_p.h" // with projection_p.h, whose workers it needs complete
#include "projectiondigest_p.h"

#include <optional>

namespace Evented::Detail {

/*!
    Applies \a rows, in commit order, with the handler of \a settings in the current transaction
    of \a db: each row passes the digest (when there is one); those of the settings' partition
    that pass its filter are decoded (upcast with \a schemas) and handled. On a failure,
    \a failedAt is the failing row's index. What a running projection and a rebuild's swap
    apply alike.
*/
Error applyRows(const QList<CatchUpRow> &rows, const ProjectionSettings &settings, const SchemaMap *schemas,
                QSqlDatabase &db, std::optional<ProjectionDigest> &digest, qsizetype &failedAt);

} // namespace Evented::Detail
