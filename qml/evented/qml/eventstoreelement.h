#pragma once

#include <evented/qml/evented_qml_export.h>

#include <evented/domain.h>
#include <evented/eventstore.h>

#include <QObject>
#include <QQmlEngine>
#include <QQmlParserStatus>
#include <QStringList>

#include <memory>

namespace Evented::Qml {

/*!
    The QML element \c EventStore: opens the store at \c url, loads the domain plugins found in
    \c pluginPath (then in \c EVENTED_PLUGIN_PATH and beside the program, as DomainPlugins does)
    and runs the domain's setup on the store's worker thread. \c open becomes true once both are
    done; \c error says why it is not. The other types of the module take it as their \c store.
    \qml
    EventStore { id: store; url: "sqlite:/home/me/shop.db"; pluginPath: ["/opt/shop/plugins"] }
    \endqml
    Changing \c url or \c pluginPath closes the store and opens it again.
*/
class EVENTED_QML_EXPORT EventStoreElement : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(EventStore)
    Q_PROPERTY(QString url READ url WRITE setUrl NOTIFY urlChanged)
    Q_PROPERTY(QStringList pluginPath READ pluginPath WRITE setPluginPath NOTIFY pluginPathChanged)
    Q_PROPERTY(bool open READ isOpen NOTIFY openChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit EventStoreElement(QObject *parent = nullptr);
    ~EventStoreElement() override;

    QString url() const;
    void setUrl(const QString &url);
    QStringList pluginPath() const;
    void setPluginPath(const QStringList &directories);
    /*! True once the store is open and the domain set up on it. */
    bool isOpen() const;
    /*! Why the store is not open (empty while it opens, and once it is). */
    QString error() const;

    /*! The open store; null unless isOpen(). */
    EventStore *store() const;
    /*! The domain of the plugins loaded. */
    const Domain &domain() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void urlChanged();
    void pluginPathChanged();
    /*! Also emitted before the store closes, with isOpen() false and store() still valid. */
    void openChanged();
    void errorChanged();

private:
    /*! Closes the store (if open), then opens it with the current url and plugin path. */
    void reopen();
    void close();
    void setError(const QString &error);

    QString m_url;
    QStringList m_pluginPath;
    bool m_complete = false;
    bool m_open = false;
    QString m_error;
    quint64 m_generation = 0; //!< the opening a setup's result belongs to
    std::unique_ptr<EventStore> m_store;
    Domain m_domain;
};

} // namespace Evented::Qml
