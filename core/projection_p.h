#pragma once

#include "projectionstatus_p.h"
#include "storecontext_p.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QMutex>
#include <QPointer>
#include <QThread>

#include <memory>

namespace Evented {

class ProjectionWorker;

namespace Detail {
/*! A failure of one event (its handler's or its decoding's), which ErrorStrategy::Park parks; not
    the database's nor the lease's. */
inline bool isEventsFault(const Error &error)
{
    return (error.kind() == Error::Kind::ListenerFailed || error.kind() == Error::Kind::DecodeFailed) && error.seqNo() >= 0;
}
} // namespace Detail

/*! What a projection's setters set: copied whole when it starts, so that later setter calls
    cannot race with a running worker. */
struct ProjectionSettings
{
    QString name;
    Projection::ErasedHandler handler;
    EventFilter filter;
    int batchSize = 500;
    int pollInterval = 1000;
    Projection::ErrorStrategy strategy = Projection::ErrorStrategy::Stop;
    int maxRetries = 5;
    int leaseMs = 10'000;
};

class ProjectionPrivate
{
public:
    explicit ProjectionPrivate(Projection *q)
        : q_ptr(q)
    {
    }
    ~ProjectionPrivate();

    /*! Stores \a state and emits stateChanged() in the owner's thread; any thread. */
    void publish(const ProjectionState &state);
    /*! Logs \a error and emits errorOccurred() in the owner's thread; any thread. */
    void report(const Error &error);
    /*! Emits caughtUp() in the owner's thread; any thread. */
    void caughtUp(qint64 seqNo);
    /*! Emits eventParked() in the owner's thread; any thread. */
    void parked(qint64 seqNo, const Error &error);

    Projection *q_ptr;
    Q_DECLARE_PUBLIC(Projection)

    QPointer<EventStore> store;
    ProjectionSettings settings;
    Projection::ResetHandler resetHandler;

    std::unique_ptr<QThread> thread;
    std::unique_ptr<ProjectionWorker> worker;

    mutable QMutex mutex;
    ProjectionState current;
};

} // namespace Evented
