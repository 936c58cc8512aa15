#pragma once

// A TCP relay between a test's client and a server on this machine, for the tests that put
// something between them (a delay, a held message).

#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

namespace TestSupport {

/*!
    A TCP relay on 127.0.0.1 to \c host:port, in a thread of its own (the test's event loop
    does not carry it). Each connection it accepts is handed with its onward socket to
    pipe(), which a test's relay wires up; the onward socket is a child of the accepted one,
    and both go when either side closes. A subclass calls start() last in its constructor and
    stop() first in its destructor, so that pipe() never runs on a part that is not there.
*/
class TcpRelay : public QObject
{
public:
    quint16 port() const { return m_port; }

protected:
    TcpRelay(const QString &host, quint16 port)
        : m_host(host)
        , m_target(port)
    {
    }
    ~TcpRelay() override { Q_ASSERT_X(!m_thread.isRunning(), "~TcpRelay", "stop() it first"); }

    void start()
    {
        moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(this, [this] { listen(); }, Qt::BlockingQueuedConnection);
    }
    void stop()
    {
        QMetaObject::invokeMethod(this, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    /*! Wires what \a client sends to \a server and back; in the relay's thread. */
    virtual void pipe(QTcpSocket *client, QTcpSocket *server) = 0;

private:
    void listen()
    {
        m_server = std::make_unique<QTcpServer>();
        QObject::connect(m_server.get(), &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server->nextPendingConnection()) {
                auto *server = new QTcpSocket(client);
                pipe(client, server);
                QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                QObject::connect(server, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                server->connectToHost(m_host, m_target);
            }
        });
        if (m_server->listen(QHostAddress::LocalHost))
            m_port = m_server->serverPort();
    }

    QString m_host;
    quint16 m_target;
    QThread m_thread;
    std::unique_ptr<QTcpServer> m_server;
    quint16 m_port = 0;
};

} // namespace TestSupport
