#pragma once

#include <evented/domain.h>
#include <evented/projection.h>
#include <evented/testing/evented_testing_export.h>
#include <evented/testing/history.h>
#include <evented/testing/specresult.h>

#include <QList>
#include <QString>
#include <QVariantMap>

#include <concepts>
#include <functional>
#include <utility>

namespace Evented::Testing {

/*!
    A projection spec: given events of one or more entities, a projection configured as an
    application configures it, caught up on them, then the rows its view holds.

    \code
    using namespace Evented::Testing;
    EVENTED_SPEC(ProjectionSpec(domain, QStringLiteral("counter"))   // a plugin's Domain
                     .given<Counter>(a, Increased{a, 5}, Decreased{a, 2})
                     .given<Counter>(b, Increased{b, 1})
                     .thenRows(QStringLiteral("SELECT id, value FROM counter_projection ORDER BY value"),
                               {{{"id", b}, {"value", 1}}, {{"id", a}, {"value", 3}}}));
    \endcode

    check() opens a store of its own (a private in-memory SQLite database), runs the setup (the
    domain's: its tables and listeners), appends the given events in order (History), starts the
    projection, configured by the domain's Domain::addProjection() function or the one given, and
    waits until it has committed its view for every one of them (Projection::waitFor). Then each
    query of thenRows() runs on the store's connection and must give exactly its rows, in order;
    values are compared as JSON (Evented::Json::fromVariant), so that 3 and 3LL, or a QUuid and
    its text, are equal. A projection that fails, or does not catch up within ten seconds, fails
    the spec with its error.
*/
class EVENTED_TESTING_EXPORT ProjectionSpec
{
public:
    /*! How a projection is configured: Domain::addProjection()'s function, ProjectionInfo::configure. */
    using Configure = std::function<void(Projection &projection, EventStore &store)>;

    /*! Projection \a name of \a domain, on a store the domain was set up on (Domain::setUp(),
        Domain::registerSchemas()). */
    ProjectionSpec(const Domain &domain, const QString &name);
    /*! A projection named \a name configured by \a configure, on a store that \a setup
        prepared (the view's tables), when given. */
    ProjectionSpec(const QString &name, Configure configure, Domain::Setup setup = {});

    /*! Events of entity \a id of type F, appended after those given before. */
    template<EntityType F, typename... Events>
        requires(std::constructible_from<typename F::Event, Events &&> && ...)
    ProjectionSpec given(const EntityId<F> &id, Events &&...events) &&
    {
        m_history.add<F>(id, std::forward<Events>(events)...);
        return std::move(*this);
    }

    /*! Expects \a query, run once the projection caught up, to give exactly \a rows, in order
        (each a map of column name to value). */
    ProjectionSpec thenRows(const QString &query, const QList<QVariantMap> &rows) &&;

    /*! Runs the spec on a store of its own. */
    SpecResult check() const;

private:
    struct Expected
    {
        QString query;
        QList<QVariantMap> rows;
    };
    SpecResult checkRows(EventStore &store, const Expected &expected) const;

    QString m_name;
    Configure m_configure;
    Domain::Setup m_setup;
    History m_history;
    QList<Expected> m_expected;
};

} // namespace Evented::Testing
