#pragma once

#include <evented/qml/evented_qml_export.h>
#include <evented/qml/storelink.h>

#include <evented/projectionmodel.h>

#include <QQmlEngine>

namespace Evented::Qml {

/*!
    The QML type \c ProjectionModel: Evented::ProjectionModel over the store of an EventStore
    element, given as \c store.
    \qml
    ProjectionModel { id: accounts; store: store; table: "account"; keyColumns: ["id"]; projection: "account" }
    \endqml
*/
class EVENTED_QML_EXPORT ProjectionModelElement : public ProjectionModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ProjectionModel)
    Q_PROPERTY(Evented::Qml::EventStoreElement *store READ storeElement WRITE setStoreElement NOTIFY storeElementChanged)

public:
    explicit ProjectionModelElement(QObject *parent = nullptr);
    ~ProjectionModelElement() override;

    EventStoreElement *storeElement() const;
    void setStoreElement(EventStoreElement *store);

Q_SIGNALS:
    void storeElementChanged();

private:
    StoreLink m_store;
};

} // namespace Evented::Qml
