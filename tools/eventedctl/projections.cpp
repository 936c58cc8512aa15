// The commands over the stored projection states: projections, projection-reset, parked.

#include "command.h"

#include <evented/domain.h>
#include <evented/json.h>
#include <evented/projection.h>


namespace EventedCtl {

Command projectionsCommand()
{
    return {
        .name = QStringLiteral("projections"),
        .help = Ctl::tr("Projections with position, lag, state, error; also those the plugins declare that never ran."),
        .usesPlugins = true,
        .run = [](EventStore &store, const QCommandLineParser &) {
            const Domain &domain = pluginDomain();
            const auto states = domain.projectionStates(&store);
            if (!states)
                return fail(states.error().message());
            QList<QStringList> rows;
            for (const ProjectionState &s : states.value())
                rows.append({s.name, QString::number(s.seqNo), QString::number(s.lag), s.statusLabel(),
                             s.waitingOnPid ? Ctl::tr("pid %1").arg(s.waitingOnPid) : QString(),
                             domain.projection(s.name) ? Ctl::tr("yes") : QString(),
                             s.errorSeqNo >= 0 ? Ctl::tr("at %1: %2").arg(s.errorSeqNo).arg(s.error) : s.error});
            printTable({Ctl::tr("name"), Ctl::tr("position"), Ctl::tr("lag"), Ctl::tr("state"), Ctl::tr("waiting on"),
                        Ctl::tr("in a plugin"), Ctl::tr("error")},
                       rows);
            return Ok;
        },
    };
}

Command projectionResetCommand()
{
    return {
        .name = QStringLiteral("projection-reset"),
        .help = Ctl::tr("Set projection NAME back to the beginning (its view is left as it is)."),
        .arguments = QStringLiteral("NAME"),
        .minArguments = 1,
        .maxArguments = 1,
        .run = [](EventStore &store, const QCommandLineParser &p) {
            Projection projection(&store, p.positionalArguments().at(0));
            const Error error = projection.reset(false);
            if (error.isError())
                return fail(error.message());
            out() << Ctl::tr("projection %1 reset").arg(projection.name()) << Qt::endl;
            return Ok;
        },
    };
}

namespace {

constexpr qsizetype shownEventChars = 60;

int listParked(EventStore &store, const QString &name)
{
    const Result<QList<ParkedEvent>> parked = Projection::parked(&store, name);
    if (!parked)
        return fail(parked.error().message());
    QList<QStringList> rows;
    for (const ParkedEvent &e : parked.value()) {
        QString event = QString::fromUtf8(Json::compact(e.event));
        if (event.size() > shownEventChars)
            event = event.left(shownEventChars - 1) + u'…';
        rows.append({e.projection, QString::number(e.seqNo), e.typeName, e.entityId.toString(QUuid::WithoutBraces), event,
                     time(e.parkedAt), QString::number(e.reruns), e.error});
    }
    if (rows.isEmpty()) {
        out() << (name.isEmpty() ? Ctl::tr("no parked events") : Ctl::tr("projection %1 has no parked events").arg(name))
              << Qt::endl;
        return Ok;
    }
    printTable({Ctl::tr("projection"), Ctl::tr("seq_no"), Ctl::tr("type"), Ctl::tr("entity"), Ctl::tr("event"),
                Ctl::tr("parked at"), Ctl::tr("re-runs"), Ctl::tr("error")},
               rows);
    return Ok;
}

/*! Re-runs the parked events of projection \a name with its plugin's handler: all, or the one at \a seqNo. */
int rerunParked(EventStore &store, const QString &name, qint64 seqNo)
{
    const Domain &domain = pluginDomain();
    const ProjectionInfo *info = domain.projection(name);
    if (!info)
        return fail(Ctl::tr("no domain plugin has a projection %1 to re-run its events with (see eventedctl plugins)").arg(name));
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    readCurrentShapes(store); // for an untyped handler
    Projection projection(&store, name);
    info->configure(projection, store);
    const Result<ParkedRerun> rerun = projection.rerunParked(seqNo);
    if (!rerun)
        return fail(rerun.error().message());
    out() << Ctl::tr("projection %1: %2 parked events applied, %3 failed again").arg(name).arg(rerun->applied).arg(rerun->failed)
          << Qt::endl;
    return rerun->failed > 0 ? Failed : Ok;
}

} // namespace

Command parkedCommand()
{
    return {
        .name = QStringLiteral("parked"),
        .help = Ctl::tr("The events projection NAME (default: every one) parked; with --rerun, apply them again."),
        .arguments = QStringLiteral("[NAME]"),
        .maxArguments = 1,
        .options = [](QCommandLineParser &p) {
            p.addOption({QStringLiteral("rerun"),
                         Ctl::tr("Run the handler of projection NAME from its plugin on its parked events again, each in a "
                                 "transaction of its own; one that fails again stays parked (exit 1).")});
            p.addOption({QStringLiteral("seq-no"), Ctl::tr("With --rerun, only the parked event <N>."), QStringLiteral("N")});
        },
        .usesPlugins = true,
        .run = [](EventStore &store, const QCommandLineParser &p) {
            const QString name = p.positionalArguments().value(0);
            if (!p.isSet(QStringLiteral("rerun"))) {
                if (p.isSet(QStringLiteral("seq-no")))
                    return usage(Ctl::tr("--seq-no needs --rerun"));
                return listParked(store, name);
            }
            if (name.isEmpty())
                return usage(Ctl::tr("--rerun needs the projection's NAME"));
            qint64 seqNo = 0;
            if (p.isSet(QStringLiteral("seq-no"))) {
                bool ok = false;
                seqNo = p.value(QStringLiteral("seq-no")).toLongLong(&ok);
                if (!ok || seqNo <= 0)
                    return usage(Ctl::tr("--seq-no takes a seq_no above 0: %1").arg(p.value(QStringLiteral("seq-no"))));
            }
            return rerunParked(store, name, seqNo);
        },
    };
}

} // namespace EventedCtl
