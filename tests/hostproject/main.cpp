// Handles one command through the installed library; exits 0 when the event round-trips.
#include <evented/eventstore.h>

#include <QCoreApplication>

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
    using Event = std::variant<Pinged>;
    static constexpr auto typeName = "host.pinger";
    int pings = 0;
    void apply(const Event &) { ++pings; }
};

struct Ping
{
    Evented::Decision<Pinger> handle(const QUuid &, const Pinger &) const { return Pinged{QStringLiteral("host")}; }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Evented::EventStore store;
    if (const auto error = store.open(qEnvironmentVariable("EVENTED_TEST_URL")); error.isError()) {
        qCritical() << error;
        return 1;
    }
    auto pinger = store.load<Pinger>(QUuid::createUuid());
    if (!store.handle(pinger.value(), Ping{}).isApplied())
        return 1;
    const auto again = store.load<Pinger>(pinger->id());
    return again && again->state().pings == 1 && again->version() == 1 ? 0 : 1;
}

#include "main.moc"
