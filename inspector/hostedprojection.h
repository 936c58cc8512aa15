#pragma once

#include "preparewrites.h"

#include <evented/domain.h>
#include <evented/projection.h>

#include <QObject>
#include <QPointer>

#include <memory>

namespace Evented::Inspector {

class StoreReader;

/*!
    A projection that the inspector runs itself, with the domain's code. The Projection lives
    in the reader's thread, as a child of the reader's store, so that it ends with that store
    at the latest; this object, in the thread that made it, starts and stops it and reports
    what it does. The reader must end before this object (as the panel's reader does).
*/
class HostedProjection : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Run,     //!< runs until stop(), or until it fails
        Rebuild, //!< sets the position back to the beginning, clearing the view, and runs until it has caught up
    };

    HostedProjection(StoreReader *reader, const QString &name, Mode mode, QObject *parent = nullptr);
    ~HostedProjection() override;

    QString name() const { return m_name; }
    Mode mode() const { return m_mode; }

    /*! In the reader's thread: \a prepare (when set), then a projection configured by \a info,
        reset in Rebuild mode, started. */
    void start(const ProjectionInfo &info, const PrepareWrites &prepare);
    /*! Stops the projection where it got to; ended() follows. */
    void stop();

Q_SIGNALS:
    /*! The running projection's state, as it changes. */
    void stateChanged(const Evented::ProjectionState &state);
    /*! Once: it stopped, failed or (Rebuild) caught up, with its last state; or it could not
        start, with the error. */
    void ended(const Evented::ProjectionState &state, const Evented::Error &error);

private:
    struct Running;
    /*! Stops the projection and reports how it ended; in the reader's thread, once. */
    static void end(const std::shared_ptr<Running> &running, HostedProjection *hosted);

    QPointer<StoreReader> m_reader;
    QString m_name;
    Mode m_mode;
    std::shared_ptr<Running> m_running;
};

} // namespace Evented::Inspector
