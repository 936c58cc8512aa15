#pragma once

#include "storecontext_p.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <memory>

class QSqlDriver;

namespace Evented::Detail {

/*!
    Where a long-lived reader hears of the commits of other processes. The commit notifications
    (LISTEN) need a server session of their own: on the reader's own connection where it is one;
    through a transaction-mode pooler, on a direct connection to the server past the pooler when
    the store names one (StoreOptions::direct); else nowhere, and the reader polls.

    Lives in the thread that calls listen(), whose event loop delivers the notifications.
*/
class CommitListener
{
public:
    /*! \a notified is called for each notification of the store's schema. */
    CommitListener(std::shared_ptr<const StoreContext> context, QObject *receiver, std::function<void()> notified);
    ~CommitListener();
    CommitListener(const CommitListener &) = delete;
    CommitListener &operator=(const CommitListener &) = delete;

    /*! Listens on \a own or on the direct connection (opened, or checked and opened again, here):
        true when notifications will arrive, false when the reader must poll. */
    bool listen(QSqlDatabase &own);
    /*! True when \a own's driver takes the notifications: the client library must then not read
        from that connection under the driver's feet. */
    bool usesOwnConnection() const { return m_onOwn; }
    /*! Stops listening and closes the direct connection. */
    void close();

private:
    bool subscribe(QSqlDriver *driver);

    std::shared_ptr<const StoreContext> m_context;
    QObject *m_receiver;
    std::function<void()> m_notified;
    QSqlDatabase m_direct;
    QSqlDriver *m_connected = nullptr; // the driver whose notification signal reaches m_notified
    QMetaObject::Connection m_connection;
    bool m_onOwn = false;
};

} // namespace Evented::Detail
