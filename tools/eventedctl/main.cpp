// eventedctl: the command-line tool over any store. See `eventedctl --help`.
//
// Exit codes: 0 success, 1 the command failed or found problems, 2 usage error.
//
// This file parses the command line and dispatches to the table of commands (command.h);
// the commands themselves are in files by topic.

#include "command.h"

#include <evented/translations.h>

#include <QLocale>

using namespace EventedCtl;

namespace {

/*! Every command, in the order --help lists them. */
QList<Command> commands()
{
    return {migrateCommand(), statsCommand(), entitiesCommand(), eventsCommand(),
            projectionsCommand(), projectionResetCommand(), parkedCommand(),
            exportCommand(), importCommand(), copyCommand(), verifyCommand(), commandsPruneCommand(),
            pluginsCommand(), stateCommand(), sendCommand(), runCommand(), rebuildCommand(),
            checkHistoryCommand(), upgradeEventsCommand(),
            snapshotsCommand(), snapshotCommand(), snapshotClearCommand(),
            linkCommand(), syncCommand(), syncStatusCommand()};
}

/*! The help of \a parser, naming the program as it is known. */
QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    return text.replace(QCoreApplication::arguments().constFirst(), QStringLiteral("eventedctl"));
}

/*! The help of one command, with the global options it uses. */
QString commandHelp(const QCommandLineParser &parser, const Command &command)
{
    const bool needsStore = command.store != StoreUse::None;
    QString globals;
    if (needsStore)
        globals += QStringLiteral("[--url URL] ");
    if (command.usesPlugins)
        globals += QStringLiteral("[--plugin-path DIR] ");
    QString text = helpText(parser).replace(QStringLiteral("[options] ") + command.name,
                                            globals + command.name + QStringLiteral(" [options]"));
    text += u'\n';
    if (needsStore)
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
    const QList<Command> all = commands();

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
    for (const Command &c : all)
        commandList += u"\n  " + c.name.leftJustified(18) + c.help;
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
    const auto command = std::find_if(all.begin(), all.end(), [&](const Command &c) { return c.name == rest.first(); });
    if (command == all.end())
        return usage(Ctl::tr("unknown command %1").arg(rest.first()));

    QCommandLineParser parser;
    parser.setApplicationDescription(command->help);
    parser.addHelpOption();
    parser.addPositionalArgument(command->name, command->help,
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
    if (args < command->minArguments || args > command->maxArguments)
        return usage(Ctl::tr("wrong number of arguments for %1").arg(command->name));

    extraPluginPaths() = global.values(pluginPathOption);
    EventStore store;
    if (command->store != StoreUse::None) {
        const QString url = global.isSet(urlOption) ? global.value(urlOption) : qEnvironmentVariable("EVENTED_URL");
        if (url.isEmpty())
            return usage(Ctl::tr("no store: give --url URL or set EVENTED_URL"));
        const QList<std::pair<QString, QString>> options = command->urlOptions ? command->urlOptions(parser)
                                                                               : QList<std::pair<QString, QString>>();
        if (const Error error = openStore(store, url, command->store, options); error.isError())
            return fail(error.message());
    }
    return command->run(store, parser);
}
