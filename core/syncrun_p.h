#pragma once

#include "synctables_p.h"

#include <evented/domain.h>
#include <evented/synclink.h>

#include <functional>

namespace Evented::Detail {

/*!
    One sync of a local store with its upstream: rounds of pushing the pending commands and
    pulling the upstream's events, each pushed command recorded as decided in a transaction of
    its own, then the one local transaction that replaces the provisional events with the
    pulled ones (see SyncLink::sync()).
*/
class SyncRun
{
public:
    /*! Called after the upstream decided \a command and the decision is recorded locally. */
    using Decided = std::function<void(const SyncCommandRecord &command, const DomainResult &result)>;

    SyncRun(Session &local, EventStore &upstream, const Domain &domain, const SyncLinkRecord &link, Decided decided);

    Result<SyncReport> run();
    /*! After run() succeeded: the pulled events as the local store holds them now. */
    const QList<RecordedEvent> &appended() const { return m_pulled; }

private:
    /*! Pushes the pending commands in the order they were handled. */
    Error push(SyncReport &report);
    /*! Pulls the upstream's events of the linked types after the position into m_pulled. */
    Error pull();
    /*! The final local transaction; false in \a done when commands still await their push. */
    Error apply(SyncReport &report, bool &done);

    Session &m_local;
    SyncTables m_tables;
    EventStore &m_upstream;
    const Domain &m_domain;
    SyncLinkRecord m_link; //!< its position: pulled up to there
    CommitPosition m_pulledFrom; //!< the stored position that m_pulled follows
    Decided m_decided;
    QList<RecordedEvent> m_pulled;
};

} // namespace Evented::Detail
