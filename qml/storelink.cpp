#include <evented/qml/storelink.h>

namespace Evented::Qml {

StoreLink::StoreLink(QObject *context, std::function<void()> changed)
    : m_context(context)
    , m_changed(std::move(changed))
{
}

StoreLink::~StoreLink()
{
    QObject::disconnect(m_openChanged);
}

EventStoreElement *StoreLink::element() const
{
    return m_element;
}

bool StoreLink::set(EventStoreElement *element)
{
    if (element == m_element)
        return false;
    QObject::disconnect(m_openChanged);
    m_element = element;
    if (element)
        m_openChanged = QObject::connect(element, &EventStoreElement::openChanged, m_context, [this] { m_changed(); });
    m_changed();
    return true;
}

EventStore *StoreLink::store() const
{
    return m_element ? m_element->store() : nullptr;
}

} // namespace Evented::Qml
