#include <evented/json.h>

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace Evented::Json {

bool contains(const QJsonValue &value, const QJsonValue &pattern)
{
    if (pattern.isObject()) {
        if (!value.isObject())
            return false;
        const QJsonObject object = value.toObject();
        const QJsonObject wanted = pattern.toObject();
        for (auto it = wanted.begin(); it != wanted.end(); ++it) {
            const auto found = object.constFind(it.key());
            if (found == object.constEnd() || !contains(found.value(), it.value()))
                return false;
        }
        return true;
    }
    if (pattern.isArray()) {
        if (!value.isArray())
            return false;
        const QJsonArray elements = value.toArray();
        const QJsonArray wanted = pattern.toArray();
        return std::all_of(wanted.begin(), wanted.end(), [&elements](const QJsonValue &one) {
            return std::any_of(elements.begin(), elements.end(), [&one](const QJsonValue &element) { return contains(element, one); });
        });
    }
    return value == pattern;
}

} // namespace Evented::Json
