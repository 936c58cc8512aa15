#pragma once

#include "catchup_p.h"

#include <QObject>
#include <QThread>

#include <future>
#include <optional>

namespace Evented::Detail {

/*!
    Reads the next page of a catch-up on a connection and a thread of its own while the worker
    applies the current page, so that reading and applying run side by side. A page read ahead
    is used only when it starts exactly where the worker's committed position is and has the
    size it asks for; anything else (a failed batch, a smaller batch after a failure, a lost
    connection) falls back to the worker's own read, which reports errors as usual.
*/
class PagePrefetcher
{
public:
    /*! Reads on a copy of the store's connection with \a connectOptions, pointed at \a hosts
        ("host:port" each, see pointAt()) when there are any: a read replica's. */
    PagePrefetcher(std::shared_ptr<const StoreContext> context, const QString &connectOptions, const QStringList &hosts = {});
    ~PagePrefetcher();

    /*! Starts reading the page after (\a transactionId, \a seqNo). */
    void request(const QString &transactionId, qint64 seqNo, int limit);
    /*! The page read ahead for exactly this position and size, or none. */
    std::optional<CatchUpPage> take(const QString &transactionId, qint64 seqNo, int limit);

private:
    struct Pending
    {
        QString transactionId;
        qint64 seqNo;
        int limit;
        std::future<std::optional<CatchUpPage>> page;
    };

    void discard();
    std::optional<CatchUpPage> read(const QString &transactionId, qint64 seqNo, int limit); // in m_thread
    void closeConnection();                                                                 // in m_thread

    std::shared_ptr<const StoreContext> m_context;
    QString m_connectOptions;
    QStringList m_hosts;
    QThread m_thread;
    QObject m_inThread;                     // lives in m_thread
    QSqlDatabase m_db;                      // used only in m_thread
    std::optional<CatchUpReader> m_reader;  // on m_db
    std::optional<Pending> m_pending;       // the worker's side
};

} // namespace Evented::Detail
