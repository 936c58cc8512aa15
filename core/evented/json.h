#pragma once

#include <evented/evented_core_export.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <concepts>
#include <optional>
#include <type_traits>
#include <variant>

/*!
    \file json.h
    JSON encoding of events, commands and metadata in evented's (serde's) format.

    Events are externally tagged: an event type that is a \c std::variant of structs is
    written as \c {"Increased": {"id": "…", "inc": 40}}; an alternative without fields is
    written as the bare string \c "Reset". Structs need no hand-written code when they are
    Q_GADGETs whose fields are Q_PROPERTYs (\c MEMBER is enough). Anything else can be
    supported by specialising Evented::JsonCodec.
*/

namespace Evented {

/*! Metadata of events that carry none; stored as JSON \c null (Rust's \c ()). */
struct NoMetadata
{
    friend bool operator==(NoMetadata, NoMetadata) = default;
};

/*!
    The customisation point for JSON. A specialisation provides
    \code
    static QJsonValue encode(const T &value);
    static bool decode(const QJsonValue &json, T &value, QString *why);
    \endcode
    \c decode returns false and says why (for example "missing field inc") on bad input.
    Two more functions are optional, the fast path of appends and typed reads:
    \code
    static void write(const T &value, QByteArray &utf8); // appends value as JSON text
    static bool read(QByteArrayView utf8, T &value, QString *why);
    \endcode
    A codec without them is written and read through QJsonValue (see writeJson(), fromJsonText()).
*/
template<typename T, typename Enable = void>
struct JsonCodec;

/*! True when T is a Q_GADGET (it has a static meta-object and the gadget marker). */
template<typename T>
concept Gadget = requires {
    T::staticMetaObject;
    typename T::QtGadgetHelper;
};

/*! True when T can be written to and read from JSON. */
template<typename T>
concept JsonEncodable = requires(const T &value, const QJsonValue &json, T &out, QString *why) {
    { JsonCodec<T>::encode(value) } -> std::convertible_to<QJsonValue>;
    { JsonCodec<T>::decode(json, out, why) } -> std::same_as<bool>;
};

namespace Json {
/*! Writes a QVariant as JSON; gadgets become objects of their stored properties. */
EVENTED_CORE_EXPORT QJsonValue fromVariant(const QVariant &value);
/*! Reads JSON into a value of \a type; returns false and sets \a why on a mismatch. */
EVENTED_CORE_EXPORT bool toVariant(const QJsonValue &json, QMetaType type, QVariant &out, QString *why);
/*! Appends \a value to \a out as JSON text (UTF-8), with the same rules as fromVariant(). */
EVENTED_CORE_EXPORT void write(const QVariant &value, QByteArray &out);
/*! Appends the properties of the gadget at \a gadget to \a out as a JSON object, in
    declaration order, without building a QJsonObject. */
EVENTED_CORE_EXPORT void writeGadget(const QMetaObject *metaObject, const void *gadget, QByteArray &out);
/*! Appends \a text to \a out as a JSON string, quoted and escaped. */
EVENTED_CORE_EXPORT void writeString(QStringView text, QByteArray &out);
/*! Appends \a value to \a out as one line of JSON text (see compact()). */
EVENTED_CORE_EXPORT void write(const QJsonValue &value, QByteArray &out);
/*!
    Reads JSON text (UTF-8) straight into the gadget at \a gadget, with the rules of
    toGadget() and its messages, but without a QJsonValue in between. Fields of the types
    Qt's JSON has no faster way for (nested gadgets, lists, JSON values) go through toVariant().
*/
EVENTED_CORE_EXPORT bool readGadget(QByteArrayView text, const QMetaObject *metaObject, void *gadget, QString *why);
/*! The parts of an externally tagged value in JSON text: \c {"Name": payload} or \c "Name". */
struct TaggedText
{
    QByteArray name;      //!< the tag, UTF-8 (often raw data inside the input); empty when \a text is not tagged
    QByteArrayView payload; //!< the payload's text inside the input; \c {} for a bare tag
    bool isJson = false;    //!< false when the text is not JSON at all
    QByteArrayView text;    //!< the input, whole
};
/*! Splits \a text into its tag and payload; an empty name when it is not tagged. */
EVENTED_CORE_EXPORT TaggedText splitTagged(QByteArrayView text);
/*! The properties of the gadget at \a gadget as a JSON object. */
EVENTED_CORE_EXPORT QJsonObject fromGadget(const QMetaObject *metaObject, const void *gadget);
/*! Fills the gadget at \a gadget from a JSON object; unknown fields are ignored. */
EVENTED_CORE_EXPORT bool toGadget(const QJsonValue &json, const QMetaObject *metaObject, void *gadget,
                                  QString *why);
/*! The unqualified class name of a meta-object ("Increased" for "Shop::Increased"). */
EVENTED_CORE_EXPORT QString unqualifiedName(const QMetaObject *metaObject);
/*! \a value as one line of JSON text, also a string, number or null (which QJsonDocument cannot hold). */
EVENTED_CORE_EXPORT QByteArray compact(const QJsonValue &value);
/*! Parses JSON text (UTF-8), also a bare string, number or null; false when it is not valid. */
EVENTED_CORE_EXPORT bool parse(QByteArrayView text, QJsonValue &out);
/*! True when \a value contains \a pattern as PostgreSQL's jsonb \c @> has it: an object each
    key of the pattern's with a value that contains the pattern's, an array an element that
    contains each of the pattern's elements, anything else an equal value. */
EVENTED_CORE_EXPORT bool contains(const QJsonValue &value, const QJsonValue &pattern);
} // namespace Json

/*!
    The name under which an alternative of an event variant is stored: \c T::eventName
    when T declares it, otherwise the unqualified class name of a Q_GADGET.
*/
template<typename T>
QString variantName()
{
    // Made once: every encoded and decoded event asks for it.
    static const QString name = [] {
        if constexpr (requires { T::eventName; })
            return QString::fromUtf8(T::eventName);
        else {
            static_assert(Gadget<T>, "An event alternative needs Q_GADGET or a static eventName");
            return Json::unqualifiedName(&T::staticMetaObject);
        }
    }();
    return name;
}

/*! The same name as UTF-8, as JSON text holds it. */
template<typename T>
const QByteArray &variantNameUtf8()
{
    static const QByteArray name = variantName<T>().toUtf8();
    return name;
}

template<Gadget T>
struct JsonCodec<T>
{
    static QJsonValue encode(const T &value) { return Json::fromGadget(&T::staticMetaObject, &value); }
    static bool decode(const QJsonValue &json, T &value, QString *why)
    {
        return Json::toGadget(json, &T::staticMetaObject, &value, why);
    }
    static void write(const T &value, QByteArray &out) { Json::writeGadget(&T::staticMetaObject, &value, out); }
    static bool read(QByteArrayView text, T &value, QString *why)
    {
        return Json::readGadget(text, &T::staticMetaObject, &value, why);
    }
};

template<>
struct JsonCodec<NoMetadata>
{
    static QJsonValue encode(const NoMetadata &) { return QJsonValue::Null; }
    static bool decode(const QJsonValue &, NoMetadata &, QString *) { return true; }
    static void write(const NoMetadata &, QByteArray &out) { out += "null"; }
    static bool read(QByteArrayView, NoMetadata &, QString *) { return true; }
};

/*! True when T's codec writes JSON text itself. */
template<typename T>
concept JsonTextWritable = requires(const T &value, QByteArray &out) { JsonCodec<T>::write(value, out); };

/*! True when T's codec reads JSON text itself. */
template<typename T>
concept JsonTextReadable = requires(QByteArrayView text, T &value, QString *why) {
    { JsonCodec<T>::read(text, value, why) } -> std::same_as<bool>;
};

/*! Appends \a value to \a out as JSON text (UTF-8): straight from the value where its codec
    can, else through its QJsonValue. */
template<JsonEncodable T>
void writeJson(const T &value, QByteArray &out)
{
    if constexpr (JsonTextWritable<T>)
        JsonCodec<T>::write(value, out);
    else
        Json::write(JsonCodec<T>::encode(value), out);
}

/*! The same as fromJsonText() for text that splitTagged() split already: a variant's codec
    reads the payload without looking for its tag again. */
template<JsonEncodable T>
bool fromTaggedText(const Json::TaggedText &tagged, T &value, QString *why = nullptr)
{
    if constexpr (requires { JsonCodec<T>::readTagged(tagged, value, why); })
        return JsonCodec<T>::readTagged(tagged, value, why);
    else
        return fromJsonText(tagged.text, value, why);
}

/*! \a value as JSON text (UTF-8). */
template<JsonEncodable T>
QByteArray toJsonText(const T &value)
{
    QByteArray out;
    out.reserve(128); // most events fit: no growing on the way
    writeJson(value, out);
    return out;
}

/*! Decodes JSON text (UTF-8) into \a value: straight into its own types where its codec can
    (gadgets, variants of them), else through QJsonValue; false and \a why on bad input. */
template<JsonEncodable T>
bool fromJsonText(QByteArrayView text, T &value, QString *why = nullptr)
{
    if constexpr (JsonTextReadable<T>) {
        return JsonCodec<T>::read(text, value, why);
    } else {
        QJsonValue json;
        if (!Json::parse(text, json)) {
            if (why)
                *why = QCoreApplication::translate("Evented::Json", "not valid JSON");
            return false;
        }
        return JsonCodec<T>::decode(json, value, why);
    }
}

/*! Scalars and Qt value types go through QVariant with the same rules as gadget fields. */
template<typename T>
    requires(std::is_arithmetic_v<T> || std::same_as<T, QString> || std::same_as<T, QUuid>
             || std::same_as<T, QDateTime> || std::same_as<T, QJsonValue> || std::same_as<T, QJsonObject>
             || std::same_as<T, QJsonArray> || std::same_as<T, QStringList>)
struct JsonCodec<T>
{
    static QJsonValue encode(const T &value) { return Json::fromVariant(QVariant::fromValue(value)); }
    static bool decode(const QJsonValue &json, T &value, QString *why)
    {
        QVariant out;
        if (!Json::toVariant(json, QMetaType::fromType<T>(), out, why))
            return false;
        value = out.value<T>();
        return true;
    }
};

template<JsonEncodable T>
struct JsonCodec<std::optional<T>>
{
    static QJsonValue encode(const std::optional<T> &value)
    {
        return value ? JsonCodec<T>::encode(*value) : QJsonValue(QJsonValue::Null);
    }
    static bool decode(const QJsonValue &json, std::optional<T> &value, QString *why)
    {
        if (json.isNull() || json.isUndefined()) {
            value.reset();
            return true;
        }
        T inner{};
        if (!JsonCodec<T>::decode(json, inner, why))
            return false;
        value = std::move(inner);
        return true;
    }
    static void write(const std::optional<T> &value, QByteArray &out)
    {
        if (value)
            writeJson(*value, out);
        else
            out += "null";
    }
};

template<JsonEncodable T>
    requires(!std::same_as<T, QString>)
struct JsonCodec<QList<T>>
{
    static QJsonValue encode(const QList<T> &values)
    {
        QJsonArray array;
        for (const T &v : values)
            array.append(JsonCodec<T>::encode(v));
        return array;
    }
    static bool decode(const QJsonValue &json, QList<T> &values, QString *why)
    {
        if (!json.isArray()) {
            if (why)
                *why = QCoreApplication::translate("Evented::Json", "expected an array");
            return false;
        }
        const QJsonArray array = json.toArray();
        values.clear();
        values.reserve(array.size());
        for (const QJsonValue &item : array) {
            T v{};
            if (!JsonCodec<T>::decode(item, v, why))
                return false;
            values.append(std::move(v));
        }
        return true;
    }
    static void write(const QList<T> &values, QByteArray &out)
    {
        out += '[';
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i > 0)
                out += ',';
            writeJson(values.at(i), out);
        }
        out += ']';
    }
};

/*!
    A \c std::variant is externally tagged, as serde writes a Rust enum:
    \c {"Name": payload}, or \c "Name" for an alternative whose payload is an empty object.
*/
template<typename... Ts>
    requires(JsonEncodable<Ts> && ...)
struct JsonCodec<std::variant<Ts...>>
{
    using Variant = std::variant<Ts...>;

    static QJsonValue encode(const Variant &value)
    {
        return std::visit(
            [](const auto &alternative) -> QJsonValue {
                using A = std::decay_t<decltype(alternative)>;
                const QJsonValue payload = JsonCodec<A>::encode(alternative);
                if (payload.isObject() && payload.toObject().isEmpty())
                    return variantName<A>();
                return QJsonObject{{variantName<A>(), payload}};
            },
            value);
    }

    /*! The same as encode(), straight to JSON text. */
    static void write(const Variant &value, QByteArray &out)
    {
        std::visit(
            [&out](const auto &alternative) {
                using A = std::decay_t<decltype(alternative)>;
                const qsizetype start = out.size();
                out += "{\"";
                out += variantNameUtf8<A>(); // a C++ identifier or a declared name: nothing to escape
                out += "\":";
                const qsizetype payload = out.size();
                writeJson(alternative, out);
                if (QByteArrayView(out).sliced(payload) == "{}") { // no fields: the bare name
                    out.truncate(start);
                    Json::writeString(variantName<A>(), out);
                } else {
                    out += '}';
                }
            },
            value);
    }

    /*! The same as decode(), straight from JSON text. */
    static bool read(QByteArrayView text, Variant &value, QString *why)
    {
        return readTagged(Json::splitTagged(text), value, why);
    }

    /*! The same from JSON text split already. */
    static bool readTagged(const Json::TaggedText &tagged, Variant &value, QString *why)
    {
        if (tagged.name.isEmpty()) {
            if (why)
                *why = tagged.isJson ? QCoreApplication::translate("Evented::Json",
                                                                   "expected an externally tagged value ({\"Name\": {…}} or \"Name\")")
                                     : QCoreApplication::translate("Evented::Json", "not valid JSON");
            return false;
        }
        bool matched = false;
        bool ok = false;
        (readAlternative<Ts>(tagged, value, why, matched, ok) || ...);
        if (!matched && why)
            *why = QCoreApplication::translate("Evented::Json", "unknown variant %1").arg(QString::fromUtf8(tagged.name));
        return matched && ok;
    }

    /*! The names of the alternatives, in declaration order. */
    static QStringList variantNames() { return {variantName<Ts>()...}; }

    /*! The tag of an encoded variant, or an empty string when \a json is not one. */
    static QString tag(const QJsonValue &json)
    {
        if (json.isString())
            return json.toString();
        if (json.isObject()) {
            const QJsonObject object = json.toObject();
            if (object.size() == 1)
                return object.constBegin().key();
        }
        return {};
    }

    static bool decode(const QJsonValue &json, Variant &value, QString *why)
    {
        const QString name = tag(json);
        if (name.isEmpty()) {
            if (why)
                *why = QCoreApplication::translate("Evented::Json",
                                                   "expected an externally tagged value ({\"Name\": {…}} or \"Name\")");
            return false;
        }
        const QJsonValue payload = json.isString() ? QJsonValue(QJsonObject{}) : json.toObject().constBegin().value();
        bool matched = false;
        bool ok = false;
        (tryAlternative<Ts>(name, payload, value, why, matched, ok) || ...);
        if (!matched && why)
            *why = QCoreApplication::translate("Evented::Json", "unknown variant %1").arg(name);
        return matched && ok;
    }

private:
    template<typename A>
    static bool readAlternative(const Json::TaggedText &tagged, Variant &value, QString *why, bool &matched, bool &ok)
    {
        if (tagged.name != variantNameUtf8<A>())
            return false;
        matched = true;
        A alternative{};
        ok = fromJsonText(tagged.payload, alternative, why);
        if (ok)
            value = std::move(alternative);
        return true;
    }

    template<typename A>
    static bool tryAlternative(const QString &name, const QJsonValue &payload, Variant &value, QString *why,
                               bool &matched, bool &ok)
    {
        if (name != variantName<A>())
            return false;
        matched = true;
        A alternative{};
        ok = JsonCodec<A>::decode(payload, alternative, why);
        if (ok)
            value = std::move(alternative);
        return true;
    }
};

/*! Encodes \a value with its codec. */
template<JsonEncodable T>
QJsonValue toJson(const T &value)
{
    return JsonCodec<T>::encode(value);
}

/*! Decodes \a json into \a value; false and \a why on bad input. */
template<JsonEncodable T>
bool fromJson(const QJsonValue &json, T &value, QString *why = nullptr)
{
    return JsonCodec<T>::decode(json, value, why);
}

} // namespace Evented
