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

/*! JSON integers beyond qint64 keep their value as a double, as serde_json would read it. */
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
