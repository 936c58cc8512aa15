#include "projectionapply_p.h"

#include "guard_p.h"
#include "storedrow_p.h"

namespace Evented::Detail {

Error applyRows(const QList<CatchUpRow> &rows, const ProjectionSettings &settings, const SchemaMap *schemas,
                QSqlDatabase &db, std::optional<ProjectionDigest> &digest, qsizetype &failedAt)
{
    const EventFilter &filter = settings.filter;
    TextDecoding texts; // what the rows of a typed handler share
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const StoredRow &row = rows.at(i).stored;
        if (digest)
            digest->add(row.seqNo, row.entityId, row.version); // passed, whether applied or not
        if (!filter.matchesType(row.typeName)
            || (settings.partitions > 1 && partitionOf(row.entityId, settings.partitions) != settings.partition))
            continue; // not even decoded
        RecordedEvent event;
        Json::TaggedText text;
        Error error = settings.handler.decodesText ? decodeForText(row, event, schemas, texts, text)
                                                   : decode(row, event, schemas);
        if (!error.isError()) {
            if (!filter.matches(event))
                continue;
            error = guarded([&] { return settings.handler.handle(event, text, db); },
                            [&event](const QString &why) { return Error::handlerFailed(event.seqNo, why); });
        }
        if (error.isError()) {
            failedAt = i;
            return error;
        }
    }
    return {};
}

} // namespace Evented::Detail
