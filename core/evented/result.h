#pragma once

#include <evented/entity.h>
#include <evented/error.h>
#include <evented/recordedevent.h>

#include <utility>
#include <variant>

namespace Evented {

/*!
    The one vocabulary of outcomes: a command, through the store or a Domain, is applied (its
    events committed, possibly none), rejected by the domain's own rule, or failed with an
    Error (a version conflict, a listener's failure, the database). Only Applied writes.
*/
enum class Outcome {
    Applied,
    Rejected,
    Failed,
};

/*! A value or an Error. */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
        Q_ASSERT(std::get<1>(m_data).isError());
    }

    bool isOk() const { return m_data.index() == 0; }
    explicit operator bool() const { return isOk(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    /*! The error; an Error of kind None when the result is a value. */
    Error error() const { return isOk() ? Error() : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/*!
    The outcome of handling a command: applied (with the recorded events, possibly none),
    rejected by the domain (with its rejection R), or failed (with an Error, for example a
    version conflict). On anything but applied nothing was written.
*/
template<typename R>
class [[nodiscard]] CommandResult
{
public:
    static CommandResult applied(QList<RecordedEvent> events, bool repeat = false)
    {
        CommandResult r;
        r.m_events = std::move(events);
        r.m_repeat = repeat;
        return r;
    }
    static CommandResult rejected(R rejection)
    {
        CommandResult r;
        r.m_outcome = Outcome::Rejected;
        r.m_rejection = std::move(rejection);
        return r;
    }
    static CommandResult failed(Error error)
    {
        CommandResult r;
        r.m_outcome = Outcome::Failed;
        r.m_error = std::move(error);
        return r;
    }

    Outcome outcome() const { return m_outcome; }
    bool isApplied() const { return m_outcome == Outcome::Applied; }
    bool isRejected() const { return m_outcome == Outcome::Rejected; }
    bool isFailed() const { return m_outcome == Outcome::Failed; }
    bool isConflict() const { return isFailed() && m_error.kind() == Error::Kind::VersionConflict; }

    /*! The recorded events when applied. */
    const QList<RecordedEvent> &events() const { return m_events; }
    /*! Applied before, with the same command id: nothing was appended now, and events() are
        those the first handling appended (see CommandOptions). */
    bool isRepeat() const { return m_repeat; }
    /*! The domain's rejection when rejected. */
    const R &rejection() const { return *m_rejection; }
    /*! The error when failed; kind None otherwise. */
    const Error &error() const { return m_error; }

private:
    CommandResult() = default;
    Outcome m_outcome = Outcome::Applied;
    QList<RecordedEvent> m_events;
    bool m_repeat = false;
    std::optional<R> m_rejection;
    Error m_error;
};

/*! The result of an asynchronous command: the entity after it, and the outcome. */
template<EntityType E, typename R>
struct Handled
{
    Entity<E> entity;
    CommandResult<R> result;
};

} // namespace Evented
