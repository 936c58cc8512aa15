// Counts in an event-sourced Counter: loads it, handles a few commands, shows the stored
// events and what a rejection looks like.
//
//   evented-counter [URL] [COUNTER-ID]
//
// URL defaults to $EVENTED_URL. Run it twice with the same id to see the history grow.

#include "counter.h"

#include <evented/eventstore.h>
#include <evented/translations.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

using namespace CounterDomain;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Evented::installTranslations(QLocale(), QStringLiteral("evented-counter"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    const QString url = args.value(1, qEnvironmentVariable("EVENTED_URL"));
    const QUuid id = args.size() > 2 ? QUuid::fromString(args.at(2)) : QUuid::createUuid();
    if (url.isEmpty() || id.isNull()) {
        err << QCoreApplication::translate("counter", "usage: evented-counter [URL] [COUNTER-ID]") << '\n';
        return 2;
    }

    Evented::EventStore store;
    if (const Evented::Error error = store.open(url); error.isError()) {
        err << error.message() << '\n';
        return 1;
    }
    QObject::connect(&store, &Evented::EventStore::eventsCommitted, &store,
                     [&out](const QList<Evented::RecordedEvent> &events) {
                         for (const auto &e : events)
                             out << QCoreApplication::translate("counter", "  committed #%1 v%2 %3")
                                        .arg(e.seqNo)
                                        .arg(e.version)
                                        .arg(QString::fromUtf8(QJsonDocument(e.event.toObject()).toJson(
                                            QJsonDocument::Compact)))
                                 << '\n';
                     });

    auto counter = store.load<Counter>(id);
    if (!counter) {
        err << counter.error().message() << '\n';
        return 1;
    }
    out << QCoreApplication::translate("counter", "counter %1 at version %2, value %3")
               .arg(id.toString(QUuid::WithoutBraces))
               .arg(counter->version())
               .arg(counter->state().value)
        << '\n';

    for (const quint64 inc : {40, 2}) {
        const auto result = store.handle(counter.value(), Increase{inc});
        if (!result.isApplied()) {
            err << result.error().message() << '\n';
            return 1;
        }
    }
    const auto decreased = store.handle(counter.value(), Decrease{counter->state().value + 1});
    if (decreased.isRejected())
        out << QCoreApplication::translate("counter", "rejected: cannot decrease %1 by %2")
                   .arg(decreased.rejection().value)
                   .arg(decreased.rejection().dec)
            << '\n';
    out << QCoreApplication::translate("counter", "counter %1 now at version %2, value %3")
               .arg(id.toString(QUuid::WithoutBraces))
               .arg(counter->version())
               .arg(counter->state().value)
        << '\n';
    return 0;
}
