#pragma once

#include <evented/entity.h>
#include <evented/recordedevent.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>

namespace Evented {

/*! What a listener returns: success, or a failure that rolls the whole append back. */
class [[nodiscard]] ListenerResult
{
public:
    ListenerResult() = default;
    static ListenerResult ok() { return {}; }
    static ListenerResult failure(const QString &message)
    {
        ListenerResult r;
        r.m_failed = true;
        r.m_message = message;
        return r;
    }
    /*! Success when \a query succeeded, otherwise a failure carrying its error text. */
    static ListenerResult check(const QSqlQuery &query)
    {
        return query.lastError().isValid() ? failure(query.lastError().text()) : ok();
    }

    bool isOk() const { return !m_failed; }
    bool isFailed() const { return m_failed; }
    QString message() const { return m_message; }

private:
    bool m_failed = false;
    QString m_message;
};

/*!
    A listener of entity type E runs inside the append transaction, after each event is
    written, with the transaction's connection: what it writes commits or rolls back with the
    events. Use it for consistent views such as uniqueness checks.
*/
template<EntityType E>
using Listener =
    std::function<ListenerResult(const typename E::Event &event, const RecordedEvent &recorded, QSqlDatabase &transaction)>;

} // namespace Evented
