#pragma once

#include "synctables_p.h"

#include <evented/domain.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/synclink.h>

#include <QFuture>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Evented {

class SyncLinkPrivate
{
    Q_DECLARE_PUBLIC(SyncLink)
public:
    explicit SyncLinkPrivate(SyncLink *q)
        : q_ptr(q)
    {
    }

    /*! The local store's connection with the link's tables; NotOpen when not attached. */
    Result<Detail::Session *> localSession() const;
    /*! The upstream store, opened when it is not. */
    Result<EventStore *> upstreamStore();
    /*! Reads the link for a sync, resetting the projections a stopped one left to reset; the
        local store's connection. */
    Result<Detail::Session *> beginSync();
    /*! The upstream decided \a command, and it is recorded: announces it. */
    void decided(const Detail::SyncCommandRecord &command, const DomainResult &result);
    /*! After a sync, in this object's thread: the status, the reset of the projections and the
        announcement of \a appended when it completed; failed() when not. */
    Result<SyncReport> endSync(const Result<SyncReport> &report, const QList<RecordedEvent> &appended);
    /*! Reads the status from the local tables and announces what changed. */
    void refresh();
    /*! Records a failed attempt: offline, with \a error. */
    void failed(const Error &error);
    /*! Resets the registered projections when a sync withdrew events they may have passed. */
    void resetProjections(Detail::SyncTables &tables);
    void setOnline(bool online);
    static QVariantMap describe(const Detail::SyncCommandRecord &command);

    SyncLink *q_ptr;
    QPointer<EventStore> local;
    Detail::SyncLinkRecord link;
    Domain domain;
    std::unique_ptr<EventStore> upstream;
    QList<QPointer<Projection>> projections;
    QTimer autoSync;
    QFuture<void> running; //!< the sync of syncAsync() on the local store's worker

    bool online = false;
    int pendingCount = 0;
    QDateTime lastSync;
    QVariantList rejected;
    QString lastError;
};

} // namespace Evented
