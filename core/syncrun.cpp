#include "syncrun_p.h"

#include "connection_p.h"
#include "session_p.h"

#include <evented/eventlog.h>
#include <evented/eventstore.h>

#include <QCoreApplication>

namespace Evented::Detail {

namespace {

struct SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Evented::SyncLink)
};

constexpr int maxRounds = 3;
constexpr int pageSize = 1000;
/*! A command still 'deciding' after this long, and not applied, was never handled. */
constexpr int staleDecidingSeconds = 600;

} // namespace

SyncRun::SyncRun(Session &local, EventStore &upstream, const Domain &domain, const SyncLinkRecord &link, Decided decided)
    : m_local(local)
    , m_tables(local)
    , m_upstream(upstream)
    , m_domain(domain)
    , m_link(link)
    , m_pulledFrom(link.pulled)
    , m_decided(std::move(decided))
{
}

Result<SyncReport> SyncRun::run()
{
    SyncReport report;
    for (report.rounds = 1; report.rounds <= maxRounds; ++report.rounds) {
        if (Error error = m_tables.recoverDeciding(staleDecidingSeconds); error.isError())
            return error;
        if (Error error = push(report); error.isError())
            return error;
        if (Error error = pull(); error.isError())
            return error;
        bool done = false;
        if (Error error = apply(report, done); error.isError())
            return error;
        if (done)
            return report;
    }
    return Error::timeout(
        SyncText::tr("the local store kept changing during %1 rounds of sync (commands handled, another sync); sync again")
            .arg(maxRounds));
}

Error SyncRun::push(SyncReport &report)
{
    const Result<QList<SyncCommandRecord>> pending = m_tables.commands(QStringLiteral("pending"));
    if (!pending)
        return pending.error();
    for (const SyncCommandRecord &command : pending.value()) {
        CommandOptions options;
        options.commandId = command.commandId;
        const DomainResult result = m_domain.handle(m_upstream, command.typeName, command.entityId, command.command,
                                                    command.parameters, -1, options);
        Error recorded;
        if (result.isApplied()) {
            QList<qint64> seqNos;
            for (const RecordedEvent &event : result.events)
                seqNos.append(event.seqNo);
            recorded = m_tables.markAccepted(command.commandId, seqNos);
            ++report.accepted;
        } else if (result.isRejected()) {
            recorded = m_tables.markRejected(command.commandId, result.rejectionName, result.rejection);
            ++report.rejected;
        } else {
            return result.error;
        }
        if (recorded.isError())
            return recorded;
        m_decided(command, result);
    }
    return {};
}

Error SyncRun::pull()
{
    EventLog log(&m_upstream);
    log.setUpcast(false); // the local store keeps the events as they are stored
    for (;;) {
        const Result<QList<RecordedEvent>> page = log.readCommitted(m_link.pulled, pageSize);
        if (!page)
            return page.error();
        for (const RecordedEvent &event : page.value()) {
            if (m_link.types.isEmpty() || m_link.types.contains(event.typeName))
                m_pulled.append(event);
        }
        if (page->size() < pageSize)
            return {};
    }
}

Error SyncRun::apply(SyncReport &report, bool &done)
{
    qint64 withdrawn = 0;
    const Error error = inWriteTransaction(m_local.database(), m_local.dialect(), [&]() -> Error {
        // Under the write lock: no command is handled locally, and no other sync completes,
        // until this commits.
        const Result<std::optional<SyncLinkRecord>> stored = m_tables.link();
        if (!stored)
            return stored.error();
        if (!stored->has_value())
            return SyncTables::notLinked();
        const CommitPosition &completed = stored->value().pulled;
        if (completed.transactionId != m_pulledFrom.transactionId || completed.seqNo != m_pulledFrom.seqNo) {
            // Another sync (another process) appended these events already: pull after it.
            m_pulledFrom = m_link.pulled = completed;
            m_pulled.clear();
            return {};
        }
        const Result<bool> unpushed = m_tables.hasUnpushed();
        if (!unpushed)
            return unpushed.error();
        if (unpushed.value())
            return {}; // nothing written: their provisional events would clash with the pulled ones
        const Result<qint64> deleted = m_tables.withdrawDecided();
        if (!deleted)
            return deleted.error();
        withdrawn = deleted.value();
        if (Error error = m_tables.appendPulled(m_pulled); error.isError())
            return error;
        if (Error error = m_tables.completeSync(m_link.pulled, withdrawn > 0); error.isError())
            return error;
        done = true;
        return {};
    });
    if (error.isError()) {
        done = false;
        return error;
    }
    if (done) {
        report.pulled = m_pulled.size();
        report.withdrawn = withdrawn;
    }
    return {};
}

} // namespace Evented::Detail
