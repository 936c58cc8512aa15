#include <evented/qml/entitymodelelement.h>

namespace Evented::Qml {

EntityModelElement::EntityModelElement(QObject *parent)
    : EntityModel(parent)
    , m_store(this, [this] { link(); })
{
}

EntityModelElement::~EntityModelElement() = default;

EventStoreElement *EntityModelElement::storeElement() const
{
    return m_store.element();
}

void EntityModelElement::setStoreElement(EventStoreElement *store)
{
    if (m_store.set(store))
        Q_EMIT storeElementChanged();
}

void EntityModelElement::link()
{
    EventStore *store = m_store.store();
    if (store)
        setDomain(m_store.element()->domain());
    setStore(store);
}

} // namespace Evented::Qml
