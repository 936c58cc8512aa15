#include "eventstore_p.h"
#include "session_p.h"
#include "storequery_p.h"
#include "storedrow_p.h"

#include <evented/eventlog.h>
#include <evented/historycheck.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>

namespace Evented {

namespace {

struct CheckText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::HistoryCheck)
};

/*! The top-level fields in which two encoded states differ, for a report a person can act on. */
QString difference(const QJsonValue &folded, const QJsonValue &stored)
{
    if (!folded.isObject() || !stored.isObject())
        return CheckText::tr("the states differ");
    const QJsonObject a = folded.toObject();
    const QJsonObject b = stored.toObject();
    QStringList fields;
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (b.value(it.key()) != it.value())
            fields.append(it.key());
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (!a.contains(it.key()))
            fields.append(it.key());
    }
    return CheckText::tr("the snapshot differs from the fold in %1").arg(fields.join(QStringLiteral(", ")));
}

/*! The check of one entity type, page by page. */
class TypeCheck
{
public:
    TypeCheck(const EntityTypeInfo &info, HistoryTypeReport &report)
        : m_info(info)
        , m_report(report)
    {
        m_report.typeName = info.typeName;
    }

    /*! Takes one row of a history page. */
    void row(const QSqlQuery &query)
    {
        namespace C = Detail::HistoryColumn;
        const QUuid id = QUuid::fromString(query.value(C::EntityId).toString());
        const qint64 version = query.value(C::Version).toLongLong();
        const qint64 seqNo = query.value(C::SeqNo).toLongLong();
        ++m_report.events;
        if (id != m_entity || !m_folder) {
            m_entity = id;
            m_folder = m_info.newFolder();
            m_broken = false;
            ++m_report.entities;
        }
        if (!m_broken)
            fold(seqNo, version, query.value(C::Event).toByteArray(), Detail::storedEventVersion(query.value(C::EventVersion)));
        if (!query.value(C::SnapshotState).isNull())
            compare(version, query.value(C::SnapshotState).toByteArray(), query.value(C::SnapshotStateVersion).toInt());
    }

private:
    void problem(HistoryProblem::Kind kind, qint64 version, qint64 seqNo, const QString &reason)
    {
        m_report.problems.append(HistoryProblem{kind, m_info.typeName, m_entity, version, seqNo, reason});
    }

    void fold(qint64 seqNo, qint64 version, const QByteArray &text, int eventVersion)
    {
        QJsonValue event;
        QString why;
        if (!Json::parse(text, event))
            why = Detail::invalidStoredJson();
        else if (m_info.schema && !m_info.schema->upcast(event, eventVersion, &why))
            ; // why says it
        else if (m_folder->apply(event, &why))
            return;
        // The entity cannot be folded past this event: its later events and snapshots are not judged.
        m_broken = true;
        problem(HistoryProblem::Kind::Event, version, seqNo, why);
    }

    void compare(qint64 version, const QByteArray &text, int stateVersion)
    {
        if (stateVersion != m_info.stateVersion || m_info.stateVersion == 0) {
            ++m_report.snapshotsOutdated;
            return;
        }
        if (m_broken)
            return;
        QJsonValue state;
        QString why;
        std::unique_ptr<StateFolder> stored = m_info.newFolder();
        bool restored = false;
        if (!Json::parse(text, state))
            why = CheckText::tr("not valid JSON");
        else
            restored = stored->restore(state, &why);
        if (!restored) {
            problem(HistoryProblem::Kind::SnapshotUndecodable, version, 0,
                    CheckText::tr("the snapshot of state version %1 cannot be decoded: %2").arg(stateVersion).arg(why));
            return;
        }
        ++m_report.snapshotsCompared;
        const QJsonValue folded = m_folder->snapshot();
        if (folded != stored->snapshot())
            problem(HistoryProblem::Kind::SnapshotDisagrees, version, 0, difference(folded, stored->snapshot()));
    }

    const EntityTypeInfo &m_info;
    HistoryTypeReport &m_report;
    QUuid m_entity;
    std::unique_ptr<StateFolder> m_folder;
    bool m_broken = false;
};

} // namespace

struct HistoryCheckData
{
    EventStore *store = nullptr;
    Domain domain;
    QStringList types;
    int pageSize = 1000;
};

qint64 HistoryReport::problemCount() const
{
    qint64 count = 0;
    for (const HistoryTypeReport &type : types)
        count += type.problems.size();
    return count;
}

HistoryCheck::HistoryCheck(EventStore *store, const Domain &domain)
    : d(std::make_unique<HistoryCheckData>())
{
    d->store = store;
    d->domain = domain;
}

HistoryCheck::~HistoryCheck() = default;

void HistoryCheck::setTypes(const QStringList &typeNames)
{
    d->types = typeNames;
}

void HistoryCheck::setPageSize(int events)
{
    d->pageSize = std::max(events, 1);
}

Result<HistoryReport> HistoryCheck::run(const Progress &progress) const
{
    EventStorePrivate *store = EventStorePrivate::get(d->store);
    if (!store)
        return Error::notOpen();
    for (const QString &typeName : d->types) {
        if (!d->domain.entityType(typeName))
            return Domain::noDomainCode(typeName);
    }
    const Result<StoreStats> stats = EventLog(d->store).stats();
    if (!stats)
        return stats.error();
    Result<Detail::Session *> session = store->session();
    if (!session)
        return session.error();
    Detail::Session &s = *session.value();

    HistoryReport report;
    qint64 total = 0;
    QStringList types;
    for (const TypeStats &type : stats.value().types) {
        if (!d->domain.entityType(type.typeName)) {
            report.unknownTypes.append(type.typeName);
        } else if (d->types.isEmpty() || d->types.contains(type.typeName)) {
            types.append(type.typeName);
            total += type.events;
        }
    }
    for (const QString &typeName : d->types) {
        if (!types.contains(typeName))
            types.append(typeName); // asked for, without events: reported with none
    }

    qint64 read = 0;
    Detail::StoreQuery page(s.database(), s.dialect());
    page.setForwardOnly(true);
    if (!page.prepare(s.statements().historyPage))
        return s.sqlError(page.lastError());
    for (const QString &typeName : std::as_const(types)) {
        report.types.append(HistoryTypeReport());
        HistoryTypeReport &typeReport = report.types.last();
        TypeCheck check(*d->domain.entityType(typeName), typeReport);
        QString afterId = QUuid().toString(QUuid::WithoutBraces);
        qint64 afterVersion = 0;
        for (;;) {
            page.addBindValue(typeName);
            page.addBindValue(afterId);
            page.addBindValue(afterVersion);
            page.addBindValue(d->pageSize);
            if (!page.exec())
                return s.sqlError(page.lastError());
            int rows = 0;
            while (page.next()) {
                check.row(page);
                afterId = page.value(Detail::HistoryColumn::EntityId).toString();
                afterVersion = page.value(Detail::HistoryColumn::Version).toLongLong();
                ++rows;
            }
            page.finish();
            read += rows;
            if (rows > 0 && progress && !progress(read, total)) {
                report.complete = false;
                return report;
            }
            if (rows < d->pageSize)
                break;
        }

        Detail::StoreQuery orphans(s.database(), s.dialect());
        if (!orphans.prepare(s.statements().orphanSnapshots))
            return s.sqlError(orphans.lastError());
        orphans.addBindValue(typeName);
        if (!orphans.exec())
            return s.sqlError(orphans.lastError());
        while (orphans.next()) {
            const qint64 version = orphans.value(Detail::OrphanSnapshotColumn::Version).toLongLong();
            HistoryProblem orphaned;
            orphaned.kind = HistoryProblem::Kind::SnapshotOrphaned;
            orphaned.typeName = typeName;
            orphaned.entityId = QUuid::fromString(orphans.value(Detail::OrphanSnapshotColumn::EntityId).toString());
            orphaned.version = version;
            orphaned.reason = CheckText::tr("the snapshot's version %1 is not a stored event of the entity").arg(version);
            typeReport.problems.append(orphaned);
        }
    }
    return report;
}

} // namespace Evented
