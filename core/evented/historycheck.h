#pragma once

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/result.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <memory>

namespace Evented {

class EventStore;

/*! One thing the history check found wrong. */
struct EVENTED_CORE_EXPORT HistoryProblem
{
    enum class Kind {
        Event,             //!< a stored event that the code cannot read or fold (seqNo names it)
        SnapshotDisagrees, //!< a valid snapshot whose state is not the fold of the events up to its version
        SnapshotUndecodable, //!< a snapshot of the current state version that the code cannot decode
        SnapshotOrphaned,  //!< a snapshot whose version is not a stored event of its entity
    };
    Kind kind = Kind::Event;
    QString typeName;
    QUuid entityId;
    qint64 version = 0; //!< the entity version of the event or snapshot
    qint64 seqNo = 0;   //!< the event's seq_no; 0 for a snapshot
    QString reason;
};

/*! What the history check read of one entity type. */
struct EVENTED_CORE_EXPORT HistoryTypeReport
{
    QString typeName;
    qint64 events = 0;            //!< events read
    qint64 entities = 0;          //!< entities folded
    qint64 snapshotsCompared = 0; //!< valid snapshots compared with the fold
    qint64 snapshotsOutdated = 0; //!< snapshots of another state version: loads ignore them
    QList<HistoryProblem> problems;
};

/*! The result of a history check. */
struct EVENTED_CORE_EXPORT HistoryReport
{
    QList<HistoryTypeReport> types;
    QStringList unknownTypes; //!< stored types without domain code: not checked
    bool complete = true;     //!< false when it was cancelled
    qint64 problemCount() const;
    bool isSound() const { return complete && problemCount() == 0; }
};

/*!
    A history check: with a domain's current code, reads every stored event of its entity
    types through their upcasters, folds every entity, and compares each valid snapshot with
    the fold at the snapshot's version. It changes nothing, so it runs as well on a read-only
    store or a copy; it reads in pages by entity, in bounded memory.

    This is how a new build of domain code is tested against the history it will meet.
    Blocking: run it in the store's thread or on its worker (EventStore::runAsync()).
*/
class EVENTED_CORE_EXPORT HistoryCheck
{
public:
    /*! Events read so far and in all; return false to stop (the report is then incomplete). */
    using Progress = std::function<bool(qint64 eventsRead, qint64 eventsTotal)>;

    HistoryCheck(EventStore *store, const Domain &domain);
    ~HistoryCheck();
    HistoryCheck(const HistoryCheck &) = delete;
    HistoryCheck &operator=(const HistoryCheck &) = delete;

    /*! Checks only these entity types (default: every type of the domain). */
    void setTypes(const QStringList &typeNames);
    /*! Events per read (default 1000). */
    void setPageSize(int events);

    /*! Runs the check; \a progress is called after each page. An error only when the reading failed. */
    [[nodiscard]] Result<HistoryReport> run(const Progress &progress = {}) const;

private:
    std::unique_ptr<struct HistoryCheckData> d;
};

} // namespace Evented
