#pragma once

#include <QUuid>
#include <QtGlobal>

namespace Evented::Detail {

/*!
    The running digest of the events a projection has passed, applied or filtered out, in
    commit order: the sum (modulo 2^64) of a 64-bit hash of each event's seq_no, entity and
    version, and their number. A sum does not depend on how the events fell into batches, and
    an event skipped or passed twice changes it. Stored with the position, it lets a check
    recompute it from the event table (Projection::verify()).
*/
struct ProjectionDigest
{
    /*! Events between two checkpoints of the digest (table projection_checkpoint). */
    static constexpr qint64 checkpointEvents = 10'000;

    quint64 sum = 0;
    qint64 events = 0;

    void add(qint64 seqNo, const QUuid &entity, qint64 version)
    {
        // splitmix64's finaliser, chained over the event's fields
        const auto mix = [](quint64 x) {
            x += 0x9e3779b97f4a7c15ULL;
            x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
            x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
            return x ^ (x >> 31);
        };
        const quint64 high = (quint64(entity.data1) << 32) | (quint64(entity.data2) << 16) | entity.data3;
        quint64 low = 0;
        for (const uchar byte : entity.data4)
            low = (low << 8) | byte;
        sum += mix(mix(mix(mix(quint64(seqNo)) ^ high) ^ low) ^ quint64(version));
        ++events;
    }
    friend bool operator==(const ProjectionDigest &, const ProjectionDigest &) = default;
};

} // namespace Evented::Detail
