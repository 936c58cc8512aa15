#pragma once

#include <evented/eventschema.h>

#include <QHash>
#include <QMutex>

#include <memory>

namespace Evented::Detail {

/*! Event schemas by type name, as one immutable map that readers take once per page. */
using SchemaMap = QHash<QString, std::shared_ptr<const EventSchema>>;

/*!
    The event schemas known to one store: registered by its typed calls, by typed projection
    handlers and by domains, and used by the reads that know no C++ types (the event log,
    untyped projection handlers). Thread-safe; a new registration replaces the map.
*/
class SchemaRegistry
{
public:
    /*! Registers \a schema under its type name, replacing another one of that name. */
    void add(const std::shared_ptr<const EventSchema> &schema)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_map->constFind(schema->typeName());
        if (it != m_map->constEnd() && it.value() == schema)
            return; // the common case: a typed call that registered it before
        auto map = std::make_shared<SchemaMap>(*m_map);
        map->insert(schema->typeName(), schema);
        m_map = std::move(map);
    }

    /*! The schemas registered now. */
    std::shared_ptr<const SchemaMap> current() const
    {
        QMutexLocker lock(&m_mutex);
        return m_map;
    }

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const SchemaMap> m_map = std::make_shared<SchemaMap>();
};

} // namespace Evented::Detail
