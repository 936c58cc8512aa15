#pragma once

#include <evented/error.h>
#include <evented/eventstore.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>

namespace Evented::Inspector {

class StoreReaderPrivate;

/*!
    A store of the inspector's own in a thread of its own, so that no read or write of the
    inspector waits in the GUI thread. It is opened like another store (a copy of that store's
    connection settings, with its options) or from a URL; every call returns at once, and the
    work runs in the reader's thread in the order it was asked for, on the reader's store.

    \code
    Evented::Inspector::StoreReader reader;
    reader.open(&store);                                       // the application's store
    reader.run<Result<StoreStats>>([](EventStore &store) { return EventLog(&store).stats(); })
        .then(this, [](const Result<StoreStats> &stats) { … });  // back in this thread
    \endcode

    Objects that work must keep (a CommitFollower, a Projection) can be made children of the
    store passed to it: they live in the reader's thread and end with its store.
*/
class EVENTED_INSPECTOR_EXPORT StoreReader : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(StoreReader)
public:
    explicit StoreReader(QObject *parent = nullptr);
    /*! Drops the work not yet begun, waits for the work under way, closes the store. */
    ~StoreReader() override;

    /*!
        Opens the reader's store on a copy of \a like's connection settings, with its options
        (read-only too when \a readOnly; never migrating). \a like is read here, at once, and
        not used afterwards.
    */
    QFuture<Error> open(EventStore *like, bool readOnly = false);
    /*! Opens the reader's store at \a url. */
    QFuture<Error> open(const QString &url);

    /*!
        Runs \a work with the reader's store in the reader's thread; the future has its result.
        Continue in the calling thread with \c{future.then(context, …)}.
    */
    template<typename T>
    QFuture<T> run(std::function<T(EventStore &store)> work)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        post([promise, work = std::move(work)](EventStore *store) {
            if (store)
                promise->addResult(work(*store));
            else
                promise->future().cancel(); // dropped: no continuation runs
            promise->finish();
        });
        return future;
    }

    /*!
        The same, and calls \a then with the result in \a context's thread, from its event
        loop (never from inside this call), in the order the results came, and not at all once
        \a context is gone. \a context must be alive when the work ends.
    */
    template<typename T, typename Then>
    void run(std::function<T(EventStore &store)> work, QObject *context, Then then)
    {
        post([work = std::move(work), context, then = std::move(then)](EventStore *store) {
            if (!store)
                return;
            deliver(context, [then, result = work(*store)] { then(result); });
        });
    }

private:
    /*! Runs \a work in the reader's thread; with a null store when the reader is ending. */
    void post(std::function<void(EventStore *store)> work);
    /*! Calls \a call queued in \a context's thread, as a signal would be delivered. */
    static void deliver(QObject *context, std::function<void()> call);

    std::unique_ptr<StoreReaderPrivate> d_ptr;
};

} // namespace Evented::Inspector
