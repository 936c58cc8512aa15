// A domain plugin of a project that is not Evented's: one entity type with one command.
#include <evented/domain.h>

#include <QObject>

struct Planted
{
    Q_GADGET
    Q_PROPERTY(int seeds MEMBER seeds)
public:
    int seeds = 0;
    friend bool operator==(const Planted &, const Planted &) = default;
};

struct Garden
{
    Q_GADGET
    Q_PROPERTY(int seeds MEMBER seeds)
public:
    using Event = std::variant<Planted>;
    static constexpr auto typeName = "host.garden";
    int seeds = 0;
    void apply(const Event &event) { seeds += std::get<Planted>(event).seeds; }
};

struct Plant
{
    Q_GADGET
    Q_PROPERTY(int seeds MEMBER seeds)
public:
    int seeds = 1;
    Evented::Decision<Garden> handle(const QUuid &, const Garden &) const { return Planted{seeds}; }
};

class HostPlugin : public QObject, public Evented::DomainPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID EventedDomainPlugin_iid FILE "hostplugin.json")
    Q_INTERFACES(Evented::DomainPlugin)
public:
    Evented::Domain domain() const override
    {
        Evented::Domain domain;
        domain.addEntityType<Garden>().addCommand<Garden, Plant>();
        return domain;
    }
};

#include "hostplugin.moc"
