#pragma once

#include <evented/projection.h>

#include <QQmlEngine>

namespace Evented::Qml::ProjectionStatusForeign {
Q_NAMESPACE
// The enums of Evented::ProjectionState in QML, for Projection.status: ProjectionState.Live.
QML_FOREIGN_NAMESPACE(Evented::ProjectionState)
QML_NAMED_ELEMENT(ProjectionState)
} // namespace Evented::Qml::ProjectionStatusForeign
