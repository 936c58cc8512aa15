#pragma once

// The tests' Counter: evented's Counter events as they are stored
// ({"Increased": {"id": "…", "inc": 40}}, {"Decreased": {"id": "…", "dec": 2}}), on a value
// that stays within 0 … quint64's maximum. Increase{n} and Decrease{n} are its commands, and
// OutOfRange the one rejection of both.

#include <evented/entity.h>

#include <limits>
#include <variant>

namespace TestDomain {

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
        value = std::holds_alternative<Increased>(event) ? value + std::get<Increased>(event).inc
                                                          : value - std::get<Decreased>(event).dec;
    }
};

/*! The counter would leave its range: \c value is where it stands, \c by the change asked for. */
struct OutOfRange
{
    Q_GADGET
    Q_PROPERTY(quint64 value MEMBER value)
    Q_PROPERTY(quint64 by MEMBER by)
public:
    quint64 value = 0;
    quint64 by = 0;
};

/*! Moves the counter up (Increase) or down (Decrease) by \c amount, unless it would leave its range. */
template<bool Up>
struct Change
{
    quint64 amount = 1;

    Evented::Decision<Counter, OutOfRange> handle(const QUuid &id, const Counter &counter) const
    {
        const quint64 room = Up ? std::numeric_limits<quint64>::max() - counter.value : counter.value;
        if (amount > room)
            return OutOfRange{counter.value, amount};
        if constexpr (Up)
            return Increased{id, amount};
        else
            return Decreased{id, amount};
    }
};
using Increase = Change<true>;
using Decrease = Change<false>;

} // namespace TestDomain
