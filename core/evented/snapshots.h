#pragma once

#include <evented/evented_core_export.h>
#include <evented/json.h>

#include <concepts>

/*!
    \file snapshots.h
    Snapshots: an entity's state stored at a version, so that a load folds only the events
    after it. Opt-in per entity type, which declares the version of its state's shape and a
    policy:
    \code
    struct Account {
        Q_GADGET …                                   // the state is encoded like an event
        static constexpr int stateVersion = 1;       // bump it whenever apply() or the state's shape changes
        static constexpr qint64 snapshotEvery = 100; // a snapshot when 100 events were folded since the last
        // or: static bool snapshotDue(const Account &state, qint64 version, qint64 eventsSinceSnapshot);
    };
    \endcode
    A snapshot of another state version is never used (and is replaced by the next one taken);
    one that cannot be decoded is ignored with a warning and the entity is folded from its first
    event. Snapshots are taken after a command's commit, from the committed state; they live in
    the table \c snapshot beside evented's.
*/

namespace Evented {

/*! Entity type E has snapshots: it declares \c stateVersion and its state can be encoded as JSON. */
template<typename E>
concept HasSnapshots = requires {
    { E::stateVersion } -> std::convertible_to<int>;
} && JsonEncodable<E>;

namespace Detail {

/*! Whether E's policy wants a snapshot of \a state at \a version, the last one being at \a snapshotVersion. */
template<typename E>
bool snapshotDue(const E &state, qint64 version, qint64 snapshotVersion)
{
    if constexpr (requires { { E::snapshotDue(state, version, version) } -> std::convertible_to<bool>; })
        return E::snapshotDue(state, version, version - snapshotVersion);
    else if constexpr (requires { { E::snapshotEvery } -> std::convertible_to<qint64>; })
        return E::snapshotEvery > 0 && version - snapshotVersion >= qint64(E::snapshotEvery);
    else
        return false; // taken on request only
}

/*! Whether \a json has every stored property of the gadget \a metaObject; the missing one in \a why. */
EVENTED_CORE_EXPORT bool hasEveryProperty(const QJsonValue &json, const QMetaObject *metaObject, QString *why);

/*! Decodes a snapshot strictly: a missing property is an error, never a default. */
template<typename E>
bool decodeSnapshot(const QJsonValue &json, E &state, QString *why)
{
    if constexpr (Gadget<E>) {
        if (!hasEveryProperty(json, &E::staticMetaObject, why))
            return false;
    }
    return fromJson(json, state, why);
}

} // namespace Detail

} // namespace Evented
