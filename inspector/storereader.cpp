#include <evented/inspector/storereader.h>

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QThread>

#include <atomic>

namespace Evented::Inspector {

class StoreReaderPrivate
{
public:
    QThread thread;
    /*! Lives in the reader's thread; work is posted to it. */
    QObject *context = nullptr;
    /*! Made, opened and deleted in the reader's thread. */
    EventStore *store = nullptr;
    /*! Set when the reader ends: work not yet begun is dropped. */
    std::atomic<bool> ending = false;
};

StoreReader::StoreReader(QObject *parent)
    : QObject(parent)
    , d_ptr(std::make_unique<StoreReaderPrivate>())
{
    Q_D(StoreReader);
    d->thread.setObjectName(QStringLiteral("evented-inspector-reader"));
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    // The store ends in its thread once the work under way returned: not from inside a work
    // that turns an event loop of its own (a rebuild beside the view), which would go on with it.
    connect(&d->thread, &QThread::finished, d->context, [d] {
        delete d->store; // with its children: followers, projections
        d->store = nullptr;
    }, Qt::DirectConnection);
    connect(&d->thread, &QThread::finished, d->context, &QObject::deleteLater);
    d->thread.start();
    QMetaObject::invokeMethod(d->context, [d] { d->store = new EventStore(d->context); });
}

StoreReader::~StoreReader()
{
    Q_D(StoreReader);
    d->ending = true;
    d->thread.quit();
    d->thread.wait();
}

void StoreReader::post(std::function<void(EventStore *store)> work)
{
    Q_D(StoreReader);
    QMetaObject::invokeMethod(d->context, [d, work = std::move(work)] { work(d->ending ? nullptr : d->store); });
}

void StoreReader::deliver(QObject *context, std::function<void()> call)
{
    // A connection to the context, so that a context that is gone receives nothing; queued
    // behind what this thread sent it before (a follower's events, say).
    QObject sender;
    QObject::connect(&sender, &QObject::destroyed, context, [call = std::move(call)] { call(); }, Qt::QueuedConnection);
}

QFuture<Error> StoreReader::open(EventStore *like, bool readOnly)
{
    if (!like || !like->isOpen())
        return run<Error>([](EventStore &) { return Error::notOpen(); });
    const QString connection = like->database().connectionName();
    StoreOptions options = like->options();
    options.readOnly = options.readOnly || readOnly;
    options.migrate = false;
    return run<Error>([connection, options](EventStore &store) {
        // A copy of the store's connection for this thread (Qt copies the settings under its
        // lock); the store keeps a copy of its own. A store closed meanwhile leaves an invalid one.
        static QAtomicInteger<quint64> counter;
        const QString name = QStringLiteral("evented-inspector-%1").arg(counter.fetchAndAddRelaxed(1));
        const Error error = store.open(QSqlDatabase::cloneDatabase(connection, name), options);
        QSqlDatabase::removeDatabase(name);
        return error;
    });
}

QFuture<Error> StoreReader::open(const QString &url)
{
    return run<Error>([url](EventStore &store) { return store.open(url); });
}

} // namespace Evented::Inspector
