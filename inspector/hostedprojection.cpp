#include "hostedprojection.h"

#include <evented/inspector/storereader.h>

namespace Evented::Inspector {

/*! What only the reader's thread touches: the projection, and whether it ended. */
struct HostedProjection::Running
{
    QPointer<Projection> projection;
    bool ended = false;
};

HostedProjection::HostedProjection(StoreReader *reader, const QString &name, Mode mode, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
    , m_name(name)
    , m_mode(mode)
    , m_running(std::make_shared<Running>())
{
}

HostedProjection::~HostedProjection() = default;

void HostedProjection::end(const std::shared_ptr<Running> &running, HostedProjection *hosted)
{
    if (running->ended || !running->projection)
        return;
    running->ended = true;
    Projection *projection = running->projection;
    projection->stop();
    const ProjectionState state = projection->state();
    projection->deleteLater();
    QMetaObject::invokeMethod(hosted, [hosted, state] { Q_EMIT hosted->ended(state, {}); });
}

void HostedProjection::start(const ProjectionInfo &info, const PrepareWrites &prepare)
{
    if (!m_reader)
        return;
    m_reader->run<Error>([running = m_running, info, prepare, mode = m_mode, hosted = this](EventStore &store) -> Error {
            if (prepare) {
                if (Error error = prepare(store); error.isError())
                    return error;
            }
            auto *projection = new Projection(&store, info.name, &store);
            info.configure(*projection, store);
            if (mode == Mode::Rebuild) {
                if (Error error = projection->reset(true); error.isError()) {
                    delete projection;
                    return error;
                }
            }
            running->projection = projection;
            // The state in the hosting thread; the end in this one, after the signal.
            QObject::connect(projection, &Projection::stateChanged, hosted, &HostedProjection::stateChanged);
            const auto endHere = [running, hosted] { end(running, hosted); };
            if (mode == Mode::Rebuild)
                QObject::connect(projection, &Projection::caughtUp, projection, endHere, Qt::QueuedConnection);
            QObject::connect(projection, &Projection::stateChanged, projection, [endHere](const ProjectionState &state) {
                if (state.status == ProjectionState::Status::Failed)
                    endHere();
            }, Qt::QueuedConnection);
            projection->start();
            return {};
        }, this, [this](const Error &error) {
            if (error.isError())
                Q_EMIT ended({}, error);
        });
}

void HostedProjection::stop()
{
    if (!m_reader)
        return;
    m_reader->run<bool>([running = m_running, hosted = this](EventStore &) {
        end(running, hosted);
        return true;
    });
}

} // namespace Evented::Inspector
