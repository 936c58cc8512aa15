#pragma once

// The tests' commands over several entities. A Wallet holds a balance; Transfer{to, amount}
// is decided on the sending wallet and adds the receiving wallet's event through its
// CommandScope (a wallet cannot send to itself: the scope refuses the command's own entity).
// A Booking takes a Seat, an entity of another type: BookSeat{seat} reads the seat and
// reserves it in the same transaction, unless it is taken.

#include <evented/commandscope.h>
#include <evented/entity.h>

#include <variant>

namespace TestDomain {

struct Deposited
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QUuid from MEMBER from)
public:
    QUuid id;
    qint64 amount = 0;
    QUuid from; //!< the sending wallet of a transfer; null for a plain deposit
};

struct Withdrawn
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QUuid to MEMBER to)
public:
    QUuid id;
    qint64 amount = 0;
    QUuid to;
};

struct Wallet
{
    Q_GADGET
    Q_PROPERTY(qint64 balance MEMBER balance)
public:
    using Event = std::variant<Deposited, Withdrawn>;
    static constexpr auto typeName = "wallet";

    qint64 balance = 0;

    void apply(const Event &event)
    {
        if (const auto *deposited = std::get_if<Deposited>(&event))
            balance += deposited->amount;
        else
            balance -= std::get<Withdrawn>(event).amount;
    }
};

/*! The sending wallet has less than the amount: \c balance is what it has. */
struct InsufficientFunds
{
    Q_GADGET
    Q_PROPERTY(qint64 balance MEMBER balance)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    qint64 balance = 0;
    qint64 amount = 0;
};

struct Deposit
{
    qint64 amount = 0;

    Evented::Decision<Wallet, InsufficientFunds> handle(const QUuid &id, const Wallet &) const
    {
        return Deposited{id, amount, {}};
    }
};

/*! Moves \c amount to wallet \c to, in one transaction with the sender's own event. */
struct Transfer
{
    QUuid to;
    qint64 amount = 0;

    Evented::Decision<Wallet, InsufficientFunds> handle(const QUuid &id, const Wallet &from, Evented::CommandScope &scope) const
    {
        (void)scope.state<Wallet>(to); // read, so that its version is the one checked
        if (from.balance < amount)
            return InsufficientFunds{from.balance, amount};
        scope.add<Wallet>(to, Deposited{to, amount, id});
        return Withdrawn{id, amount, to};
    }
};

struct Reserved
{
    Q_GADGET
    Q_PROPERTY(QUuid seat MEMBER seat)
    Q_PROPERTY(QUuid booking MEMBER booking)
public:
    QUuid seat;
    QUuid booking;
};

struct Seat
{
    Q_GADGET
    Q_PROPERTY(QUuid reservedBy MEMBER reservedBy)
public:
    using Event = std::variant<Reserved>;
    static constexpr auto typeName = "seat";

    QUuid reservedBy;

    void apply(const Event &event) { reservedBy = std::get<Reserved>(event).booking; }
};

struct Booked
{
    Q_GADGET
    Q_PROPERTY(QUuid booking MEMBER booking)
    Q_PROPERTY(QUuid seat MEMBER seat)
public:
    QUuid booking;
    QUuid seat;
};

struct Booking
{
    Q_GADGET
    Q_PROPERTY(QUuid seat MEMBER seat)
public:
    using Event = std::variant<Booked>;
    static constexpr auto typeName = "booking";

    QUuid seat;

    void apply(const Event &event) { seat = std::get<Booked>(event).seat; }
};

/*! The seat is reserved by another booking already. */
struct SeatTaken
{
    Q_GADGET
    Q_PROPERTY(QUuid by MEMBER by)
public:
    QUuid by;
};

struct BookSeat
{
    QUuid seat;

    Evented::Decision<Booking, SeatTaken> handle(const QUuid &id, const Booking &, Evented::CommandScope &scope) const
    {
        const Seat &wanted = scope.state<Seat>(seat);
        if (!wanted.reservedBy.isNull() && wanted.reservedBy != id)
            return SeatTaken{wanted.reservedBy};
        scope.add<Seat>(seat, Reserved{seat, id});
        return Booked{id, seat};
    }
};

} // namespace TestDomain
