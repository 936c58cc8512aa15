#include <evented/qml/commandrunnerelement.h>

namespace Evented::Qml {

CommandRunnerElement::CommandRunnerElement(QObject *parent)
    : CommandRunner(parent)
    , m_store(this, [this] { link(); })
{
}

CommandRunnerElement::~CommandRunnerElement() = default;

EventStoreElement *CommandRunnerElement::storeElement() const
{
    return m_store.element();
}

void CommandRunnerElement::setStoreElement(EventStoreElement *store)
{
    if (m_store.set(store))
        Q_EMIT storeElementChanged();
}

QString CommandRunnerElement::newId() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void CommandRunnerElement::link()
{
    EventStore *store = m_store.store();
    if (store)
        setDomain(m_store.element()->domain());
    setStore(store);
}

} // namespace Evented::Qml
