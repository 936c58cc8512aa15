// eventedctl: the command-line tool over any store. See `eventedctl --help`.
//
// Exit codes: 0 success, 1 the command failed or found problems, 2 usage error.

#include <evented/domain.h>
#include <evented/domainplugins.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/projection.h>
#include <evented/translations.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>
#include <vector>

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

/*!
    Opens \a url; without \a create with migrate=false (unless the URL says otherwise), so that
    reading never changes a schema nor makes a missing SQLite file.
*/
Error openStore(EventStore &store, const QString &url, bool create)
{
    QUrl u(url);
    QUrlQuery query(u);
    if (!create && !query.hasQueryItem(QStringLiteral("migrate")))
        query.addQueryItem(QStringLiteral("migrate"), QStringLiteral("false"));
    u.setQuery(query);
    return store.open(u.toString(QUrl::FullyEncoded));
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

struct Subcommand
{
    QString name;
    QString description;
    QString arguments; // positional syntax for --help
    std::function<void(QCommandLineParser &)> options;
    bool createsStore = false;
    int minArgs = 0;
    int maxArgs = 0;
    Command run;
    bool needsStore = true;   // otherwise run gets a store that is not open
    bool usesPlugins = false; // the command works with the domain plugins' domain
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

// Domain plugins.

/*! The directories given with --plugin-path, searched before the others. */
QStringList &extraPluginPaths()
{
    static QStringList directories;
    return directories;
}

/*! The directories searched for domain plugins, in order. */
QStringList pluginSearchPath()
{
    return DomainPlugins::searchPath(extraPluginPaths());
}

/*! The domain plugins, loaded on first use. */
const DomainPlugins &plugins()
{
    static const DomainPlugins loaded = [] {
        DomainPlugins found;
        found.load(pluginSearchPath());
        return found;
    }();
    return loaded;
}

/*! What became of a plugin file, for people. */
QString statusText(PluginRecord::Status status)
{
    switch (status) {
    case PluginRecord::Status::Loaded:
        return Ctl::tr("loaded");
    case PluginRecord::Status::NotADomain:
        return Ctl::tr("not a domain plugin");
    case PluginRecord::Status::WrongVersion:
        return Ctl::tr("wrong version");
    case PluginRecord::Status::LoadFailed:
        return Ctl::tr("cannot be loaded");
    case PluginRecord::Status::Conflict:
        return Ctl::tr("conflict");
    }
    return {};
}

/*! The commands of \a domain with their parameters and defaults, as send takes them. */
void printCommands(const Domain &domain)
{
    QList<QStringList> rows;
    for (const EntityTypeInfo &type : domain.entityTypes()) {
        for (const CommandInfo &command : domain.commands(type.typeName)) {
            QJsonObject defaults;
            for (const CommandParameter &parameter : command.parameters)
                defaults.insert(parameter.name, parameter.defaultValue);
            rows.append({type.typeName, command.name, QString::fromUtf8(Json::compact(defaults))});
        }
    }
    if (rows.isEmpty())
        return;
    out() << '\n';
    printTable({Ctl::tr("type"), Ctl::tr("command"), Ctl::tr("parameters (defaults)")}, rows);
}

/*! The plugins command: each plugin file found, the commands of the loaded domains, the search path. */
int listPlugins(EventStore &, QCommandLineParser &, const QString &)
{
    const DomainPlugins &found = plugins();
    if (found.records().isEmpty()) {
        out() << Ctl::tr("no plugin files found") << '\n';
    } else {
        QList<QStringList> rows;
        for (const PluginRecord &record : found.records())
            rows.append({record.fileName, record.name, statusText(record.status),
                         record.entityTypes.join(QStringLiteral(", ")), record.projections.join(QStringLiteral(", ")),
                         record.why});
        printTable({Ctl::tr("file"), Ctl::tr("name"), Ctl::tr("status"), Ctl::tr("entity types"),
                    Ctl::tr("projections"), Ctl::tr("why")},
                   rows);
    }
    printCommands(found.domain());
    out() << '\n' << Ctl::tr("searched: %1").arg(pluginSearchPath().join(QDir::listSeparator())) << Qt::endl;
    return Ok;
}

/*! Ok when a loaded plugin knows entity type \a type; otherwise fails, naming the known ones. */
int checkEntityType(const Domain &domain, const QString &type)
{
    if (domain.entityType(type))
        return Ok;
    QStringList known;
    for (const EntityTypeInfo &info : domain.entityTypes())
        known.append(info.typeName);
    if (known.isEmpty())
        return fail(Ctl::tr("no domain plugin knows the entity type %1: none was found (see eventedctl plugins)").arg(type));
    return fail(Ctl::tr("no domain plugin knows the entity type %1 (known: %2)").arg(type, known.join(QStringLiteral(", "))));
}

/*! Ok when entity type \a type has command \a name; otherwise fails, naming its commands. */
int checkCommand(const Domain &domain, const QString &type, const QString &name)
{
    if (domain.command(type, name))
        return Ok;
    QStringList known;
    for (const CommandInfo &info : domain.commands(type))
        known.append(info.name);
    return fail(Ctl::tr("the entity type %1 has no command %2 (known: %3)").arg(type, name, known.join(QStringLiteral(", "))));
}

/*!
    Runs the setup steps of \a domain on \a store, so that the views and listeners the domains
    need (a uniqueness check, say) exist before anything is written.
*/
int setUpDomains(const Domain &domain, EventStore &store)
{
    if (const Error error = domain.setUp(store); error.isError())
        return fail(Ctl::tr("cannot set up the domains: %1").arg(error.message()));
    return Ok;
}

/*! Reads option \a name, when set, as a version (0 or more) into \a version; false when it is not one. */
bool readVersion(const QCommandLineParser &p, const QString &name, qint64 *version)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    *version = p.value(name).toLongLong(&ok);
    return ok && *version >= 0;
}

/*! The state command: the state of one entity as JSON on one line, then the version reached. */
int showState(EventStore &store, QCommandLineParser &p, const QString &)
{
    const QStringList args = p.positionalArguments();
    const QString &type = args.at(0);
    const QUuid id = QUuid::fromString(args.at(1));
    if (id.isNull())
        return usage(Ctl::tr("the entity id must be a UUID: %1").arg(args.at(1)));
    qint64 version = -1;
    if (!readVersion(p, QStringLiteral("version"), &version))
        return usage(Ctl::tr("--version needs a version of 0 or more"));
    const Domain &domain = plugins().domain();
    if (const int status = checkEntityType(domain, type); status != Ok)
        return status;
    const auto replayed = domain.replay(store, type, id, version);
    if (!replayed)
        return fail(replayed.error().message());
    out() << Json::compact(replayed->state) << '\n' << Ctl::tr("version %1").arg(replayed->version) << Qt::endl;
    return Ok;
}

/*! The JSON object of a command's parameters in \a text; none, with \a why, when it is not one. */
std::optional<QJsonObject> parseParameters(const QString &text, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        *why = Ctl::tr("the parameters are not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *why = Ctl::tr("the parameters must be a JSON object");
        return std::nullopt;
    }
    return document.object();
}

/*! The send command: the new events as JSON lines; a rejection or an error on standard error. */
int sendCommand(EventStore &store, QCommandLineParser &p, const QString &)
{
    const QStringList args = p.positionalArguments();
    const QString &type = args.at(0);
    const QString &name = args.at(2);
    const QUuid id = QUuid::fromString(args.at(1));
    if (id.isNull())
        return usage(Ctl::tr("the entity id must be a UUID: %1").arg(args.at(1)));
    QJsonObject parameters;
    if (args.size() > 3) {
        QString why;
        const std::optional<QJsonObject> parsed = parseParameters(args.at(3), &why);
        if (!parsed)
            return usage(why);
        parameters = *parsed;
    }
    qint64 expectedVersion = -1;
    if (!readVersion(p, QStringLiteral("expect-version"), &expectedVersion))
        return usage(Ctl::tr("--expect-version needs a version of 0 or more"));

    const Domain &domain = plugins().domain();
    if (const int status = checkEntityType(domain, type); status != Ok)
        return status;
    if (const int status = checkCommand(domain, type, name); status != Ok)
        return status;
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    const DomainOutcome outcome = domain.handle(store, type, id, name, parameters, expectedVersion);
    switch (outcome.kind) {
    case DomainOutcome::Kind::Applied:
        for (const RecordedEvent &event : outcome.events)
            out() << EventLog::toJsonLine(event) << '\n';
        out().flush();
        return Ok;
    case DomainOutcome::Kind::Rejected:
        return fail(Ctl::tr("rejected: %1 %2").arg(outcome.rejectionName, QString::fromUtf8(Json::compact(outcome.rejection))));
    case DomainOutcome::Kind::Failed:
        break;
    }
    return fail(outcome.error.message());
}

/*!
    Turns SIGTERM and SIGINT into a byte on a pipe, so that the event loop can stop cleanly;
    the handler does nothing else. The default handling is restored on destruction.
*/
class StopSignals
{
public:
    StopSignals()
    {
        if (::pipe(s_pipe) != 0) {
            s_pipe[0] = s_pipe[1] = -1;
            return;
        }
        std::signal(SIGTERM, &StopSignals::handle);
        std::signal(SIGINT, &StopSignals::handle);
    }
    ~StopSignals()
    {
        if (!isValid())
            return;
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGINT, SIG_DFL);
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
        s_pipe[0] = s_pipe[1] = -1;
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    bool isValid() const { return s_pipe[0] >= 0; }
    /*! Readable once a signal arrived. */
    int fileDescriptor() const { return s_pipe[0]; }

private:
    static void handle(int)
    {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(s_pipe[1], &byte, 1);
    }
    static inline int s_pipe[2] = {-1, -1};
};

/*! One line for the state of projection \a name: status, position, lag, and an error when there is one. */
QString stateLine(const QString &name, const ProjectionState &state)
{
    const QString status =
        QString::fromLatin1(QMetaEnum::fromType<ProjectionState::Status>().valueToKey(int(state.status)));
    const QString line = Ctl::tr("%1: %2, position %3, lag %4").arg(name, status).arg(state.seqNo).arg(state.lag);
    return state.error.isEmpty() ? line : Ctl::tr("%1: %2").arg(line, state.error);
}

/*!
    Runs the projections \a names of \a domain on \a store until SIGTERM or SIGINT (exit 0), or
    until every one of them has failed (exit 1), printing their changes of state.
*/
int hostProjections(EventStore &store, const Domain &domain, const QStringList &names)
{
    StopSignals stopSignals;
    if (!stopSignals.isValid())
        return fail(Ctl::tr("cannot watch for signals: %1").arg(qt_error_string()));
    std::vector<std::unique_ptr<Projection>> projections;
    const auto allFailed = [&projections] {
        return std::all_of(projections.begin(), projections.end(), [](const std::unique_ptr<Projection> &p) {
            return p->state().status == ProjectionState::Status::Failed;
        });
    };
    for (const QString &name : names) {
        auto projection = std::make_unique<Projection>(&store, name);
        domain.projection(name)->configure(*projection, store);
        Projection *raw = projection.get();
        QObject::connect(raw, &Projection::stateChanged, raw,
                         [raw, allFailed, last = QString()](const ProjectionState &state) mutable {
                             const QString line = stateLine(raw->name(), state);
                             if (line != last)
                                 out() << line << Qt::endl;
                             last = line;
                             if (state.status == ProjectionState::Status::Failed && allFailed())
                                 QCoreApplication::exit(Failed);
                         });
        projections.push_back(std::move(projection));
    }
    QSocketNotifier notifier(stopSignals.fileDescriptor(), QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&notifier] {
        char byte;
        [[maybe_unused]] const ssize_t drained = ::read(int(notifier.socket()), &byte, 1);
        QCoreApplication::quit();
    });
    out() << Ctl::tr("running projections: %1").arg(names.join(QStringLiteral(", "))) << Qt::endl;
    for (const std::unique_ptr<Projection> &projection : projections)
        projection->start();
    const int status = QCoreApplication::exec();
    for (const std::unique_ptr<Projection> &projection : projections) {
        projection->stop();
        out() << stateLine(projection->name(), projection->state()) << '\n';
    }
    out().flush();
    return status;
}

/*! The run command: the projections named with --projection, or all of the plugins' projections. */
int runProjections(EventStore &store, QCommandLineParser &p, const QString &)
{
    const Domain &domain = plugins().domain();
    QStringList names = p.values(QStringLiteral("projection"));
    for (const QString &name : std::as_const(names)) {
        if (!domain.projection(name))
            return usage(Ctl::tr("no domain plugin has a projection %1").arg(name));
    }
    if (names.isEmpty()) {
        for (const ProjectionInfo &info : domain.projections())
            names.append(info.name);
    }
    if (names.isEmpty())
        return fail(Ctl::tr("no projections to run: no domain plugin has one (see eventedctl plugins)"));
    names.removeDuplicates();
    if (const int status = setUpDomains(domain, store); status != Ok)
        return status;
    return hostProjections(store, domain, names);
}

QList<Subcommand> commands()
{
    QList<Subcommand> list;
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
    list.append({QStringLiteral("plugins"),
                 Ctl::tr("The domain plugins found: status, entity types, projections, commands."),
                 {}, {}, false, 0, 0, listPlugins, false, true});
    list.append({QStringLiteral("state"),
                 Ctl::tr("The state of entity ID of type TYPE as JSON, and its version."),
                 QStringLiteral("TYPE ID"),
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("version"), Ctl::tr("The state after version <N> (default: after all events)."),
                                  QStringLiteral("N")});
                 },
                 false, 2, 2, showState, true, true});
    list.append({QStringLiteral("send"),
                 Ctl::tr("Handle COMMAND with the JSON object JSON-PARAMETERS on entity ID of type TYPE; "
                         "print the new events."),
                 QStringLiteral("TYPE ID COMMAND [JSON-PARAMETERS]"),
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("expect-version"),
                                  Ctl::tr("Handle it only if the entity is at version <N>, without retrying on a conflict."),
                                  QStringLiteral("N")});
                 },
                 true, 3, 4, sendCommand, true, true});
    list.append({QStringLiteral("run"),
                 Ctl::tr("Run the plugins' projections, printing their states, until SIGTERM or SIGINT."),
                 {},
                 [](QCommandLineParser &p) {
                     p.addOption({QStringLiteral("projection"),
                                  Ctl::tr("Run projection <NAME> (repeatable; default: all of them)."),
                                  QStringLiteral("NAME")});
                 },
                 true, 0, 0, runProjections, true, true});
    return list;
}

/*! The help of one command, with the global options it uses. */
QString commandHelp(const QCommandLineParser &parser, const Subcommand &command)
{
    QString globals;
    if (command.needsStore)
        globals += QStringLiteral("[--url URL] ");
    if (command.usesPlugins)
        globals += QStringLiteral("[--plugin-path DIR] ");
    QString text = helpText(parser).replace(QStringLiteral("[options] ") + command.name,
                                            globals + command.name + QStringLiteral(" [options]"));
    text += u'\n';
    if (command.needsStore)
        text += Ctl::tr("The store is given by --url URL before the command, or $EVENTED_URL.") + u'\n';
    if (command.usesPlugins)
        text += Ctl::tr("Domain plugins are looked for in each --plugin-path DIR before the command, then in "
                        "$EVENTED_PLUGIN_PATH, then beside the program.")
            + u'\n';
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventedctl"));
    Evented::installTranslations(QLocale(), QStringLiteral("eventedctl"));
    const QList<Subcommand> all = commands();

    QCommandLineParser global;
    global.setApplicationDescription(Ctl::tr("Inspect and manage an event store."));
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption urlOption(QStringLiteral("url"), Ctl::tr("The store (default: $EVENTED_URL)."),
                                       QStringLiteral("URL"));
    global.addOption(urlOption);
    const QCommandLineOption pluginPathOption(QStringLiteral("plugin-path"),
                                              Ctl::tr("Look for domain plugins in <DIR> first (repeatable)."),
                                              QStringLiteral("DIR"));
    global.addOption(pluginPathOption);
    const QCommandLineOption helpOption = global.addHelpOption();
    QString commandList;
    for (const Subcommand &c : all)
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
    const auto command = std::find_if(all.begin(), all.end(), [&](const Subcommand &c) { return c.name == rest.first(); });
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
        out() << commandHelp(parser, *command);
        return Ok;
    }
    // parse() took the command's name for the program's: what is left are its arguments.
    const qsizetype args = parser.positionalArguments().size();
    if (args < command->minArgs || args > command->maxArgs)
        return usage(Ctl::tr("wrong number of arguments for %1").arg(command->name));

    extraPluginPaths() = global.values(pluginPathOption);
    if (!command->needsStore) {
        EventStore none;
        return command->run(none, parser, {});
    }
    const QString url = global.isSet(urlOption) ? global.value(urlOption) : qEnvironmentVariable("EVENTED_URL");
    if (url.isEmpty())
        return usage(Ctl::tr("no store: give --url URL or set EVENTED_URL"));
    EventStore store;
    if (const Error error = openStore(store, url, command->createsStore); error.isError())
        return fail(error.message());
    return command->run(store, parser, url);
}
