#pragma once

// The rules that JSON values (json.cpp), JSON text written (jsonwrite.cpp) and JSON text read
// (jsonread.cpp) share, so that the three agree on every value.

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <limits>

namespace Evented::Json {

struct JsonText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Json)
};

inline bool fail(QString *why, const QString &message)
{
    if (why)
        *why = message;
    return false;
}

inline QString typeMismatch(const QString &expected)
{
    return JsonText::tr("expected %1").arg(expected);
}

inline bool isGadgetType(QMetaType type)
{
    return (type.flags() & QMetaType::IsGadget) && type.metaObject();
}

/*! What JSON makes of a value of a meta type: the one list of types the three agree on. */
enum class ValueKind { Gadget, Bool, Integer, Unsigned64, Number, String, Uuid, DateTime, Date, StringList, Json, Other };

inline ValueKind kindOf(QMetaType type)
{
    if (isGadgetType(type))
        return ValueKind::Gadget;
    switch (type.id()) {
    case QMetaType::Bool:
        return ValueKind::Bool;
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::Short:
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::UChar:
    case QMetaType::UShort:
    case QMetaType::UInt:
    case QMetaType::ULong:
        return ValueKind::Integer;
    case QMetaType::ULongLong:
        return ValueKind::Unsigned64;
    case QMetaType::Float:
    case QMetaType::Double:
        return ValueKind::Number;
    case QMetaType::QString:
        return ValueKind::String;
    case QMetaType::QUuid:
        return ValueKind::Uuid;
    case QMetaType::QDateTime:
        return ValueKind::DateTime;
    case QMetaType::QDate:
        return ValueKind::Date;
    case QMetaType::QStringList:
        return ValueKind::StringList;
    case QMetaType::QJsonValue:
    case QMetaType::QJsonObject:
    case QMetaType::QJsonArray:
        return ValueKind::Json;
    default:
        return ValueKind::Other;
    }
}

/*! A QJsonValue has no unsigned integers: one beyond qint64 keeps its value as a double there (the
    text written and read by the typed codecs keeps every digit). */
inline bool unsignedAsDouble(qulonglong value)
{
    return value > qulonglong(std::numeric_limits<qint64>::max());
}

inline QString uuidText(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

inline QString dateTimeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

inline QString dateText(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

} // namespace Evented::Json
