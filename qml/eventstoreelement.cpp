#include <evented/qml/eventstoreelement.h>

#include <evented/domainplugins.h>

#include <QFuture>

namespace Evented::Qml {

EventStoreElement::EventStoreElement(QObject *parent)
    : QObject(parent)
{
}

EventStoreElement::~EventStoreElement()
{
    close();
}

QString EventStoreElement::url() const
{
    return m_url;
}

void EventStoreElement::setUrl(const QString &url)
{
    if (url == m_url)
        return;
    m_url = url;
    Q_EMIT urlChanged();
    reopen();
}

QStringList EventStoreElement::pluginPath() const
{
    return m_pluginPath;
}

void EventStoreElement::setPluginPath(const QStringList &directories)
{
    if (directories == m_pluginPath)
        return;
    m_pluginPath = directories;
    Q_EMIT pluginPathChanged();
    reopen();
}

bool EventStoreElement::isOpen() const
{
    return m_open;
}

QString EventStoreElement::error() const
{
    return m_error;
}

EventStore *EventStoreElement::store() const
{
    return m_open ? m_store.get() : nullptr;
}

const Domain &EventStoreElement::domain() const
{
    return m_domain;
}

void EventStoreElement::classBegin()
{
}

void EventStoreElement::componentComplete()
{
    m_complete = true;
    reopen();
}

void EventStoreElement::close()
{
    ++m_generation;
    if (m_open) {
        m_open = false;
        Q_EMIT openChanged(); // the users of the store let go of it here
    }
    m_store.reset(); // what its worker has queued runs first
}

void EventStoreElement::reopen()
{
    if (!m_complete)
        return;
    close();
    setError({});
    if (m_url.isEmpty())
        return;
    DomainPlugins plugins;
    plugins.load(DomainPlugins::searchPath(m_pluginPath));
    m_domain = plugins.domain();
    m_store = std::make_unique<EventStore>();
    if (const Error error = m_store->open(m_url); error.isError()) {
        m_store.reset();
        setError(error.message());
        return;
    }
    m_domain.registerSchemas(*m_store);
    // The views and listeners, set up on the worker: the GUI thread runs no query.
    EventStore *store = m_store.get();
    store->runAsync<Error>([store, domain = m_domain] { return domain.setUp(*store); })
        .then(this, [this, generation = m_generation](const Error &error) {
            if (generation != m_generation)
                return;
            if (error.isError()) {
                setError(error.message());
                return;
            }
            m_open = true;
            Q_EMIT openChanged();
        });
}

void EventStoreElement::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

} // namespace Evented::Qml
