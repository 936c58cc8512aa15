#pragma once

// Accounts: evented's example domain. An account is created, then money is deposited into it
// and withdrawn from it, never below a balance of zero. Its events are stored in evented's
// format: {"Created": {"id": "…"}}, {"Deposited": {"id": "…", "amount": 100}} and
// {"Withdrawn": {"id": "…", "amount": 30}}.

#include <evented/entity.h>

#include <limits>
#include <variant>

namespace AccountsDomain {

struct Created
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
public:
    QUuid id;
    friend bool operator==(const Created &, const Created &) = default;
};

struct Deposited
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    QUuid id;
    qint64 amount = 0;
    friend bool operator==(const Deposited &, const Deposited &) = default;
};

struct Withdrawn
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    QUuid id;
    qint64 amount = 0;
    friend bool operator==(const Withdrawn &, const Withdrawn &) = default;
};

/*! An account: open once created, with a balance that never goes below zero. */
struct Account
{
    Q_GADGET
    Q_PROPERTY(bool open MEMBER open)
    Q_PROPERTY(qint64 balance MEMBER balance)
public:
    using Event = std::variant<Created, Deposited, Withdrawn>;
    static constexpr auto typeName = "account";

    bool open = false;
    qint64 balance = 0;

    void apply(const Event &event)
    {
        if (std::holds_alternative<Created>(event))
            open = true;
        else if (const auto *deposited = std::get_if<Deposited>(&event))
            balance += deposited->amount;
        else
            balance -= std::get<Withdrawn>(event).amount;
    }
};

// Rejections.

/*! Create on an account that exists already. */
struct AlreadyCreated
{
    Q_GADGET
};

/*! Deposit or Withdraw on an account that was never created. */
struct NotCreated
{
    Q_GADGET
};

/*! An amount of zero or less. */
struct InvalidAmount
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    qint64 amount = 0;
};

/*! A deposit that would take the balance beyond what it can hold. */
struct BalanceOverflow
{
    Q_GADGET
    Q_PROPERTY(qint64 balance MEMBER balance)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    qint64 balance = 0;
    qint64 amount = 0;
};

/*! A withdrawal of more than the balance. */
struct InsufficientBalance
{
    Q_GADGET
    Q_PROPERTY(qint64 balance MEMBER balance)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    qint64 balance = 0;
    qint64 amount = 0;
};

// Commands.

struct Create
{
    Q_GADGET
public:
    Evented::Decision<Account, AlreadyCreated> handle(const QUuid &id, const Account &account) const
    {
        if (account.open)
            return AlreadyCreated{};
        return Created{id};
    }
};

struct Deposit
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    using Rejection = std::variant<NotCreated, InvalidAmount, BalanceOverflow>;

    qint64 amount = 0;

    Evented::Decision<Account, Rejection> handle(const QUuid &id, const Account &account) const
    {
        if (!account.open)
            return Rejection(NotCreated{});
        if (amount <= 0)
            return Rejection(InvalidAmount{amount});
        if (account.balance > std::numeric_limits<qint64>::max() - amount)
            return Rejection(BalanceOverflow{account.balance, amount});
        return Deposited{id, amount};
    }
};

struct Withdraw
{
    Q_GADGET
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    using Rejection = std::variant<NotCreated, InvalidAmount, InsufficientBalance>;

    qint64 amount = 0;

    Evented::Decision<Account, Rejection> handle(const QUuid &id, const Account &account) const
    {
        if (!account.open)
            return Rejection(NotCreated{});
        if (amount <= 0)
            return Rejection(InvalidAmount{amount});
        if (amount > account.balance)
            return Rejection(InsufficientBalance{account.balance, amount});
        return Withdrawn{id, amount};
    }
};

} // namespace AccountsDomain
