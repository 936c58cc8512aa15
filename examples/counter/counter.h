#pragma once

// The Counter: the smallest event-sourced entity. Its events are stored in evented's
// format: {"Increased": {"id": "…", "inc": 40}} and {"Decreased": {"id": "…", "dec": 2}}.

#include <evented/entity.h>

#include <limits>
#include <variant>

namespace CounterDomain {

struct Increased
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(quint64 inc MEMBER inc)
public:
    QUuid id;
    quint64 inc = 0;
    friend bool operator==(const Increased &, const Increased &) = default;
};

struct Decreased
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(quint64 dec MEMBER dec)
public:
    QUuid id;
    quint64 dec = 0;
    friend bool operator==(const Decreased &, const Decreased &) = default;
};

struct Counter
{
    Q_GADGET
    Q_PROPERTY(quint64 value MEMBER value)
public:
    using Event = std::variant<Increased, Decreased>;
    static constexpr auto typeName = "counter";

    quint64 value = 0;

    void apply(const Event &event)
    {
        if (const auto *increased = std::get_if<Increased>(&event))
            value += increased->inc;
        else
            value -= std::get<Decreased>(event).dec;
    }
};

struct Overflow
{
    Q_GADGET
    Q_PROPERTY(quint64 value MEMBER value)
    Q_PROPERTY(quint64 inc MEMBER inc)
public:
    quint64 value = 0;
    quint64 inc = 0;
};

struct Underflow
{
    Q_GADGET
    Q_PROPERTY(quint64 value MEMBER value)
    Q_PROPERTY(quint64 dec MEMBER dec)
public:
    quint64 value = 0;
    quint64 dec = 0;
};

struct Increase
{
    Q_GADGET
    Q_PROPERTY(quint64 inc MEMBER inc)
public:
    quint64 inc = 1;

    Evented::Decision<Counter, Overflow> handle(const QUuid &id, const Counter &counter) const
    {
        if (counter.value > std::numeric_limits<quint64>::max() - inc)
            return Overflow{counter.value, inc};
        return Increased{id, inc};
    }
};

struct Decrease
{
    Q_GADGET
    Q_PROPERTY(quint64 dec MEMBER dec)
public:
    quint64 dec = 1;

    Evented::Decision<Counter, Underflow> handle(const QUuid &id, const Counter &counter) const
    {
        if (counter.value < dec)
            return Underflow{counter.value, dec};
        return Decreased{id, dec};
    }
};

} // namespace CounterDomain
