#pragma once

#include <evented/qml/evented_qml_export.h>
#include <evented/qml/storelink.h>

#include <evented/commandrunner.h>

#include <QQmlEngine>

namespace Evented::Qml {

/*!
    The QML type \c CommandRunner: Evented::CommandRunner over the store and domain of an
    EventStore element, given as \c store. Its outcome signals are QML handlers:
    \qml
    CommandRunner {
        id: runner
        store: store
        onRejected: (commandId, rejection, fields) => console.log(rejection, fields.balance)
    }
    // runner.send("account", id, "Withdraw", {amount: 30}, accounts, {id: id, balance: balance - 30})
    \endqml
*/
class EVENTED_QML_EXPORT CommandRunnerElement : public CommandRunner
{
    Q_OBJECT
    QML_NAMED_ELEMENT(CommandRunner)
    Q_PROPERTY(Evented::Qml::EventStoreElement *store READ storeElement WRITE setStoreElement NOTIFY storeElementChanged)

public:
    explicit CommandRunnerElement(QObject *parent = nullptr);
    ~CommandRunnerElement() override;

    EventStoreElement *storeElement() const;
    void setStoreElement(EventStoreElement *store);

    /*! A new entity id, as text without braces: the id of an entity to create. */
    Q_INVOKABLE QString newId() const;

Q_SIGNALS:
    void storeElementChanged();

private:
    /*! Hands the element's domain and open store (or null) to the runner. */
    void link();

    StoreLink m_store;
};

} // namespace Evented::Qml
