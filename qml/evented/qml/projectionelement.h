#pragma once

#include <evented/qml/evented_qml_export.h>
#include <evented/qml/storelink.h>

#include <evented/projection.h>

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QQmlParserStatus>

namespace Evented::Qml {

/*!
    The QML element \c Projection: one of the domain's projections, by \c name. With
    \c running true this process hosts it (with the domain's handler) while its store is open;
    another instance of the name, in any process, makes it wait on standby. \c status (a
    ProjectionState.Status) and \c statusText say what it does, \c position how far it got.
    \qml
    Projection { store: store; name: "account"; running: true }
    \endqml
*/
class EVENTED_QML_EXPORT ProjectionElement : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Projection)
    Q_PROPERTY(Evented::Qml::EventStoreElement *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    Q_PROPERTY(bool running READ isRunning WRITE setRunning NOTIFY runningChanged)
    Q_PROPERTY(Evented::ProjectionState::Status status READ status NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)
    Q_PROPERTY(qint64 position READ position NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit ProjectionElement(QObject *parent = nullptr);
    ~ProjectionElement() override;

    EventStoreElement *store() const;
    void setStore(EventStoreElement *store);
    QString name() const;
    void setName(const QString &name);
    /*! Whether this process is to host the projection (whether it does: status). */
    bool isRunning() const;
    void setRunning(bool running);
    ProjectionState::Status status() const;
    /*! The status for people, translated. */
    QString statusText() const;
    /*! The seq_no of the last event it handled. */
    qint64 position() const;
    /*! Why it is not hosted, or its last failure. */
    QString error() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void storeChanged();
    void nameChanged();
    void runningChanged();
    void stateChanged();
    void errorChanged();

private:
    /*! Hosts the projection or stops it, as running, the store and the name say. */
    void update();
    void stop();
    void setState(const ProjectionState &state);
    void setError(const QString &error);

    StoreLink m_store;
    QString m_name;
    bool m_running = false;
    bool m_complete = false;
    ProjectionState m_state;
    QString m_error;
    QPointer<Projection> m_projection;
};

} // namespace Evented::Qml
