#pragma once

#include <evented/projectionmodel.h>

#include <QQmlEngine>

namespace Evented::Qml {

/*! Evented::ProjectionModel as QML knows it: the type of CommandRunner.send()'s model, which a
    ProjectionModel element is. */
struct ProjectionModelForeign
{
    Q_GADGET
    QML_FOREIGN(Evented::ProjectionModel)
    QML_ANONYMOUS
};

} // namespace Evented::Qml
