// Projection specs: a projection caught up on given events, and the rows of its view.

#include <evented/testing/projectionspec.h>

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Evented::Testing {

namespace {

constexpr int catchUpTimeoutMs = 10'000;
constexpr int pollMs = 50;

QJsonObject rowJson(const QVariantMap &row)
{
    QJsonObject json;
    for (auto it = row.begin(); it != row.end(); ++it)
        json.insert(it.key(), Json::fromVariant(it.value()));
    return json;
}

QString rowsText(const QJsonArray &rows)
{
    if (rows.isEmpty())
        return QStringLiteral("\n    no rows");
    QString text;
    for (const QJsonValue &row : rows)
        text += u"\n    " + QString::fromUtf8(Json::compact(row));
    return text;
}

} // namespace

ProjectionSpec::ProjectionSpec(const Domain &domain, const QString &name)
    : m_name(name)
    , m_setup([domain](EventStore &store) {
        domain.registerSchemas(store);
        return domain.setUp(store);
    })
{
    if (const ProjectionInfo *projection = domain.projection(name))
        m_configure = projection->configure;
}

ProjectionSpec::ProjectionSpec(const QString &name, Configure configure, Domain::Setup setup)
    : m_name(name)
    , m_configure(std::move(configure))
    , m_setup(std::move(setup))
{
}

ProjectionSpec ProjectionSpec::thenRows(const QString &query, const QList<QVariantMap> &rows) &&
{
    m_expected.append({query, rows});
    return std::move(*this);
}

SpecResult ProjectionSpec::check() const
{
    if (!m_configure)
        return SpecResult::fail(u"the domain has no projection " + m_name);
    EventStore store;
    QList<RecordedEvent> recorded;
    if (SpecResult opened = m_history.open(store, m_setup, &recorded); !opened.passed())
        return opened;

    Projection projection(&store, m_name);
    m_configure(projection, store);
    projection.start();
    if (!recorded.isEmpty()) {
        const QDeadlineTimer deadline(catchUpTimeoutMs);
        for (;;) {
            const Error waited = Projection::waitFor(&store, m_name, recorded, pollMs);
            if (!waited.isError())
                break;
            if (waited.kind() != Error::Kind::Timeout)
                return SpecResult::fail(u"waiting for projection " + m_name + u" failed", waited);
            const ProjectionState state = projection.state();
            if (state.status == ProjectionState::Status::Failed) {
                return SpecResult::fail(u"projection " + m_name + u" failed at seq_no " + QString::number(state.errorSeqNo)
                                        + u": " + state.error);
            }
            if (deadline.hasExpired()) {
                return SpecResult::fail(u"projection " + m_name + u" did not catch up within "
                                        + QString::number(catchUpTimeoutMs) + u" ms: it is "
                                        + ProjectionState::statusText(state.status) + u" at seq_no "
                                        + QString::number(state.seqNo) + u" of " + QString::number(recorded.last().seqNo));
            }
        }
    }
    projection.stop();

    for (const Expected &expected : m_expected) {
        if (SpecResult rows = checkRows(store, expected); !rows.passed())
            return rows;
    }
    return SpecResult::pass();
}

SpecResult ProjectionSpec::checkRows(EventStore &store, const Expected &expected) const
{
    QSqlQuery query(store.database());
    if (!query.exec(expected.query))
        return SpecResult::fail(u"the query failed: " + expected.query + u"\n  " + query.lastError().text());
    QJsonArray actual;
    while (query.next()) {
        const QSqlRecord record = query.record();
        QVariantMap row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), record.value(i));
        actual.append(rowJson(row));
    }
    QJsonArray wanted;
    for (const QVariantMap &row : expected.rows)
        wanted.append(rowJson(row));
    if (actual == wanted)
        return SpecResult::pass();
    return SpecResult::fail(u"the rows of projection " + m_name + u" differ\n  query: " + expected.query
                            + u"\n  expected rows:" + rowsText(wanted) + u"\n  actual rows:" + rowsText(actual));
}

} // namespace Evented::Testing
