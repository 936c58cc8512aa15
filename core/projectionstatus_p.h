#pragma once

#include <evented/projection.h>

namespace Evented::Detail {

/*! \a status as stored in the projection table ("catching_up"). */
QString storedStatus(ProjectionState::Status status);
/*! The status stored as \a name; Stopped for anything unknown. */
ProjectionState::Status statusFromStored(const QString &name);
/*! The lag of \a state: head - seqNo while catching up or waiting, 0 when live. */
qint64 lagOf(const ProjectionState &state);

} // namespace Evented::Detail
