// JSON text written straight from values: the events and metadata of an append go to the
// database as UTF-8 without a QJsonObject in between.

#include "jsonrules_p.h"

#include <evented/json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaProperty>
#include <QSequentialIterable>

#include <cmath>

namespace Evented::Json {

namespace {

void writeNumber(double value, QByteArray &out)
{
    // As QJsonDocument writes a double: the shortest form that reads back the same, and null
    // for what JSON cannot hold.
    if (!std::isfinite(value))
        out += "null";
    else
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

void writeString(QStringView text, QByteArray &out)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    const char16_t *chars = text.utf16();
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        // A run of ASCII that needs no escape is copied in one step.
        qsizetype end = i;
        while (end < size && chars[end] >= 0x20 && chars[end] < 0x80 && chars[end] != u'"' && chars[end] != u'\\')
            ++end;
        if (end > i) {
            const qsizetype at = out.size();
            out.resize(at + (end - i));
            char *to = out.data() + at;
            for (qsizetype k = i; k < end; ++k)
                *to++ = char(chars[k]);
            i = end;
            continue;
        }
        const char16_t c = chars[i];
        if (c >= 0x80) { // a run of non-ASCII characters (surrogate pairs stay together) as UTF-8
            qsizetype end = i + 1;
            while (end < size && chars[end] >= 0x80)
                ++end;
            out += text.sliced(i, end - i).toUtf8();
            i = end;
            continue;
        }
        switch (c) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += char(c);
            }
        }
        ++i;
    }
    out += '"';
}

void writeGadget(const QMetaObject *metaObject, const void *gadget, QByteArray &out)
{
    out += '{';
    bool first = true;
    for (int i = 0; i < metaObject->propertyCount(); ++i) {
        const QMetaProperty property = metaObject->property(i);
        if (!property.isStored())
            continue;
        if (!std::exchange(first, false))
            out += ',';
        out += '"';
        out += property.name(); // a C++ identifier: nothing to escape
        out += "\":";
        write(property.readOnGadget(gadget), out);
    }
    out += '}';
}

void write(const QVariant &value, QByteArray &out)
{
    if (!value.isValid()) {
        out += "null";
        return;
    }
    const QMetaType type = value.metaType();
    switch (kindOf(type)) {
    case ValueKind::Gadget:
        writeGadget(type.metaObject(), value.constData(), out);
        return;
    case ValueKind::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case ValueKind::Integer:
        out += QByteArray::number(value.toLongLong());
        return;
    case ValueKind::Unsigned64:
        out += QByteArray::number(value.toULongLong()); // every digit, as serde_json writes a u64
        return;
    case ValueKind::Number:
        writeNumber(value.toDouble(), out);
        return;
    case ValueKind::String:
        writeString(value.toString(), out);
        return;
    case ValueKind::Uuid:
        writeString(uuidText(value.toUuid()), out);
        return;
    case ValueKind::DateTime:
        writeString(dateTimeText(value.toDateTime()), out);
        return;
    case ValueKind::Date:
        writeString(dateText(value.toDate()), out);
        return;
    case ValueKind::StringList: {
        out += '[';
        const QStringList list = value.toStringList();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                out += ',';
            writeString(list.at(i), out);
        }
        out += ']';
        return;
    }
    case ValueKind::Json:
        write(fromVariant(value), out);
        return;
    case ValueKind::Other:
        break;
    }
    if (value.canConvert<QSequentialIterable>()) {
        out += '[';
        bool first = true;
        const QSequentialIterable items = value.value<QSequentialIterable>();
        for (const QVariant &item : items) {
            if (!std::exchange(first, false))
                out += ',';
            write(item, out);
        }
        out += ']';
        return;
    }
    write(fromVariant(value), out);
}

void write(const QJsonValue &value, QByteArray &out)
{
    out += compact(value);
}

QByteArray compact(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.sliced(1, array.size() - 2);
}

} // namespace Evented::Json
