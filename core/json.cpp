#include "jsonrules_p.h"

#include <evented/json.h>
#include <evented/snapshots.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaProperty>
#include <QSequentialIterable>

namespace Evented::Json {


QString unqualifiedName(const QMetaObject *metaObject)
{
    const QString name = QString::fromUtf8(metaObject->className());
    const qsizetype colon = name.lastIndexOf(u':');
    return colon < 0 ? name : name.mid(colon + 1);
}

bool parse(QByteArrayView text, QJsonValue &out)
{
    QJsonParseError error;
    if (text.startsWith('{')) {
        out = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &error).object();
        return error.error == QJsonParseError::NoError;
    }
    // A bare string, number or null is no document: read it as the one item of an array.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toByteArray() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    out = doc.array().first();
    return true;
}

QJsonObject fromGadget(const QMetaObject *metaObject, const void *gadget)
{
    QJsonObject object;
    for (int i = 0; i < metaObject->propertyCount(); ++i) {
        const QMetaProperty property = metaObject->property(i);
        if (!property.isStored())
            continue;
        object.insert(QLatin1StringView(property.name()), fromVariant(property.readOnGadget(gadget))); // a C++ identifier
    }
    return object;
}

QJsonValue fromVariant(const QVariant &value)
{
    if (!value.isValid())
        return QJsonValue::Null;
    const QMetaType type = value.metaType();
    switch (kindOf(type)) {
    case ValueKind::Gadget:
        return fromGadget(type.metaObject(), value.constData());
    case ValueKind::Bool:
        return value.toBool();
    case ValueKind::Integer:
        return value.toLongLong();
    case ValueKind::Unsigned64: {
        const qulonglong v = value.toULongLong();
        return unsignedAsDouble(v) ? QJsonValue(double(v)) : QJsonValue(qint64(v));
    }
    case ValueKind::Number:
        return value.toDouble();
    case ValueKind::String:
        return value.toString();
    case ValueKind::Uuid:
        return uuidText(value.toUuid());
    case ValueKind::DateTime:
        return dateTimeText(value.toDateTime());
    case ValueKind::Date:
        return dateText(value.toDate());
    case ValueKind::StringList:
        return QJsonArray::fromStringList(value.toStringList());
    case ValueKind::Json:
        if (type.id() == QMetaType::QJsonObject)
            return value.toJsonObject();
        if (type.id() == QMetaType::QJsonArray)
            return value.toJsonArray();
        return value.toJsonValue();
    case ValueKind::Other:
        break;
    }
    if (value.canConvert<QSequentialIterable>()) {
        QJsonArray array;
        const QSequentialIterable items = value.value<QSequentialIterable>();
        for (const QVariant &item : items)
            array.append(fromVariant(item));
        return array;
    }
    return QJsonValue::fromVariant(value);
}

bool toGadget(const QJsonValue &json, const QMetaObject *metaObject, void *gadget, QString *why)
{
    if (!json.isObject())
        return fail(why, JsonText::tr("expected an object for %1").arg(unqualifiedName(metaObject)));
    const QJsonObject object = json.toObject();
    for (int i = 0; i < metaObject->propertyCount(); ++i) {
        const QMetaProperty property = metaObject->property(i);
        if (!property.isStored() || !property.isWritable())
            continue;
        const QLatin1StringView name(property.name()); // a C++ identifier
        const auto field = object.constFind(name);
        QVariant value;
        if (field == object.constEnd()) {
            // A missing optional field decodes to its default, as serde's Option does.
            if (property.metaType().id() == QMetaType::QJsonValue)
                continue;
            return fail(why, JsonText::tr("missing field %1").arg(name));
        }
        QString inner;
        if (!toVariant(*field, property.metaType(), value, &inner))
            return fail(why, JsonText::tr("field %1: %2").arg(name, inner));
        property.writeOnGadget(gadget, value);
    }
    return true;
}

bool toVariant(const QJsonValue &json, QMetaType type, QVariant &out, QString *why)
{
    switch (kindOf(type)) {
    case ValueKind::Gadget:
        out = QVariant(type);
        return toGadget(json, type.metaObject(), out.data(), why);
    case ValueKind::Bool:
        if (!json.isBool())
            return fail(why, typeMismatch(JsonText::tr("a boolean")));
        out = json.toBool();
        return true;
    case ValueKind::Integer:
    case ValueKind::Unsigned64: {
        constexpr qint64 notAnInteger = std::numeric_limits<qint64>::min();
        const qint64 v = json.isDouble() ? json.toInteger(notAnInteger) : notAnInteger;
        if (v == notAnInteger)
            return fail(why, typeMismatch(JsonText::tr("an integer")));
        QVariant converted(v);
        const bool isUnsigned = type.id() == QMetaType::UChar || type.id() == QMetaType::UShort
            || type.id() == QMetaType::UInt || type.id() == QMetaType::ULong || type.id() == QMetaType::ULongLong;
        if (isUnsigned && v < 0)
            return fail(why, typeMismatch(JsonText::tr("a non-negative integer")));
        if (type.sizeOf() < 8) {
            const int bits = int(type.sizeOf()) * 8;
            const qint64 max = isUnsigned ? (qint64(1) << bits) - 1 : (qint64(1) << (bits - 1)) - 1;
            const qint64 min = isUnsigned ? 0 : -(qint64(1) << (bits - 1));
            if (v < min || v > max)
                return fail(why, JsonText::tr("integer %1 out of range").arg(v));
        }
        if (!converted.convert(type))
            return fail(why, typeMismatch(JsonText::tr("an integer")));
        out = converted;
        return true;
    }
    case ValueKind::Number: {
        if (!json.isDouble())
            return fail(why, typeMismatch(JsonText::tr("a number")));
        QVariant converted(json.toDouble());
        converted.convert(type);
        out = converted;
        return true;
    }
    case ValueKind::String:
        if (!json.isString())
            return fail(why, typeMismatch(JsonText::tr("a string")));
        out = json.toString();
        return true;
    case ValueKind::Uuid: {
        const QUuid uuid = json.isString() ? QUuid::fromString(json.toString()) : QUuid();
        if (uuid.isNull() && json.toString() != QUuid().toString(QUuid::WithoutBraces))
            return fail(why, typeMismatch(JsonText::tr("a UUID")));
        out = uuid;
        return true;
    }
    case ValueKind::DateTime: {
        const QDateTime time = QDateTime::fromString(json.toString(), Qt::ISODateWithMs);
        if (!json.isString() || !time.isValid())
            return fail(why, typeMismatch(JsonText::tr("an ISO 8601 date-time")));
        out = time.toUTC();
        return true;
    }
    case ValueKind::Date: {
        const QDate date = QDate::fromString(json.toString(), Qt::ISODate);
        if (!json.isString() || !date.isValid())
            return fail(why, typeMismatch(JsonText::tr("an ISO 8601 date")));
        out = date;
        return true;
    }
    case ValueKind::Json:
        if (type.id() == QMetaType::QJsonObject) {
            if (!json.isObject())
                return fail(why, typeMismatch(JsonText::tr("an object")));
            out = json.toObject();
        } else if (type.id() == QMetaType::QJsonArray) {
            if (!json.isArray())
                return fail(why, typeMismatch(JsonText::tr("an array")));
            out = json.toArray();
        } else {
            out = QVariant::fromValue(json);
        }
        return true;
    case ValueKind::StringList: {
        if (!json.isArray())
            return fail(why, typeMismatch(JsonText::tr("an array of strings")));
        QStringList list;
        for (const QJsonValue &item : json.toArray()) {
            if (!item.isString())
                return fail(why, typeMismatch(JsonText::tr("an array of strings")));
            list.append(item.toString());
        }
        out = list;
        return true;
    }
    case ValueKind::Other:
        break;
    }
    QVariant converted = json.toVariant();
    if (!converted.convert(type))
        return fail(why, JsonText::tr("cannot read JSON into a value of type %1").arg(QString::fromUtf8(type.name())));
    out = converted;
    return true;
}

} // namespace Evented::Json

namespace Evented::Detail {

bool hasEveryProperty(const QJsonValue &json, const QMetaObject *metaObject, QString *why)
{
    if (!json.isObject())
        return Json::fail(why, Json::JsonText::tr("expected an object for %1").arg(Json::unqualifiedName(metaObject)));
    const QJsonObject object = json.toObject();
    for (int i = 0; i < metaObject->propertyCount(); ++i) {
        const QMetaProperty property = metaObject->property(i);
        if (property.isStored() && property.isWritable() && !object.contains(QLatin1StringView(property.name())))
            return Json::fail(why, Json::JsonText::tr("missing field %1").arg(QLatin1StringView(property.name())));
    }
    return true;
}

} // namespace Evented::Detail
