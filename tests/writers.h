#pragma once

// Writers of the tests' counters: one after another on a store, or several threads at once,
// each on a store of its own.

#include "testcounter.h"
#include "testsupport.h"

#include <evented/eventstore.h>

#include <atomic>
#include <thread>
#include <vector>

namespace TestSupport {

/*! Appends \a n Increase commands of 1 to a new counter of \a store; false when one failed. */
inline bool appendIncreases(Evented::EventStore &store, int n)
{
    auto counter = store.load<TestDomain::Counter>(QUuid::createUuid());
    for (int i = 0; i < n; ++i) {
        if (!store.handle(counter.value(), TestDomain::Increase{1}).isApplied())
            return false;
    }
    return true;
}

/*! From \a writers threads at once, each on a store of its own: \a commands Increase commands to
    each of \a counters new counters. How many were applied. */
inline int appendConcurrently(const QString &url, int writers, int counters, int commands)
{
    std::atomic<int> committed = 0;
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&] {
            Evented::EventStore writer;
            if (!succeeded(writer.open(url)))
                return;
            for (int c = 0; c < counters; ++c) {
                auto counter = writer.load<TestDomain::Counter>(QUuid::createUuid());
                for (int i = 0; i < commands; ++i) {
                    if (writer.handle(counter.value(), TestDomain::Increase{1}).isApplied())
                        ++committed;
                }
            }
        });
    }
    for (auto &t : threads)
        t.join();
    return committed;
}

} // namespace TestSupport
