#pragma once

#include <evented/qml/evented_qml_export.h>
#include <evented/qml/storelink.h>

#include <evented/entitymodel.h>

#include <QQmlEngine>

namespace Evented::Qml {

/*!
    The QML type \c EntityModel: Evented::EntityModel over the store of an EventStore element,
    given as \c store, its entities folded by the element's domain.
    \qml
    EntityModel { store: store; entityType: "account" } // roles: id, version, open, balance, currency, state
    \endqml
*/
class EVENTED_QML_EXPORT EntityModelElement : public EntityModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(EntityModel)
    Q_PROPERTY(Evented::Qml::EventStoreElement *store READ storeElement WRITE setStoreElement NOTIFY storeElementChanged)

public:
    explicit EntityModelElement(QObject *parent = nullptr);
    ~EntityModelElement() override;

    EventStoreElement *storeElement() const;
    void setStoreElement(EventStoreElement *store);

Q_SIGNALS:
    void storeElementChanged();

private:
    /*! Hands the element's domain and open store (or null) to the model. */
    void link();

    StoreLink m_store;
};

} // namespace Evented::Qml
