// eventedctl: the command-line tool over any store. See `eventedctl --help`.
//
// Exit codes: 0 success, 1 the command failed or found problems, 2 usage error.

#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/translations.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMetaEnum>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

#include <cstdio>
#include <functional>
#include <unistd.h>

using namespace Evented;

namespace {

struct Ctl
{
    Q_DECLARE_TR_FUNCTIONS(eventedctl)
};

constexpr int Ok = 0;
constexpr int Failed = 1; // the command failed or found problems
constexpr int Usage = 2;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    out().flush();
    err() << "eventedctl: " << message << Qt::endl;
    return Failed;
}

int usage(const QString &message)
{
    out().flush();
    err() << "eventedctl: " << message << '\n' << Ctl::tr("Try 'eventedctl --help'.") << Qt::endl;
    return Usage;
}

/*! \a url with migrate=false unless \a migrate, so that reading never changes a schema. */
QString withMigrate(const QString &url, bool migrate)
{
    QUrl u(url);
    QUrlQuery query(u);
    if (!migrate && !query.hasQueryItem(QStringLiteral("migrate")))
        query.addQueryItem(QStringLiteral("migrate"), QStringLiteral("false"));
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

/*! Opens \a url; an SQLite file must exist unless \a create. */
Error openStore(EventStore &store, const QString &url, bool create)
{
    const QUrl u(url);
    if (u.scheme() == u"sqlite" && !create && u.path() != u":memory:" && !QFileInfo::exists(u.path(QUrl::FullyDecoded)))
        return Error(Error::Kind::ConnectionFailed, Ctl::tr("no such database file: %1").arg(u.path(QUrl::FullyDecoded)));
    return store.open(withMigrate(url, create));
}

/*! Prints \a rows as columns under \a header. */
void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header[c].size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    auto print = [&](const QStringList &row) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (c + 1 == row.size())
                out() << row[c];
            else
                out() << row[c].leftJustified(widths[c]) << "  ";
        }
        out() << '\n';
    };
    print(header);
    for (const QStringList &row : rows)
        print(row);
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

/*! A progress bar on standard error when it is a terminal. */
class Progress
{
public:
    explicit Progress(qint64 total)
        : m_total(total)
        , m_terminal(isatty(STDERR_FILENO))
    {
    }
    void update(qint64 done)
    {
        if (!m_terminal || m_total <= 0)
            return;
        const int width = 40;
        const int filled = int(width * std::min(done, m_total) / m_total);
        err() << '\r' << '[' << QString(filled, u'#') << QString(width - filled, u' ') << "] " << done << '/' << m_total
              << Qt::flush;
    }
    ~Progress()
    {
        if (m_terminal && m_total > 0)
            err() << Qt::endl;
    }

private:
    qint64 m_total;
    bool m_terminal;
};

/*! The help of \a parser, naming the program as it is known. */
QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    return text.replace(QCoreApplication::arguments().constFirst(), QStringLiteral("eventedctl"));
}

using Command = std::function<int(EventStore &store, QCommandLineParser &parser, const QString &url)>;

struct CommandInfo
{
    QString name;
    QString description;
    QString arguments; // positional syntax for --help
    std::function<void(QCommandLineParser &)> options;
    bool createsStore = false;
    int minArgs = 0;
    int maxArgs = 0;
    Command run;
};

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

QList<CommandInfo> commands()
{
    QList<CommandInfo> list;
    list.append({QStringLiteral("migrate"), Ctl::tr("Create or upgrade the schema."), {}, {}, true, 0, 0,
                 [](EventStore &store, QCommandLineParser &, const QString &) {
                     out() << Ctl::tr("schema version %1").arg(store.schemaVersion().value()) << Qt::endl;
                     return Ok;
                 }});
    list.append({QStringLiteral("stats"), Ctl::tr("Events and entities per type, head seq_no, database size."), {}, {},
                 false, 0, 0, [](EventStore &store, QCommandLineParser &, const QString &) {
                     const auto stats = EventLog(&store).stats();
                     if (!stats)
                         return fail(stats.error().message());
                     QList<QStringList> rows;
                     for (const TypeStats &t : stats->types)
                         rows.append({t.typeName, QString::number(t.events), QString::number(t.entities)});
                     printTable({Ctl::tr("type"), Ctl::tr("events"), Ctl::tr("entities")}, rows);
                     out() << Ctl::tr("events: %1, head seq_no: %2, database size: %3 bytes")
                                  .arg(stats->events)
                                  .arg(stats->head)
                                  .arg(stats->databaseBytes)
                           << Qt::endl;
                     return Ok;
                 }});
    list.append({QStringLiteral("entities"), Ctl::tr("Entities with their version and last change."), {},
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("type"), Ctl::tr("Only entities of type <T>."), QStringLiteral("T")});
                 },
                 false, 0, 0, [](EventStore &store, QCommandLineParser &p, const QString &) {
                     const auto entities = EventLog(&store).entities(p.value(QStringLiteral("type")));
                     if (!entities)
                         return fail(entities.error().message());
                     QList<QStringList> rows;
                     for (const EntitySummary &e : entities.value())
                         rows.append({e.typeName, e.id.toString(QUuid::WithoutBraces), QString::number(e.version),
                                      time(e.lastChange)});
                     printTable({Ctl::tr("type"), Ctl::tr("id"), Ctl::tr("version"), Ctl::tr("last change")}, rows);
                     return Ok;
                 }});
    list.append({QStringLiteral("events"), Ctl::tr("Events in seq_no order, as a table or JSON lines."), {},
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("type"), Ctl::tr("Only events of entity type <T>."), QStringLiteral("T")});
                     p.addOption({QStringLiteral("entity"), Ctl::tr("Only events of entity <ID>."), QStringLiteral("ID")});
                     p.addOption({QStringLiteral("event"), Ctl::tr("Only events named <NAME>."), QStringLiteral("NAME")});
                     p.addOption({QStringLiteral("from"), Ctl::tr("From seq_no <SEQ>."), QStringLiteral("SEQ")});
                     p.addOption({QStringLiteral("to"), Ctl::tr("Up to seq_no <SEQ>."), QStringLiteral("SEQ")});
                     p.addOption({QStringLiteral("json"), Ctl::tr("Print JSON lines (the export format).")});
                 },
                 false, 0, 0, [](EventStore &store, QCommandLineParser &p, const QString &) {
                     EventFilter filter;
                     filter.typeName = p.value(QStringLiteral("type"));
                     filter.eventName = p.value(QStringLiteral("event"));
                     if (p.isSet(QStringLiteral("entity"))) {
                         filter.entityId = QUuid::fromString(p.value(QStringLiteral("entity")));
                         if (filter.entityId.isNull())
                             return usage(Ctl::tr("--entity needs a UUID"));
                     }
                     for (const auto &[name, field] : {std::pair{QStringLiteral("from"), &filter.fromSeqNo},
                                                        std::pair{QStringLiteral("to"), &filter.toSeqNo}}) {
                         if (!p.isSet(name))
                             continue;
                         bool ok = false;
                         *field = p.value(name).toLongLong(&ok);
                         if (!ok || *field < 1)
                             return usage(Ctl::tr("--%1 needs a positive seq_no").arg(name));
                     }
                     const bool json = p.isSet(QStringLiteral("json"));
                     QList<QStringList> rows;
                     const Error error = EventLog(&store).read(filter, [&](const RecordedEvent &e) {
                         if (json)
                             out() << EventLog::toJsonLine(e) << '\n';
                         else
                             rows.append({QString::number(e.seqNo), e.typeName, e.entityId.toString(QUuid::WithoutBraces),
                                          QString::number(e.version), e.eventName, time(e.recordedAt),
                                          QString::fromUtf8(Json::compact(e.event))});
                         return true;
                     });
                     if (!json)
                         printTable({Ctl::tr("seq_no"), Ctl::tr("type"), Ctl::tr("entity"), Ctl::tr("version"),
                                     Ctl::tr("event"), Ctl::tr("recorded at"), Ctl::tr("data")},
                                    rows);
                     out().flush();
                     return error.isError() ? fail(error.message()) : Ok;
                 }});
    list.append({QStringLiteral("projections"), Ctl::tr("Projections with position, lag, state, error."), {}, {}, false,
                 0, 0, [](EventStore &store, QCommandLineParser &, const QString &) {
                     const auto states = ProjectionState::read(&store);
                     if (!states)
                         return fail(states.error().message());
                     QList<QStringList> rows;
                     for (const ProjectionState &s : states.value())
                         rows.append({s.name, QString::number(s.seqNo), QString::number(s.lag),
                                      QString::fromLatin1(QMetaEnum::fromType<ProjectionState::Status>().valueToKey(
                                          int(s.status))),
                                      s.waitingOnPid ? Ctl::tr("pid %1").arg(s.waitingOnPid) : QString(),
                                      s.errorSeqNo >= 0 ? Ctl::tr("at %1: %2").arg(s.errorSeqNo).arg(s.error) : s.error});
                     printTable({Ctl::tr("name"), Ctl::tr("position"), Ctl::tr("lag"), Ctl::tr("state"),
                                 Ctl::tr("waiting on"), Ctl::tr("error")},
                                rows);
                     return Ok;
                 }});
    list.append({QStringLiteral("projection-reset"),
                 Ctl::tr("Set projection NAME back to the beginning (its view is left as it is)."),
                 QStringLiteral("NAME"), {}, false, 1, 1,
                 [](EventStore &store, QCommandLineParser &p, const QString &) {
                     Projection projection(&store, p.positionalArguments().at(0));
                     const Error error = projection.reset(false);
                     if (error.isError())
                         return fail(error.message());
                     out() << Ctl::tr("projection %1 reset").arg(projection.name()) << Qt::endl;
                     return Ok;
                 }});
    list.append({QStringLiteral("export"), Ctl::tr("Write all events as JSON lines to FILE (default: standard output)."),
                 QStringLiteral("[FILE]"), {}, false, 0, 1,
                 [](EventStore &store, QCommandLineParser &p, const QString &) {
                     QFile file;
                     if (!p.positionalArguments().isEmpty()) {
                         file.setFileName(p.positionalArguments().at(0));
                         if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                             return fail(Ctl::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
                     } else if (!file.open(stdout, QIODevice::WriteOnly)) {
                         return fail(file.errorString());
                     }
                     out().flush();
                     const Error error = EventLog(&store).read({}, [&](const RecordedEvent &e) {
                         return file.write(EventLog::toJsonLine(e) + '\n') > 0;
                     });
                     file.close();
                     return error.isError() ? fail(error.message()) : Ok;
                 }});
    list.append({QStringLiteral("import"),
                 Ctl::tr("Add the events of JSON lines from FILE (default: standard input); all or nothing, "
                         "and events already there are skipped."),
                 QStringLiteral("[FILE]"), {}, true, 0, 1,
                 [](EventStore &store, QCommandLineParser &p, const QString &) {
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
                 }});
    list.append({QStringLiteral("copy"),
                 Ctl::tr("Copy the whole store to the store at --to URL, resuming after the last event there."), {},
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("to"), Ctl::tr("The target store."), QStringLiteral("URL")});
                 },
                 false, 0, 0, [](EventStore &store, QCommandLineParser &p, const QString &) {
                     if (!p.isSet(QStringLiteral("to")))
                         return usage(Ctl::tr("copy needs --to URL"));
                     EventStore target;
                     if (const Error error = openStore(target, p.value(QStringLiteral("to")), true); error.isError())
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
                     const Error read = EventLog(&store).read(from, [&](const RecordedEvent &e) {
                         batch.append(e);
                         return batch.size() < 1000 || flush();
                     });
                     if (!error.isError() && !read.isError() && !batch.isEmpty())
                         flush();
                     if (read.isError() || error.isError())
                         return fail((read.isError() ? read : error).message());
                     out() << Ctl::tr("copied %1 events").arg(copied) << Qt::endl;
                     return Ok;
                 }});
    list.append({QStringLiteral("verify"),
                 Ctl::tr("Check version continuity, JSON and the event envelope; exit 1 on any problem."), {}, {},
                 false, 0, 0, [](EventStore &store, QCommandLineParser &, const QString &) {
                     const auto problems = EventLog(&store).verify();
                     if (!problems)
                         return fail(problems.error().message());
                     for (const StoreProblem &problem : problems.value())
                         out() << Ctl::tr("seq_no %1: %2").arg(problem.seqNo).arg(problem.message) << '\n';
                     if (!problems->isEmpty()) {
                         out() << Ctl::tr("problems found: %1").arg(problems->size()) << Qt::endl;
                         return Failed;
                     }
                     out() << Ctl::tr("no problems found") << Qt::endl;
                     return Ok;
                 }});
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventedctl"));
    Evented::installTranslations(QLocale(), QStringLiteral("eventedctl"));
    const QList<CommandInfo> all = commands();

    QCommandLineParser global;
    global.setApplicationDescription(Ctl::tr("Inspect and manage an event store."));
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption urlOption(QStringLiteral("url"), Ctl::tr("The store (default: $EVENTED_URL)."),
                                       QStringLiteral("URL"));
    global.addOption(urlOption);
    const QCommandLineOption helpOption = global.addHelpOption();
    QString commandList;
    for (const CommandInfo &c : all)
        commandList += u"\n  " + c.name.leftJustified(18) + c.description;
    global.addPositionalArgument(QStringLiteral("command"), Ctl::tr("One of:") + commandList, QStringLiteral("COMMAND [ARGS]"));
    if (!global.parse(app.arguments()))
        return usage(global.errorText());
    const QStringList rest = global.positionalArguments();
    if (rest.isEmpty()) {
        if (global.isSet(helpOption)) {
            out() << helpText(global);
            return Ok;
        }
        return usage(Ctl::tr("no command given"));
    }
    const auto command = std::find_if(all.begin(), all.end(), [&](const CommandInfo &c) { return c.name == rest.first(); });
    if (command == all.end())
        return usage(Ctl::tr("unknown command %1").arg(rest.first()));

    QCommandLineParser parser;
    parser.setApplicationDescription(command->description);
    parser.addHelpOption();
    parser.addPositionalArgument(command->name, command->description,
                                 command->arguments.isEmpty() ? command->name : command->name + u' ' + command->arguments);
    if (command->options)
        command->options(parser);
    if (!parser.parse(rest))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help")) || global.isSet(helpOption)) {
        out() << helpText(parser).replace(QStringLiteral("[options] ") + command->name,
                                          QStringLiteral("[--url URL] ") + command->name + QStringLiteral(" [options]"))
              << '\n' << Ctl::tr("The store is given by --url URL before the command, or $EVENTED_URL.")
              << '\n';
        return Ok;
    }
    // parse() took the command's name for the program's: what is left are its arguments.
    const qsizetype args = parser.positionalArguments().size();
    if (args < command->minArgs || args > command->maxArgs)
        return usage(Ctl::tr("wrong number of arguments for %1").arg(command->name));

    const QString url = global.isSet(urlOption) ? global.value(urlOption) : qEnvironmentVariable("EVENTED_URL");
    if (url.isEmpty())
        return usage(Ctl::tr("no store: give --url URL or set EVENTED_URL"));
    EventStore store;
    if (const Error error = openStore(store, url, command->createsStore); error.isError())
        return fail(error.message());
    return command->run(store, parser, url);
}
