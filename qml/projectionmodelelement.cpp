#include <evented/qml/projectionmodelelement.h>

namespace Evented::Qml {

ProjectionModelElement::ProjectionModelElement(QObject *parent)
    : ProjectionModel(parent)
    , m_store(this, [this] { setStore(m_store.store()); })
{
}

ProjectionModelElement::~ProjectionModelElement() = default;

EventStoreElement *ProjectionModelElement::storeElement() const
{
    return m_store.element();
}

void ProjectionModelElement::setStoreElement(EventStoreElement *store)
{
    if (m_store.set(store))
        Q_EMIT storeElementChanged();
}

} // namespace Evented::Qml
