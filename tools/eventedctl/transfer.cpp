// The commands that move events between stores and files: export, import, copy.

#include "command.h"

#include <evented/eventlog.h>

#include <QFile>

namespace EventedCtl {

namespace {

int readLines(QIODevice &input, QList<RecordedEvent> &events)
{
    qint64 number = 0;
    while (!input.atEnd()) {
        const QByteArray line = input.readLine().trimmed();
        ++number;
        if (line.isEmpty())
            continue;
        Result<RecordedEvent> event = EventLog::fromJsonLine(line);
        if (!event)
            return fail(Ctl::tr("line %1: %2").arg(number).arg(event.error().message()));
        events.append(std::move(event).value());
    }
    return Ok;
}

int exportEvents(EventStore &store, const QCommandLineParser &p)
{
    QFile file;
    if (!p.positionalArguments().isEmpty()) {
        file.setFileName(p.positionalArguments().at(0));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(Ctl::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    } else if (!file.open(stdout, QIODevice::WriteOnly)) {
        return fail(file.errorString());
    }
    // The stored bytes unless asked for the current shapes, which only the plugins' code knows.
    const bool upcast = p.isSet(QStringLiteral("upcast"));
    if (upcast)
        readCurrentShapes(store);
    EventLog log(&store);
    log.setUpcast(upcast);
    out().flush();
    const Error error = log.read({}, [&](const RecordedEvent &e) {
        return file.write(EventLog::toJsonLine(e) + '\n') > 0;
    });
    file.close();
    return error.isError() ? fail(error.message()) : Ok;
}

int importEvents(EventStore &store, const QCommandLineParser &p)
{
    QFile file;
    if (!p.positionalArguments().isEmpty()) {
        file.setFileName(p.positionalArguments().at(0));
        if (!file.open(QIODevice::ReadOnly))
            return fail(Ctl::tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    } else if (!file.open(stdin, QIODevice::ReadOnly)) {
        return fail(file.errorString());
    }
    QList<RecordedEvent> events;
    if (const int status = readLines(file, events); status != Ok)
        return status;
    const auto added = EventLog(&store).import(events);
    if (!added)
        return fail(added.error().message());
    out() << Ctl::tr("imported %1 of %2 events").arg(added.value()).arg(events.size()) << Qt::endl;
    return Ok;
}

int copyEvents(EventStore &store, const QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("to")))
        return usage(Ctl::tr("copy needs --to URL"));
    EventStore target;
    if (const Error error = openStore(target, p.value(QStringLiteral("to")), StoreUse::Migrated); error.isError())
        return fail(error.message());
    const auto source = EventLog(&store).stats();
    const auto already = EventLog(&target).stats();
    if (!source || !already)
        return fail((!source ? source : already).error().message());
    // Batches commit one by one: an interrupted copy resumes after the target's head.
    Progress progress(source->head);
    EventLog log(&target);
    QList<RecordedEvent> batch;
    qint64 copied = 0;
    Error error;
    auto flush = [&] {
        const auto added = log.import(batch);
        if (!added) {
            error = added.error();
            return false;
        }
        copied += added.value();
        progress.update(batch.last().seqNo);
        batch.clear();
        return true;
    };
    EventFilter from;
    from.fromSeqNo = already->head + 1;
    EventLog reader(&store);
    reader.setUpcast(false); // a copy keeps the stored bytes and versions
    const Error read = reader.read(from, [&](const RecordedEvent &e) {
        batch.append(e);
        return batch.size() < 1000 || flush();
    });
    if (!error.isError() && !read.isError() && !batch.isEmpty())
        flush();
    if (read.isError() || error.isError())
        return fail((read.isError() ? read : error).message());
    out() << Ctl::tr("copied %1 events").arg(copied) << Qt::endl;

    // The snapshots after the events, so that each one's version is there: a history check of
    // the copy compares them too.
    QList<StoredSnapshot> snapshots;
    qint64 snapshotsCopied = 0;
    const auto flushSnapshots = [&] {
        const auto added = log.importSnapshots(snapshots);
        if (!added) {
            error = added.error();
            return false;
        }
        snapshotsCopied += added.value();
        snapshots.clear();
        return true;
    };
    const Error readSnapshots = reader.readSnapshots([&](const StoredSnapshot &snapshot) {
        snapshots.append(snapshot);
        return snapshots.size() < 1000 || flushSnapshots();
    });
    if (!error.isError() && !readSnapshots.isError() && !snapshots.isEmpty())
        flushSnapshots();
    if (readSnapshots.isError() || error.isError())
        return fail((readSnapshots.isError() ? readSnapshots : error).message());
    out() << Ctl::tr("copied %1 snapshots").arg(snapshotsCopied) << Qt::endl;
    return Ok;
}

} // namespace

Command exportCommand()
{
    return {
        .name = QStringLiteral("export"),
        .help = Ctl::tr("Write all events as JSON lines to FILE (default: standard output)."),
        .arguments = QStringLiteral("[FILE]"),
        .maxArguments = 1,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("upcast"),
                         Ctl::tr("Write the events in the current shapes and versions of the plugins' code instead of "
                                 "as stored (an event no upcaster takes there fails the export).")});
        },
        .usesPlugins = true, // with --upcast only
        .run = exportEvents,
    };
}

Command importCommand()
{
    return {
        .name = QStringLiteral("import"),
        .help = Ctl::tr("Add the events of JSON lines from FILE (default: standard input); all or nothing, "
                        "and events already there are skipped."),
        .arguments = QStringLiteral("[FILE]"),
        .maxArguments = 1,
        .store = StoreUse::Migrated,
        .run = importEvents,
    };
}

Command copyCommand()
{
    return {
        .name = QStringLiteral("copy"),
        .help = Ctl::tr("Copy the whole store (events as stored, then snapshots) to the store at --to URL, resuming after "
                        "the last event there."),
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("to"), Ctl::tr("The target store."), QStringLiteral("URL")});
        },
        .run = copyEvents,
    };
}

} // namespace EventedCtl
