#pragma once

#include <evented/qml/eventstoreelement.h>

#include <QPointer>

#include <functional>

namespace Evented::Qml {

/*!
    A type's link to its \c store, an EventStore element: calls back whenever the element
    opens or closes its store (and when the link is set), so the type hands the store, or
    null, to what it wraps. An element closes its store before it goes away.
*/
class StoreLink
{
public:
    /*! \a changed is called in \a context's thread. */
    StoreLink(QObject *context, std::function<void()> changed);
    ~StoreLink();
    StoreLink(const StoreLink &) = delete;
    StoreLink &operator=(const StoreLink &) = delete;

    EventStoreElement *element() const;
    /*! Links to \a element; false when it is the one linked already. */
    bool set(EventStoreElement *element);
    /*! The element's open store, or null. */
    EventStore *store() const;

private:
    QObject *m_context;
    std::function<void()> m_changed;
    QPointer<EventStoreElement> m_element;
    QMetaObject::Connection m_openChanged;
};

} // namespace Evented::Qml
