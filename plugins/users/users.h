#pragma once

// Users: registered with an e-mail address and a name; the address can be changed later. No
// two users share an address: the plugin's listener keeps user_email(email, user_id) in the
// append transaction, keyed by the address in lower case. Events are stored in evented's
// format: {"Registered": {"id": "…", "email": "…", "name": "…"}} and
// {"EmailChanged": {"id": "…", "email": "…"}}.

#include <evented/entity.h>

#include <QRegularExpression>

#include <variant>

namespace UsersDomain {

struct Registered
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(QString name MEMBER name)
public:
    QUuid id;
    QString email;
    QString name;
    friend bool operator==(const Registered &, const Registered &) = default;
};

struct EmailChanged
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(QString email MEMBER email)
public:
    QUuid id;
    QString email;
    friend bool operator==(const EmailChanged &, const EmailChanged &) = default;
};

struct User
{
    Q_GADGET
    Q_PROPERTY(bool registered MEMBER registered)
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(QString name MEMBER name)
public:
    using Event = std::variant<Registered, EmailChanged>;
    static constexpr auto typeName = "user";

    bool registered = false;
    QString email;
    QString name;

    void apply(const Event &event)
    {
        if (const auto *registration = std::get_if<Registered>(&event)) {
            registered = true;
            email = registration->email;
            name = registration->name;
        } else {
            email = std::get<EmailChanged>(event).email;
        }
    }
};

/*! True for an address of the form local@domain.tld, without spaces. */
inline bool isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    return pattern.match(email).hasMatch();
}

/*! The key of an address in the unique view: the address in lower case. */
inline QString emailKey(const QString &email)
{
    return email.toLower();
}

// Rejections.

/*! An empty or malformed address. */
struct InvalidEmail
{
    Q_GADGET
    Q_PROPERTY(QString email MEMBER email)
public:
    QString email;
};

/*! Register on a user that is registered already (with the address \c email). */
struct AlreadyRegistered
{
    Q_GADGET
    Q_PROPERTY(QString email MEMBER email)
public:
    QString email;
};

/*! ChangeEmail on a user that was never registered. */
struct NotRegistered
{
    Q_GADGET
};

// Commands. Addresses are taken without surrounding white space.

struct Register
{
    Q_GADGET
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(QString name MEMBER name)
public:
    using Rejection = std::variant<InvalidEmail, AlreadyRegistered>;

    QString email;
    QString name;

    Evented::Decision<User, Rejection> handle(const QUuid &id, const User &user) const
    {
        if (user.registered)
            return Rejection(AlreadyRegistered{user.email});
        const QString address = email.trimmed();
        if (!isValidEmail(address))
            return Rejection(InvalidEmail{email});
        return Registered{id, address, name.trimmed()};
    }
};

struct ChangeEmail
{
    Q_GADGET
    Q_PROPERTY(QString email MEMBER email)
public:
    using Rejection = std::variant<NotRegistered, InvalidEmail>;

    QString email;

    /*! No event when the address is the user's already. */
    Evented::Decision<User, Rejection> handle(const QUuid &id, const User &user) const
    {
        if (!user.registered)
            return Rejection(NotRegistered{});
        const QString address = email.trimmed();
        if (!isValidEmail(address))
            return Rejection(InvalidEmail{email});
        if (address == user.email)
            return Evented::Decision<User, Rejection>();
        return EmailChanged{id, address};
    }
};

} // namespace UsersDomain
