#include <evented/qml/projectionelement.h>

namespace Evented::Qml {

ProjectionElement::ProjectionElement(QObject *parent)
    : QObject(parent)
    , m_store(this, [this] { update(); })
{
}

ProjectionElement::~ProjectionElement()
{
    stop();
}

EventStoreElement *ProjectionElement::store() const
{
    return m_store.element();
}

void ProjectionElement::setStore(EventStoreElement *store)
{
    if (m_store.set(store))
        Q_EMIT storeChanged();
}

QString ProjectionElement::name() const
{
    return m_name;
}

void ProjectionElement::setName(const QString &name)
{
    if (name == m_name)
        return;
    stop();
    m_name = name;
    Q_EMIT nameChanged();
    update();
}

bool ProjectionElement::isRunning() const
{
    return m_running;
}

void ProjectionElement::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    Q_EMIT runningChanged();
    update();
}

ProjectionState::Status ProjectionElement::status() const
{
    return m_state.status;
}

QString ProjectionElement::statusText() const
{
    return ProjectionState::statusText(m_state.status);
}

qint64 ProjectionElement::position() const
{
    return m_state.seqNo;
}

QString ProjectionElement::error() const
{
    return m_error;
}

void ProjectionElement::classBegin()
{
}

void ProjectionElement::componentComplete()
{
    m_complete = true;
    update();
}

void ProjectionElement::update()
{
    EventStore *store = m_store.store();
    if (!m_complete || !m_running || !store || m_name.isEmpty()) {
        stop();
        return;
    }
    if (m_projection)
        return;
    const ProjectionInfo *info = m_store.element()->domain().projection(m_name);
    if (!info) {
        setError(tr("no domain plugin declares the projection %1").arg(m_name));
        return;
    }
    setError({});
    auto *projection = new Projection(store, m_name, this);
    info->configure(*projection, *store);
    connect(projection, &Projection::stateChanged, this, &ProjectionElement::setState);
    connect(projection, &Projection::errorOccurred, this,
            [this](const Evented::Error &error) { setError(error.message()); });
    m_projection = projection;
    projection->start();
}

void ProjectionElement::stop()
{
    if (!m_projection)
        return;
    m_projection->stop(); // no batch runs after this
    delete m_projection;
    setState(ProjectionState{});
}

void ProjectionElement::setState(const ProjectionState &state)
{
    if (state.status == m_state.status && state.seqNo == m_state.seqNo)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void ProjectionElement::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

} // namespace Evented::Qml
