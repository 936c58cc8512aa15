#pragma once

// The host's own entity type and command, used by the host application and by its specs.

#include <evented/entity.h>

#include <variant>

struct Pinged
{
    Q_GADGET
    Q_PROPERTY(QString from MEMBER from)
public:
    QString from;
    friend bool operator==(const Pinged &, const Pinged &) = default;
};

struct Pinger
{
    Q_GADGET
    Q_PROPERTY(int pings MEMBER pings)
public:
    using Event = std::variant<Pinged>;
    static constexpr auto typeName = "host.pinger";
    int pings = 0;
    void apply(const Event &) { ++pings; }
};

struct Ping
{
    Q_GADGET
public:
    Evented::Decision<Pinger> handle(const QUuid &, const Pinger &) const { return Pinged{QStringLiteral("host")}; }
};
