#pragma once

#include "projectionstatus_p.h"
#include "storecontext_p.h"

#include <evented/eventstore.h>
#include <evented/projection.h>

#include <QMutex>
#include <QPointer>
#include <QThread>

#include <memory>
#include <vector>

namespace Evented {

class ProjectionWorker;

namespace Detail {
/*! A failure of one event (its handler's or its decoding's), which ErrorStrategy::Park parks; not
    the database's nor the lease's. */
inline bool isEventsFault(const Error &error)
{
    return (error.kind() == Error::Kind::ListenerFailed || error.kind() == Error::Kind::DecodeFailed) && error.seqNo() >= 0;
}

/*! The partition of \a partitions that entity \a id belongs to: FNV-1a of its 16 bytes, the same
    in every process and on every backend. */
int partitionOf(const QUuid &id, int partitions);
/*! The name that partition \a partition of \a partitions of projection \a name stores its
    position and lease under: \a name itself when there is one partition, else "name#k/n". */
QString partitionName(const QString &name, int partition, int partitions);
/*! The partitions' names of projection \a name among \a names (stored ones), all of one count:
    {name} when none is there. */
QStringList partitionNames(const QString &name, const QStringList &names);

class Session;
/*! Sets the positions of \a names (a projection's partitions) back to the beginning in one
    transaction, holding their leases, clearing the view with \a clearView when given. Fails,
    changing nothing, when another instance holds one of them. */
Error resetOn(Session &session, const std::shared_ptr<const StoreContext> &context, const QStringList &names,
              int leaseMs, const Projection::ResetHandler &clearView);
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
    int partitions = 1;
    int partition = 0;      //!< a worker's: the one it runs (its name is that partition's)
    QString projectionName; //!< the projection's name, whatever the partition
    /*! Where it stops, in commit order (a rebuild's new version catching up with the live one);
        none when stopAtSeqNo is -1. */
    QString stopAtTransaction;
    qint64 stopAtSeqNo = -1;
};

/*! A table of a projection's view (Projection::addView()). */
struct ProjectionView
{
    QString name;
    QString columns;
    QStringList key;
};

class ProjectionPrivate
{
public:
    explicit ProjectionPrivate(Projection *q)
        : q_ptr(q)
    {
    }
    ~ProjectionPrivate();

    /*! Stores \a state of \a partition and emits stateChanged() with the projection's state
        (merged() of its partitions') in the owner's thread when it changed; any thread. */
    void publish(const ProjectionState &state, int partition = 0);
    /*! The projection's state from its partitions': with one, that one's. */
    static ProjectionState merged(const QString &name, const QList<ProjectionState> &partitions);
    /*! Whether partition \a partition, just active, is one too many for this object's fair share
        \a fair: it holds more than that, and this is one of the highest it holds. Any thread. */
    bool oneTooMany(int partition, int fair) const;
    /*! How many partitions this object holds; any thread. */
    int heldPartitions() const;
    void setHeld(int partition, bool held);
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
    QList<ProjectionView> views;
    QString rebuildSuffix; //!< of a rebuild's new version: what its tables' names end with
    Projection::ResetHandler resetHandler;

    /*! A partition's worker and its thread, while it runs. */
    struct Running
    {
        std::unique_ptr<QThread> thread;
        std::unique_ptr<ProjectionWorker> worker;
    };
    std::vector<Running> running;

    mutable QMutex mutex;
    ProjectionState current;          //!< merged
    QList<ProjectionState> partitionStates;
    QList<bool> held;                 //!< which partitions this object's workers hold
};

} // namespace Evented
