#pragma once

#include <evented/domain.h>
#include <evented/error.h>
#include <evented/eventlog.h>
#include <evented/evented_core_export.h>
#include <evented/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Evented {

class EventStore;

/*! What an event upgrade did (or, dry, would do). */
struct EVENTED_CORE_EXPORT EventUpgradeReport
{
    qint64 events = 0;    //!< events read
    qint64 rewritten = 0; //!< events rewritten in their current shapes (dry: that would be)
    /*! Events that no upcaster takes to a shape the code knows: left as they are. */
    QList<StoreProblem> failures;
    bool complete = true; //!< false when it was stopped
};

/*!
    Rewrites stored events in the current shapes and versions of a domain's code, so that
    reading them needs no upcasters. Only for stores that nothing else reads in the old shapes
    (no evented service, no older build): reading never needs it.

    Works in batches of seq_no, one transaction each; an interrupted upgrade is run again and
    goes on where it was, since an upgraded event is current and left alone. Blocking: run it
    in the store's thread or on its worker.
*/
class EVENTED_CORE_EXPORT EventUpgrade
{
public:
    /*! Events read so far and in all; return false to stop after the current batch. */
    using Progress = std::function<bool(qint64 eventsRead, qint64 eventsTotal)>;

    EventUpgrade(EventStore *store, const Domain &domain);
    ~EventUpgrade();
    EventUpgrade(const EventUpgrade &) = delete;
    EventUpgrade &operator=(const EventUpgrade &) = delete;

    /*! Upgrades only these entity types (default: every type of the domain). */
    void setTypes(const QStringList &typeNames);
    /*! Events per batch (default 1000). */
    void setBatchSize(int events);
    /*! Counts what would be rewritten and writes nothing. */
    void setDryRun(bool dryRun);

    [[nodiscard]] Result<EventUpgradeReport> run(const Progress &progress = {}) const;

private:
    std::unique_ptr<struct EventUpgradeData> d;
};

} // namespace Evented
