#pragma once

// Accounts: evented's example domain. An account is created, then money is deposited into it
// and debited from it, never below a balance of zero.
//
// It is also the worked example of events that change shape. Its first events were stored in
// evented's format as {"Created": {"id": "…"}}, {"Deposited": {"id": "…", "amount": 100}} and
// {"Withdrawn": {"id": "…", "amount": 30}}. Version 2 of Deposited has a currency, and
// Withdrawn was renamed Debited, also with a currency; the upcasters below read every stored
// event of the first shapes as the current ones (a version-1 event's currency is EUR).

#include <evented/commandscope.h>
#include <evented/entity.h>
#include <evented/eventschema.h>
#include <evented/eventstore.h>

#include <limits>
#include <variant>

namespace AccountsDomain {

/*! The currency of the money of events stored before events had one. */
inline const QString defaultCurrency = QStringLiteral("EUR");

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
    Q_PROPERTY(QString currency MEMBER currency)
public:
    static constexpr int eventVersion = 2; // 1: without currency
    QUuid id;
    qint64 amount = 0;
    QString currency;
    friend bool operator==(const Deposited &, const Deposited &) = default;
};

/*! Money taken from the account; stored as Withdrawn (without currency) at version 1. */
struct Debited
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QString currency MEMBER currency)
public:
    static constexpr int eventVersion = 2;
    QUuid id;
    qint64 amount = 0;
    QString currency;
    friend bool operator==(const Debited &, const Debited &) = default;
};

/*! An account: open once created, with a balance that never goes below zero. */
struct Account
{
    Q_GADGET
    Q_PROPERTY(bool open MEMBER open)
    Q_PROPERTY(qint64 balance MEMBER balance)
    Q_PROPERTY(QString currency MEMBER currency)
public:
    using Event = std::variant<Created, Deposited, Debited>;
    static constexpr auto typeName = "account";
    // Snapshots: the state's shape is version 1; one is taken every 100 events.
    static constexpr int stateVersion = 1;
    static constexpr qint64 snapshotEvery = 100;

    static Evented::Upcasters upcasters()
    {
        return Evented::Upcasters()
            .addField(QStringLiteral("Deposited"), 1, QStringLiteral("currency"), defaultCurrency)
            .renameEvent(QStringLiteral("Withdrawn"), 1, QStringLiteral("Debited"))
            .addField(QStringLiteral("Debited"), 1, QStringLiteral("currency"), defaultCurrency);
    }

    bool open = false;
    qint64 balance = 0;
    QString currency; //!< of the last money moved; empty before any

    /*! The currency of the account's next event. */
    QString nextCurrency() const { return currency.isEmpty() ? defaultCurrency : currency; }

    void apply(const Event &event)
    {
        if (std::holds_alternative<Created>(event)) {
            open = true;
        } else if (const auto *deposited = std::get_if<Deposited>(&event)) {
            balance += deposited->amount;
            currency = deposited->currency;
        } else {
            const Debited &debited = std::get<Debited>(event);
            balance -= debited.amount;
            currency = debited.currency;
        }
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

/*! A transfer to an account that was never created. */
struct RecipientNotOpen
{
    Q_GADGET
    Q_PROPERTY(QUuid to MEMBER to)
public:
    QUuid to;
};

/*! A transfer from an account to itself. */
struct SameAccount
{
    Q_GADGET
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
        return Deposited{id, amount, account.nextCurrency()};
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
        return Debited{id, amount, account.nextCurrency()};
    }
};

/*!
    Moves \a amount from this account to account \a to: Debited here and Deposited there,
    appended in one transaction, in this account's currency. Both accounts are checked at
    the versions the command decided on.
*/
struct Transfer
{
    Q_GADGET
    Q_PROPERTY(QUuid to MEMBER to)
    Q_PROPERTY(qint64 amount MEMBER amount)
public:
    using Rejection = std::variant<NotCreated, SameAccount, InvalidAmount, RecipientNotOpen, InsufficientBalance,
                                   BalanceOverflow>;

    QUuid to;
    qint64 amount = 0;

    Evented::Decision<Account, Rejection> handle(const QUuid &id, const Account &from, Evented::CommandScope &scope) const
    {
        if (!from.open)
            return Rejection(NotCreated{});
        // Before the recipient is read: the command's own entity is not one of its others.
        if (to == id)
            return Rejection(SameAccount{});
        if (amount <= 0)
            return Rejection(InvalidAmount{amount});
        const Account &recipient = scope.state<Account>(to);
        if (!recipient.open)
            return Rejection(RecipientNotOpen{to});
        if (amount > from.balance)
            return Rejection(InsufficientBalance{from.balance, amount});
        if (recipient.balance > std::numeric_limits<qint64>::max() - amount)
            return Rejection(BalanceOverflow{recipient.balance, amount});
        const QString currency = from.nextCurrency();
        scope.add<Account>(to, Deposited{to, amount, currency});
        return Debited{id, amount, currency};
    }
};

} // namespace AccountsDomain
