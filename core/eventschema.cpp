#include <evented/eventschema.h>

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace Evented {

namespace {

struct SchemaText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::EventSchema)
};

bool fail(QString *why, const QString &message)
{
    if (why)
        *why = message;
    return false;
}

/*! A step that changes the payload object with \a change and moves to version + 1. */
Upcasters::Step objectStep(std::function<void(QJsonObject &fields)> change)
{
    return [change = std::move(change)](EventShape &shape, QString *why) {
        if (!shape.payload.isObject())
            return fail(why, SchemaText::tr("the payload of %1 is not an object").arg(shape.name));
        // The shape's reference is given up first, so that the change needs no copy.
        QJsonObject fields = shape.payload.toObject();
        shape.payload = QJsonValue();
        change(fields);
        shape.payload = fields;
        ++shape.version;
        return true;
    };
}

} // namespace

EventShape EventShape::fromStored(const QJsonValue &event, int version)
{
    if (event.isString())
        return {event.toString(), version, QJsonObject()};
    if (event.isObject()) {
        const QJsonObject object = event.toObject();
        if (object.size() == 1)
            return {object.constBegin().key(), version, object.constBegin().value()};
    }
    return {{}, version, event};
}

QJsonValue EventShape::toStored() const
{
    if (payload.isObject() && payload.toObject().isEmpty())
        return name;
    return QJsonObject{{name, payload}};
}

Upcasters &Upcasters::add(const QString &name, int version, Step step)
{
    m_steps.insert({name, version}, std::move(step));
    return *this;
}

Upcasters &Upcasters::renameEvent(const QString &from, int version, const QString &to)
{
    return add(from, version, [to](EventShape &shape, QString *) {
        shape.name = to;
        return true;
    });
}

Upcasters &Upcasters::renameField(const QString &name, int version, const QString &from, const QString &to)
{
    return add(name, version, objectStep([from, to](QJsonObject &fields) {
                   if (const auto it = fields.constFind(from); it != fields.constEnd()) {
                       const QJsonValue value = it.value();
                       fields.remove(from);
                       fields.insert(to, value);
                   }
               }));
}

Upcasters &Upcasters::addField(const QString &name, int version, const QString &field, const QJsonValue &value)
{
    return add(name, version, objectStep([field, value](QJsonObject &fields) {
                   if (!fields.contains(field))
                       fields.insert(field, value);
               }));
}

Upcasters &Upcasters::dropField(const QString &name, int version, const QString &field)
{
    return add(name, version, objectStep([field](QJsonObject &fields) { fields.remove(field); }));
}

const Upcasters::Step *Upcasters::step(const QString &name, int version) const
{
    const auto it = m_steps.constFind({name, version});
    return it == m_steps.constEnd() ? nullptr : &it.value();
}

EventSchema::EventSchema(const QString &typeName, const QHash<QString, int> &currentVersions, const Upcasters &upcasters)
    : m_typeName(typeName)
    , m_currentVersions(currentVersions)
    , m_upcasters(upcasters)
    , m_firstVersionsOnly(std::all_of(currentVersions.cbegin(), currentVersions.cend(), [](int v) { return v == 1; }))
{
}

bool EventSchema::upcast(EventShape &shape, QString *why) const
{
    // Every step moves forward, so a chain is at most as long as the number of steps; a longer
    // one goes round in a circle (two renames into each other).
    for (int steps = 0;; ++steps) {
        const int current = currentVersion(shape.name);
        if (current != 0 && shape.version == current)
            return true;
        if (current != 0 && shape.version > current)
            return fail(why, SchemaText::tr("%1 event %2 has version %3, newer than this code knows (%4)")
                                 .arg(m_typeName, shape.name)
                                 .arg(shape.version)
                                 .arg(current));
        const Upcasters::Step *step = m_upcasters.step(shape.name, shape.version);
        if (!step) {
            if (m_currentVersions.isEmpty())
                return true; // nothing known to check against
            if (current == 0)
                return fail(why, SchemaText::tr("%1 has no event %2 (version %3) and no upcaster from it")
                                     .arg(m_typeName, shape.name)
                                     .arg(shape.version));
            return fail(why, SchemaText::tr("no upcaster takes %1 event %2 from version %3 to version %4")
                                 .arg(m_typeName, shape.name)
                                 .arg(shape.version)
                                 .arg(current));
        }
        if (steps >= m_upcasters.size())
            return fail(why, SchemaText::tr("the upcasters of %1 event %2 go round in a circle").arg(m_typeName, shape.name));
        // The name and version only: a copy of the shape would hold the payload and make the
        // step copy it.
        const QString name = shape.name;
        const int version = shape.version;
        QString inner;
        if (!(*step)(shape, &inner))
            return fail(why, SchemaText::tr("the upcaster of %1 event %2 version %3 failed: %4")
                                 .arg(m_typeName, name)
                                 .arg(version)
                                 .arg(inner));
        if (shape.version < version || (shape.version == version && shape.name == name))
            return fail(why, SchemaText::tr("the upcaster of %1 event %2 version %3 does not move it forward")
                                 .arg(m_typeName, name)
                                 .arg(version));
    }
}

bool EventSchema::upcast(QJsonValue &event, int &version, QString *why) const
{
    // Version 1 of a type whose events all are at version 1 and have no upcasters is current,
    // or an unknown name that fails in the decoder. An event whose version went up without an
    // upcaster from version 1 must fail below, not be decoded as if it were current.
    if (isCurrent(version))
        return true;
    EventShape shape = EventShape::fromStored(event, version);
    if (shape.name.isEmpty() || isCurrent(shape.name, version))
        return true; // current, or not tagged: the decoder says why
    // The shape holds the only reference to the payload now, so that steps change it in place.
    event = QJsonValue();
    if (!upcast(shape, why))
        return false;
    event = shape.toStored();
    version = shape.version;
    return true;
}

} // namespace Evented
