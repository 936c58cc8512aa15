// JSON text read straight into gadgets with simdjson's on-demand parser: a typed load or
// projection handler decodes the UTF-8 the database sent, without a QJsonValue in between.

#include "jsonrules_p.h"

#include <evented/json.h>

#include <QJsonValue>
#include <QMetaProperty>
#include <QVarLengthArray>

#include <simdjson.h>

#include <string_view>

namespace Evented::Json {

namespace {

namespace od = simdjson::ondemand;

/*!
    The parser of this thread and a copy of the text with the padding simdjson reads past its
    end. Views it gives point into the copy: inputOf() maps them back to the caller's text.
*/
class Reader
{
public:
    static Reader &ofThisThread()
    {
        thread_local Reader reader;
        return reader;
    }

    simdjson::error_code iterate(QByteArrayView text, od::document &document)
    {
        m_text = text;
        const size_t size = size_t(text.size());
        if (m_buffer.size() < size + simdjson::SIMDJSON_PADDING)
            m_buffer.resize(size + simdjson::SIMDJSON_PADDING);
        if (size > 0)
            memcpy(m_buffer.data(), text.data(), size);
        return m_parser.iterate(m_buffer.data(), size, m_buffer.size()).get(document);
    }

    /*! The part of the caller's text that \a view (into the copy) is. */
    QByteArrayView inputOf(std::string_view view) const
    {
        return m_text.sliced(view.data() - m_buffer.data(), qsizetype(view.size()));
    }

private:
    od::parser m_parser;
    std::vector<char> m_buffer;
    QByteArrayView m_text;
};

/*! True when nothing but white space follows what was read: JSON has one value. */
bool atEnd(od::document &document)
{
    return document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

/*! The text of an object or array value, which it consumes. */
simdjson::error_code rawText(od::value &value, od::json_type type, std::string_view &raw)
{
    if (type == od::json_type::object) {
        od::object object;
        if (auto error = value.get_object().get(object))
            return error;
        return object.raw_json().get(raw);
    }
    if (type == od::json_type::array) {
        od::array array;
        if (auto error = value.get_array().get(array))
            return error;
        return array.raw_json().get(raw);
    }
    raw = value.raw_json_token();
    return simdjson::SUCCESS;
}

/*! The name \a key (unescaped) of the first field of the object \a text: a name without
    escapes, which every identifier is, is raw data inside \a text, not a copy. */
QByteArray keyOf(QByteArrayView text, std::string_view key)
{
    const QByteArrayView name(key.data(), qsizetype(key.size()));
    const qsizetype start = text.indexOf('"') + 1;
    const QByteArrayView raw = text.sliced(start);
    if (raw.size() > name.size() && raw.startsWith(name) && raw.at(name.size()) == '"')
        return QByteArray::fromRawData(raw.data(), name.size());
    return name.toByteArray();
}

QString invalidJson()
{
    return JsonText::tr("not valid JSON");
}

/*!
    A field's value as QJsonValue, for toVariant(): scalars directly, objects and arrays by
    parsing their text (the types that need them, nested gadgets and lists, are rare in events).
*/
simdjson::error_code toJsonValue(od::value &value, const Reader &reader, QJsonValue &out)
{
    od::json_type type;
    if (auto error = value.type().get(type))
        return error;
    switch (type) {
    case od::json_type::null:
        out = QJsonValue::Null;
        return simdjson::SUCCESS;
    case od::json_type::boolean: {
        bool b = false;
        auto error = value.get_bool().get(b);
        out = b;
        return error;
    }
    case od::json_type::number: {
        od::number number;
        if (auto error = value.get_number().get(number))
            return error;
        if (number.is_int64())
            out = qint64(number.get_int64());
        else if (number.is_uint64())
            out = double(number.get_uint64()); // beyond qint64, as Qt's parser reads it
        else
            out = number.get_double();
        return simdjson::SUCCESS;
    }
    case od::json_type::string: {
        std::string_view text;
        auto error = value.get_string().get(text);
        out = QString::fromUtf8(text.data(), qsizetype(text.size()));
        return error;
    }
    case od::json_type::object:
    case od::json_type::array: {
        std::string_view raw;
        if (auto error = rawText(value, type, raw))
            return error;
        return parse(reader.inputOf(raw), out) ? simdjson::SUCCESS : simdjson::TAPE_ERROR;
    }
    }
    return simdjson::INCORRECT_TYPE;
}

/*! Reads a field into a property of \a type: a string into a QString directly, anything else
    through toVariant(), whose rules and messages hold for both ways of reading. */
simdjson::error_code readField(od::value &value, QMetaType type, const Reader &reader, QVariant &out, bool &ok,
                               QString *why)
{
    if (type.id() == QMetaType::QString) {
        std::string_view text;
        if (value.get_string().get(text) == simdjson::SUCCESS) {
            out = QString::fromUtf8(text.data(), qsizetype(text.size()));
            ok = true;
            return simdjson::SUCCESS;
        }
    }
    od::json_type kind;
    if (type.id() == QMetaType::ULongLong && !value.type().get(kind) && kind == od::json_type::number) {
        // Beyond qint64 a QJsonValue would hold a double: read the digits as they are.
        od::number number;
        if (auto error = value.get_number().get(number))
            return error;
        if (number.is_uint64() || (number.is_int64() && number.get_int64() >= 0)) {
            out = qulonglong(number.is_uint64() ? number.get_uint64() : quint64(number.get_int64()));
            ok = true;
            return simdjson::SUCCESS;
        }
        ok = toVariant(number.is_int64() ? QJsonValue(qint64(number.get_int64())) : QJsonValue(number.get_double()), type,
                       out, why);
        return simdjson::SUCCESS;
    }
    QJsonValue json;
    if (auto error = toJsonValue(value, reader, json))
        return error;
    ok = toVariant(json, type, out, why);
    return simdjson::SUCCESS;
}

} // namespace

bool readGadget(QByteArrayView text, const QMetaObject *metaObject, void *gadget, QString *why)
{
    Reader &reader = Reader::ofThisThread();
    od::document document;
    od::object object;
    if (reader.iterate(text, document) || document.get_object().get(object)) {
        od::json_type type;
        if (!document.type().get(type) && type != od::json_type::object) // valid JSON, but no object
            return fail(why, JsonText::tr("expected an object for %1").arg(unqualifiedName(metaObject)));
        return fail(why, invalidJson());
    }
    const int count = metaObject->propertyCount();
    QVarLengthArray<bool, 16> seen(count, false);
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return fail(why, invalidJson());
        int index = -1;
        for (int i = 0; i < count && index < 0; ++i) {
            if (!seen[i] && key == metaObject->property(i).name())
                index = i;
        }
        if (index < 0)
            continue; // unknown fields are ignored, as toGadget() does
        const QMetaProperty property = metaObject->property(index);
        seen[index] = true;
        if (!property.isStored() || !property.isWritable())
            continue;
        od::value value;
        if (field.value().get(value))
            return fail(why, invalidJson());
        QVariant decoded;
        bool ok = false;
        QString inner;
        if (readField(value, property.metaType(), reader, decoded, ok, &inner))
            return fail(why, invalidJson());
        if (!ok)
            return fail(why, JsonText::tr("field %1: %2").arg(QLatin1StringView(property.name()), inner));
        property.writeOnGadget(gadget, decoded);
    }
    if (!atEnd(document))
        return fail(why, invalidJson());
    for (int i = 0; i < count; ++i) {
        const QMetaProperty property = metaObject->property(i);
        // A missing optional field decodes to its default, as serde's Option does.
        if (!seen[i] && property.isStored() && property.isWritable() && property.metaType().id() != QMetaType::QJsonValue)
            return fail(why, JsonText::tr("missing field %1").arg(QLatin1StringView(property.name())));
    }
    return true;
}

TaggedText splitTagged(QByteArrayView text)
{
    Reader &reader = Reader::ofThisThread();
    od::document document;
    od::json_type type;
    TaggedText tagged;
    tagged.text = text;
    if (reader.iterate(text, document) || document.type().get(type))
        return tagged;
    if (type == od::json_type::string) {
        std::string_view name;
        if (document.get_string().get(name) || !atEnd(document))
            return tagged;
        return {QByteArray(name.data(), qsizetype(name.size())), "{}", true, text};
    }
    od::object object;
    if (type != od::json_type::object) {
        tagged.isJson = true; // JSON, but not tagged
        return tagged;
    }
    if (document.get_object().get(object))
        return tagged;
    int fields = 0;
    for (auto field : object) {
        std::string_view key;
        od::value value;
        od::json_type payloadType;
        if (++fields > 1 || field.unescaped_key().get(key) || field.value().get(value) || value.type().get(payloadType))
            return {{}, {}, fields > 1, text};
        tagged.name = keyOf(text, key);
        std::string_view raw;
        if (rawText(value, payloadType, raw))
            return {{}, {}, false, text};
        tagged.payload = reader.inputOf(raw);
    }
    if (fields != 1 || !atEnd(document))
        return {{}, {}, fields == 0 && atEnd(document), text};
    tagged.isJson = true; // as far as the tag is concerned: the payload's decoder reads the rest
    return tagged;
}

} // namespace Evented::Json
