// The library alone, on an embedded store: one command handled and loaded back.
#include <evented/eventstore.h>
#include <evented/version.h>

#include <QCoreApplication>

struct Noted
{
    Q_GADGET
public:
    friend bool operator==(const Noted &, const Noted &) = default;
};

struct Notebook
{
    using Event = std::variant<Noted>;
    static constexpr auto typeName = "coreonly.notebook";
    int notes = 0;
    void apply(const Event &) { ++notes; }
};

struct Note
{
    Evented::Decision<Notebook> handle(const QUuid &, const Notebook &) const { return Noted{}; }
};

static_assert(EVENTED_VERSION >= EVENTED_VERSION_CHECK(0, 1, 0));

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Evented::EventStore store;
    if (const Evented::Error error = store.open(QStringLiteral("sqlite::memory:")); error.isError()) {
        qCritical() << error;
        return 1;
    }
    auto notebook = store.load<Notebook>(QUuid::createUuid());
    if (!notebook || !store.handle(notebook.value(), Note{}).isApplied())
        return 1;
    const auto again = store.load<Notebook>(notebook->id());
    return again && again->state().notes == 1 ? 0 : 1;
}

#include "main.moc"
