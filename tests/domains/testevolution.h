#pragma once

// The tests' entity types whose events and states change shape.
//
// Ledger ("ledger") has a history of event versions, declared by its upcasters:
// - Priced, money booked: v1 {"id", "amount"} in whole units; v2 gained a currency (EUR when
//   missing); v3 renamed amount to units; v4 books cents (units × 100, a step of its own).
// - Labelled: stored as Tagged {"id", "label"} at v1, renamed Labelled, then given a colour
//   (grey when missing) at v2.
// - Remarked: stored as Noted at v1, renamed Remarked at the same version.
// - Closed: v1 had a reason, which v2 dropped.
// - Opened never changed (v1).
//
// Faulty ("faulty") has upcasters that cannot work: two renames into each other, a step that
// changes nothing and one that goes back a version. Gauge ("gauge") raised the version of its
// event without an upcaster from the old one.
//
// Tally ("tally") is a state for snapshots: SnappedTally takes one every 3 events, TallyV2 is
// the same state in a later state version, DueTally has a policy of its own. All three read
// the same rows as Tally, which has no snapshots.

#include <evented/entity.h>
#include <evented/eventschema.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <variant>

namespace TestEvolution {

// Ledger.

struct Opened
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(QString owner MEMBER owner)
public:
    QUuid id;
    QString owner;
};

struct Priced
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 cents MEMBER cents)
    Q_PROPERTY(QString currency MEMBER currency)
public:
    static constexpr int eventVersion = 4;
    QUuid id;
    qint64 cents = 0;
    QString currency;
};

struct Labelled
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(QString label MEMBER label)
    Q_PROPERTY(QString colour MEMBER colour)
public:
    static constexpr int eventVersion = 2;
    QUuid id;
    QString label;
    QString colour;
};

struct Remarked
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(QString text MEMBER text)
public:
    QUuid id;
    QString text;
};

struct Closed
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
public:
    static constexpr int eventVersion = 2;
    QUuid id;
};

struct Ledger
{
    Q_GADGET
    Q_PROPERTY(QString owner MEMBER owner)
    Q_PROPERTY(qint64 cents MEMBER cents)
    Q_PROPERTY(QStringList currencies MEMBER currencies)
    Q_PROPERTY(QStringList labels MEMBER labels)
    Q_PROPERTY(QStringList remarks MEMBER remarks)
    Q_PROPERTY(bool closed MEMBER closed)
public:
    using Event = std::variant<Opened, Priced, Labelled, Remarked, Closed>;
    static constexpr auto typeName = "ledger";

    static Evented::Upcasters upcasters()
    {
        return Evented::Upcasters()
            .addField(QStringLiteral("Priced"), 1, QStringLiteral("currency"), QStringLiteral("EUR"))
            .renameField(QStringLiteral("Priced"), 2, QStringLiteral("amount"), QStringLiteral("units"))
            .add(QStringLiteral("Priced"), 3,
                 [](Evented::EventShape &shape, QString *why) {
                     QJsonObject fields = shape.payload.toObject();
                     if (!fields.value(QStringLiteral("units")).isDouble()) {
                         *why = QStringLiteral("no units to make cents of");
                         return false;
                     }
                     fields.insert(QStringLiteral("cents"), fields.take(QStringLiteral("units")).toInteger() * 100);
                     shape.payload = fields;
                     shape.version = 4;
                     return true;
                 })
            .renameEvent(QStringLiteral("Tagged"), 1, QStringLiteral("Labelled"))
            .addField(QStringLiteral("Labelled"), 1, QStringLiteral("colour"), QStringLiteral("grey"))
            .renameEvent(QStringLiteral("Noted"), 1, QStringLiteral("Remarked"))
            .dropField(QStringLiteral("Closed"), 1, QStringLiteral("reason"));
    }

    QString owner;
    qint64 cents = 0;
    QStringList currencies; //!< of each booking, in order
    QStringList labels;     //!< "label/colour"
    QStringList remarks;
    bool closed = false;

    void apply(const Event &event)
    {
        if (const auto *opened = std::get_if<Opened>(&event)) {
            owner = opened->owner;
        } else if (const auto *priced = std::get_if<Priced>(&event)) {
            cents += priced->cents;
            currencies.append(priced->currency);
        } else if (const auto *labelled = std::get_if<Labelled>(&event)) {
            labels.append(labelled->label + u'/' + labelled->colour);
        } else if (const auto *remarked = std::get_if<Remarked>(&event)) {
            remarks.append(remarked->text);
        } else {
            closed = true;
        }
    }

    friend bool operator==(const Ledger &, const Ledger &) = default;
};

/*! Appends the events given, in order. */
struct Record
{
    QList<Ledger::Event> events;

    Evented::Decision<Ledger> handle(const QUuid &, const Ledger &) const
    {
        Evented::Decision<Ledger> decision;
        for (const Ledger::Event &event : events)
            decision.add(event);
        return decision;
    }
};

// Faulty.

struct Fine
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
public:
    QUuid id;
};

struct Faulty
{
    using Event = std::variant<Fine>;
    static constexpr auto typeName = "faulty";

    static Evented::Upcasters upcasters()
    {
        return Evented::Upcasters()
            .renameEvent(QStringLiteral("Ping"), 1, QStringLiteral("Pong"))
            .renameEvent(QStringLiteral("Pong"), 1, QStringLiteral("Ping"))
            .add(QStringLiteral("Stuck"), 1, [](Evented::EventShape &, QString *) { return true; })
            .add(QStringLiteral("Backwards"), 2, [](Evented::EventShape &shape, QString *) {
                shape.version = 1;
                return true;
            });
    }

    int fine = 0;
    void apply(const Event &) { ++fine; }
};

// Gauge.

/*! Version 1 was in centimetres; nobody wrote the upcaster. */
struct Measured
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 millimetres MEMBER millimetres)
public:
    static constexpr int eventVersion = 2;
    QUuid id;
    qint64 millimetres = 0;
};

struct Gauge
{
    using Event = std::variant<Measured>;
    static constexpr auto typeName = "gauge";
    qint64 millimetres = 0;
    void apply(const Event &event) { millimetres = std::get<Measured>(event).millimetres; }
};

// Tally.

struct Added
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
    Q_PROPERTY(qint64 amount MEMBER amount)
    Q_PROPERTY(QString note MEMBER note)
public:
    QUuid id;
    qint64 amount = 0;
    QString note;
};

struct Cleared
{
    Q_GADGET
    Q_PROPERTY(QUuid id MEMBER id)
public:
    QUuid id;
};

/*! A running total. The state of snapshots: every property must be in one. */
struct Tally
{
    Q_GADGET
    Q_PROPERTY(qint64 total MEMBER total)
    Q_PROPERTY(qint64 events MEMBER events)
    Q_PROPERTY(QString lastNote MEMBER lastNote)
    Q_PROPERTY(QJsonValue firstNote MEMBER firstNote)
public:
    using Event = std::variant<Added, Cleared>;
    static constexpr auto typeName = "tally";

    qint64 total = 0;
    qint64 events = 0;     //!< folded so far, of either kind
    QString lastNote;
    QJsonValue firstNote;  //!< null until the first Added; a plain decoder would default it when missing

    void apply(const Event &event)
    {
        ++events;
        if (const auto *added = std::get_if<Added>(&event)) {
            total += added->amount;
            lastNote = added->note;
            if (firstNote.isNull())
                firstNote = added->note;
        } else {
            total = 0;
        }
    }

    friend bool operator==(const Tally &, const Tally &) = default;
};

/*! Tally with snapshots every 3 events. */
struct SnappedTally : Tally
{
    static constexpr int stateVersion = 1;
    static constexpr qint64 snapshotEvery = 3;
};

/*! The same state in the next state version, as after a change of apply(). */
struct TallyV2 : Tally
{
    static constexpr int stateVersion = 2;
    static constexpr qint64 snapshotEvery = 3;
};

/*! A policy of its own: a snapshot after each event once the total reaches 100. */
struct DueTally : Tally
{
    static constexpr int stateVersion = 1;
    static bool snapshotDue(const DueTally &state, qint64, qint64 sinceSnapshot)
    {
        return state.total >= 100 && sinceSnapshot > 0;
    }
};

/*! Adds each amount as an event of its own, noted "n<amount>". */
template<typename E>
struct Add
{
    QList<qint64> amounts{1};

    Evented::Decision<E> handle(const QUuid &id, const E &) const
    {
        Evented::Decision<E> decision;
        for (const qint64 amount : amounts)
            decision.add(Added{id, amount, u'n' + QString::number(amount)});
        return decision;
    }
};

} // namespace TestEvolution
