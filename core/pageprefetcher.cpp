#include "pageprefetcher_p.h"

#include "serveraddress_p.h"

namespace Evented::Detail {

PagePrefetcher::PagePrefetcher(std::shared_ptr<const StoreContext> context, const QString &connectOptions,
                               const QStringList &hosts)
    : m_context(std::move(context))
    , m_connectOptions(connectOptions)
    , m_hosts(hosts)
{
    m_thread.setObjectName(QStringLiteral("evented-prefetch"));
    m_inThread.moveToThread(&m_thread);
    m_thread.start();
}

PagePrefetcher::~PagePrefetcher()
{
    discard();
    // The connection belongs to the thread: it is closed there.
    QMetaObject::invokeMethod(&m_inThread, [this] { closeConnection(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void PagePrefetcher::request(const QString &transactionId, qint64 seqNo, int limit)
{
    discard();
    auto promise = std::make_shared<std::promise<std::optional<CatchUpPage>>>();
    m_pending = Pending{transactionId, seqNo, limit, promise->get_future()};
    QMetaObject::invokeMethod(&m_inThread, [this, promise, transactionId, seqNo, limit] {
        promise->set_value(read(transactionId, seqNo, limit));
    });
}

std::optional<CatchUpPage> PagePrefetcher::take(const QString &transactionId, qint64 seqNo, int limit)
{
    if (!m_pending)
        return std::nullopt;
    Pending pending = std::move(*m_pending);
    m_pending.reset();
    std::optional<CatchUpPage> page = pending.page.get();
    if (pending.transactionId != transactionId || pending.seqNo != seqNo || pending.limit != limit)
        return std::nullopt;
    return page;
}

void PagePrefetcher::discard()
{
    if (m_pending) {
        m_pending->page.wait();
        m_pending.reset();
    }
}

std::optional<CatchUpPage> PagePrefetcher::read(const QString &transactionId, qint64 seqNo, int limit)
{
    if (!m_db.isOpen()) {
        closeConnection();
        m_db = cloneConnection(*m_context, "prefetch");
        m_db.setConnectOptions(m_connectOptions);
        if (!m_hosts.isEmpty())
            pointAt(m_db, m_hosts, QStringLiteral("any"));
        if (openConnection(m_db, *m_context->dialect).isError()) {
            closeConnection();
            return std::nullopt;
        }
        m_reader.emplace(m_db, *m_context, true);
    }
    CatchUpPage page;
    if (m_reader->read(transactionId, seqNo, limit, page).isError()) {
        closeConnection(); // a fresh connection for the next page
        return std::nullopt;
    }
    return page;
}

void PagePrefetcher::closeConnection()
{
    m_reader.reset();
    removeConnection(m_db);
}

} // namespace Evented::Detail
