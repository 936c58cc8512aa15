// The commands over the stored projection states: projections, projection-reset.

#include "command.h"

#include <evented/projection.h>


namespace EventedCtl {

Command projectionsCommand()
{
    return {
        .name = QStringLiteral("projections"),
        .help = Ctl::tr("Projections with position, lag, state, error."),
        .run = [](EventStore &store, const QCommandLineParser &) {
            const auto states = ProjectionState::read(&store);
            if (!states)
                return fail(states.error().message());
            QList<QStringList> rows;
            for (const ProjectionState &s : states.value())
                rows.append({s.name, QString::number(s.seqNo), QString::number(s.lag),
                             ProjectionState::statusText(s.status),
                             s.waitingOnPid ? Ctl::tr("pid %1").arg(s.waitingOnPid) : QString(),
                             s.errorSeqNo >= 0 ? Ctl::tr("at %1: %2").arg(s.errorSeqNo).arg(s.error) : s.error});
            printTable({Ctl::tr("name"), Ctl::tr("position"), Ctl::tr("lag"), Ctl::tr("state"), Ctl::tr("waiting on"),
                        Ctl::tr("error")},
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

} // namespace EventedCtl
