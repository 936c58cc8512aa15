#pragma once

#include <evented/evented_core_export.h>
#include <evented/json.h>

#include <QHash>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <memory>
#include <variant>

/*!
    \file eventschema.h
    Event versions and upcasting: how events stored in older shapes are read by newer code.

    An event alternative declares the version of its shape with \c eventVersion (default 1);
    the store writes it with every event (column \c event_version; a row without one is
    version 1). When the shape changes, the version goes up and the entity type declares how
    each older shape becomes the next:
    \code
    struct Debited { Q_GADGET … static constexpr int eventVersion = 2; };
    struct Account {
        using Event = std::variant<Created, Deposited, Debited>;
        static Evented::Upcasters upcasters()
        {
            return Evented::Upcasters()
                .renameEvent(u"Withdrawn"_s, 1, u"Debited"_s)             // Withdrawn v1 → Debited v1
                .addField(u"Debited"_s, 1, u"currency"_s, u"EUR"_s)       // Debited v1 → Debited v2
                .addField(u"Deposited"_s, 1, u"currency"_s, u"EUR"_s);
        };
        …
    };
    \endcode
    Steps chain (v1 → v2 → v3) and run on every read: loads, projections, the event log, the
    inspector, eventedctl. Stored rows are never rewritten by reading them.
*/

namespace Evented {

/*! One event on its way from a stored shape to the code's: its name (tag), version and payload. */
struct EVENTED_CORE_EXPORT EventShape
{
    QString name;       //!< the tag ("Debited")
    int version = 1;    //!< the version of the payload's shape
    QJsonValue payload; //!< the fields, usually an object (empty for an event without fields)

    /*! The shape of a stored event (tag included) at \a version; empty name when it is not tagged. */
    static EventShape fromStored(const QJsonValue &event, int version);
    /*! The event as stored: \c {"Name": payload}, or \c "Name" when the payload is an empty object. */
    QJsonValue toStored() const;

    friend bool operator==(const EventShape &, const EventShape &) = default;
};

/*!
    The upcasters of one entity type: for an event name and version, the step to its next
    shape. A step must move the event forward: to a later version, or to another name. The
    helpers cover the common changes; add() takes a function for anything else.
*/
class EVENTED_CORE_EXPORT Upcasters
{
public:
    /*! Changes \a shape (name, version, payload) into its next shape; false with \a why when it cannot. */
    using Step = std::function<bool(EventShape &shape, QString *why)>;

    /*! The event \a name at \a version becomes what \a step makes of it. A second step for the
        same name and version replaces the first. */
    Upcasters &add(const QString &name, int version, Step step);
    /*! \a from at \a version is now called \a to, at the same version. */
    Upcasters &renameEvent(const QString &from, int version, const QString &to);
    /*! The field \a from of \a name at \a version is now called \a to, at version + 1. */
    Upcasters &renameField(const QString &name, int version, const QString &from, const QString &to);
    /*! \a name at \a version gains \a field with \a value (kept if it is there), at version + 1. */
    Upcasters &addField(const QString &name, int version, const QString &field, const QJsonValue &value);
    /*! \a name at \a version loses \a field, at version + 1. */
    Upcasters &dropField(const QString &name, int version, const QString &field);

    bool isEmpty() const { return m_steps.isEmpty(); }
    int size() const { return int(m_steps.size()); }
    /*! The step from \a name at \a version, or null. */
    const Step *step(const QString &name, int version) const;

private:
    QHash<std::pair<QString, int>, Step> m_steps;
};

/*!
    The event shapes one entity type's code knows: the current version of each event name,
    and the upcasters from older shapes. Built from an entity type by eventSchemaOf().
*/
class EVENTED_CORE_EXPORT EventSchema
{
public:
    /*! \a currentVersions: each event name the code decodes, with the version it expects; empty
        when they are not known (then only the upcasters apply, and nothing is checked). */
    EventSchema(const QString &typeName, const QHash<QString, int> &currentVersions, const Upcasters &upcasters);

    const QString &typeName() const { return m_typeName; }
    /*! The version the code expects of \a name, 0 when it has no such event. */
    int currentVersion(const QString &name) const { return m_currentVersions.value(name); }
    const QHash<QString, int> &currentVersions() const { return m_currentVersions; }
    /*! True when an event at \a version is in its current shape whatever its name: every event
        of the type is at version 1 and there are no upcasters. */
    bool isCurrent(int version) const { return m_firstVersionsOnly && m_upcasters.isEmpty() && version == 1; }
    /*! True when the event \a name at \a version is in its current shape. */
    bool isCurrent(const QString &name, int version) const
    {
        const int current = currentVersion(name);
        return isCurrent(version) || (current != 0 && version == current);
    }
    const Upcasters &upcasters() const { return m_upcasters; }

    /*!
        Brings \a shape to the code's current shape through the upcasters. False, with \a why
        naming the type, event and versions, when its version is newer than the code knows,
        when no chain of upcasters reaches a current event, or when a step fails.
    */
    bool upcast(EventShape &shape, QString *why) const;
    /*!
        Upcasts a stored event (tag included) at \a version in place; \a version becomes the
        current one. Does nothing, cheaply, to an event that is in its current shape. When it
        fails, \a event is no longer the stored one: read that again where it is needed (the
        steps change the payload in place, without copying it).
    */
    bool upcast(QJsonValue &event, int &version, QString *why) const;

private:
    QString m_typeName;
    QHash<QString, int> m_currentVersions;
    Upcasters m_upcasters;
    bool m_firstVersionsOnly = true; //!< every current version is 1 (or none is known)
};

/*! The version of event alternative T's shape: \c T::eventVersion, or 1. */
template<typename T>
constexpr int eventVersionOf()
{
    if constexpr (requires { T::eventVersion; })
        return int(T::eventVersion);
    else
        return 1;
}

namespace Detail {
template<typename Ev>
struct EventVersions
{
    static QHash<QString, int> current() { return {}; }
    static int of(const Ev &) { return eventVersionOf<Ev>(); }
};
template<typename... Ts>
struct EventVersions<std::variant<Ts...>>
{
    static QHash<QString, int> current() { return {{variantName<Ts>(), eventVersionOf<Ts>()}...}; }
    static int of(const std::variant<Ts...> &event)
    {
        return std::visit([](const auto &held) { return eventVersionOf<std::decay_t<decltype(held)>>(); }, event);
    }
};
} // namespace Detail

/*! The version of the shape \a event is written in: that of the alternative it holds. */
template<typename Ev>
int eventVersionOf(const Ev &event)
{
    return Detail::EventVersions<Ev>::of(event);
}

/*! The event schema of entity type E: the versions of its event alternatives and \c E::upcasters(), if declared. Made once. */
template<typename E>
std::shared_ptr<const EventSchema> eventSchemaOf()
{
    static const std::shared_ptr<const EventSchema> schema = [] {
        Upcasters upcasters;
        if constexpr (requires { { E::upcasters() } -> std::convertible_to<Upcasters>; })
            upcasters = E::upcasters();
        return std::make_shared<const EventSchema>(QString::fromUtf8(E::typeName),
                                                   Detail::EventVersions<typename E::Event>::current(), upcasters);
    }();
    return schema;
}

} // namespace Evented
