#include "commitlistener_p.h"

#include "connection_p.h"
#include "logging_p.h"
#include "serveraddress_p.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace Evented::Detail {

CommitListener::CommitListener(std::shared_ptr<const StoreContext> context, QObject *receiver, std::function<void()> notified)
    : m_context(std::move(context))
    , m_receiver(receiver)
    , m_notified(std::move(notified))
{
}

CommitListener::~CommitListener()
{
    close();
}

bool CommitListener::listen(QSqlDatabase &own)
{
    const Dialect &dialect = *m_context->dialect;
    m_onOwn = false;
    if (!dialect.hasFeature(Dialect::Feature::CommitNotifications))
        return false;
    if (dialect.hasFeature(Dialect::Feature::Listen)) {
        m_onOwn = true;
        return subscribe(own.driver());
    }
    const QString &direct = m_context->options.direct;
    if (direct.isEmpty())
        return false;
    if (m_direct.isOpen()) {
        // A connection that died while it only listened is noticed by nobody: ask it.
        QSqlQuery ping(m_direct);
        if (ping.exec(QStringLiteral("SELECT 1")) && ping.next()) {
            drain(ping);
            return true;
        }
        qCWarning(lcProjection) << "the direct connection for commit notifications broke:" << ping.lastError().text();
        m_direct.close();
    }
    if (!m_direct.isValid()) {
        m_direct = cloneConnection(*m_context, "listen");
        pointAt(m_direct, {direct});
        m_direct.setConnectOptions(dialect.backgroundConnectOptions(m_direct.connectOptions()));
    }
    if (Error error = openConnection(m_direct, dialect); error.isError()) {
        qCWarning(lcProjection) << "cannot open the direct connection for commit notifications; polling:" << error;
        return false;
    }
    return subscribe(m_direct.driver());
}

bool CommitListener::subscribe(QSqlDriver *driver)
{
    if (!driver)
        return false;
    if (m_connected != driver) {
        QObject::disconnect(m_connection);
        m_connected = driver;
        const QString schema = m_context->options.schema;
        m_connection = QObject::connect(driver, &QSqlDriver::notification, m_receiver,
                         [this, schema](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                             if (payload.toString() == schema)
                                 m_notified();
                         });
    }
    const QString channel = QString::fromLatin1(notifyChannel);
    if (driver->subscribedToNotifications().contains(channel))
        driver->unsubscribeFromNotification(channel);
    if (driver->subscribeToNotification(channel))
        return true;
    qCWarning(lcProjection) << "cannot subscribe to commit notifications; polling only";
    return false;
}

void CommitListener::close()
{
    QObject::disconnect(m_connection);
    m_connected = nullptr;
    removeConnection(m_direct);
}

} // namespace Evented::Detail
