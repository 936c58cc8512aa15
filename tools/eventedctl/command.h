#pragma once

// eventedctl's commands as data (name, help, arguments, options, how the store is opened and
// what runs), and the helpers they share. main.cpp parses the command line and dispatches.

#include <evented/error.h>
#include <evented/eventstore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSocketNotifier>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QUuid>

#include <functional>
#include <memory>

namespace Evented {
class Domain;
struct CommandOptions;
struct DomainResult;
}

namespace EventedCtl {

using namespace Evented;

/*! The translation context of every message of eventedctl. */
struct Ctl
{
    Q_DECLARE_TR_FUNCTIONS(eventedctl)
};

/*! Exit codes. */
constexpr int Ok = 0;
constexpr int Failed = 1; //!< the command failed or found problems
constexpr int Usage = 2;

/*! How a command opens the store given by --url or $EVENTED_URL. */
enum class StoreUse {
    None,     //!< needs no store: run gets one that is not open
    Existing, //!< reads or writes a current store, never changes its schema nor creates one
    Migrated, //!< creates the store or upgrades its schema on open
    ReadOnly, //!< only reads: opened read-only (read_only=true), so that nothing can be written
};

/*! One command of eventedctl: what --help says of it, what it takes and what it runs. */
struct Command
{
    QString name = {};
    QString help = {};      //!< one sentence, in the list of commands and atop the command's help
    QString arguments = {}; //!< the positional syntax for --help, e.g. "TYPE ID"; empty: none
    int minArguments = 0;
    int maxArguments = 0;
    std::function<void(QCommandLineParser &)> options = {}; //!< adds the command's own options
    StoreUse store = StoreUse::Existing;
    /*! Options of the store's URL that the command's own options ask for (name, value). */
    std::function<QList<std::pair<QString, QString>>(const QCommandLineParser &options)> urlOptions = {};
    bool usesPlugins = false; //!< works with the domain plugins (--plugin-path)
    /*! Runs it on the opened store with the parsed options; returns the exit code. */
    std::function<int(EventStore &store, const QCommandLineParser &options)> run = {};
};

// The commands, by topic; main.cpp lists them in the order --help shows them.
Command migrateCommand();  // store.cpp
Command statsCommand();
Command entitiesCommand();
Command verifyCommand();
Command commandsPruneCommand();
Command eventsCommand();   // events.cpp
Command projectionsCommand(); // projections.cpp
Command projectionResetCommand();
Command parkedCommand();
Command exportCommand();   // transfer.cpp
Command importCommand();
Command copyCommand();
Command pluginsCommand();  // domain.cpp
Command stateCommand();
Command sendCommand();
Command runCommand();
Command rebuildCommand();
Command checkHistoryCommand(); // history.cpp
Command upgradeEventsCommand();
Command snapshotsCommand();
Command snapshotCommand();
Command snapshotClearCommand();
Command linkCommand();     // sync.cpp
Command syncCommand();
Command syncStatusCommand();

/*! The directories given with --plugin-path, searched before the others (domain.cpp). */
QStringList &extraPluginPaths();
/*! The union of the domains of the plugins found, loaded on first use (domain.cpp). */
const Domain &pluginDomain();
/*! Ok when a loaded plugin knows entity type \a type; otherwise fails, naming the known ones. */
int checkEntityType(const Domain &domain, const QString &type);
/*! Fails, saying so, when no plugin provides an entity type; Ok otherwise. */
int checkAnyEntityType(const Domain &domain);
/*! Makes \a store's reads of events show the current shapes of the plugins' entity types. */
void readCurrentShapes(EventStore &store);
/*! Runs the setup steps of \a domain on \a store, so that the views and listeners the domains
    need (a uniqueness check, say) exist before anything is written; Ok, or fails saying why. */
int setUpDomains(const Domain &domain, EventStore &store);

/*! Handles a command as Domain::handle() does; on a store linked to an upstream, through its
    SyncLink, so that it is recorded for sync (sync.cpp). */
DomainResult handleOnStore(const Domain &domain, EventStore &store, const QString &type, const QUuid &id, const QString &name,
                           const QJsonObject &parameters, qint64 expectedVersion, const CommandOptions &options);

QTextStream &out();
QTextStream &err();
/*! Prints "eventedctl: message" on standard error; returns Failed. */
int fail(const QString &message);
/*! Prints the usage error and where help is; returns Usage. */
int usage(const QString &message);

/*!
    Opens \a url; with StoreUse::Existing with migrate=false (unless the URL says otherwise),
    so that reading never changes a schema nor makes a missing SQLite file; with
    StoreUse::ReadOnly also with read_only=true.
*/
Error openStore(EventStore &store, const QString &url, StoreUse use, const QList<std::pair<QString, QString>> &options = {});

/*! Prints \a rows as columns under \a header. */
void printTable(const QStringList &header, const QList<QStringList> &rows);
/*! Prints one \a row of a table whose columns have \a widths (the last column is not padded). */
void printRow(const QStringList &row, const QList<qsizetype> &widths);
/*! A time as the tables show it: UTC, ISO 8601 with milliseconds. */
QString time(const QDateTime &t);

/*! A progress bar on standard error when it is a terminal; nothing otherwise. */
class Progress
{
public:
    explicit Progress(qint64 total = 0);
    ~Progress();
    Progress(const Progress &) = delete;
    Progress &operator=(const Progress &) = delete;

    /*! Shows \a done of the total. */
    void update(qint64 done);
    /*! Shows \a done of \a total, which may have changed. */
    void update(qint64 done, qint64 total);

private:
    qint64 m_total;
    bool m_terminal;
    bool m_shown = false;
};

/*!
    Turns SIGTERM and SIGINT into quitting the event loop, so that a command that runs until
    stopped ends cleanly (and long work that runs no event loop can ask stopRequested() between
    steps); the handler only sets a flag and writes a byte on a pipe. The default handling is
    restored on destruction. Needs the application object.
*/
class StopSignals
{
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    bool isValid() const;
    /*! Whether SIGTERM or SIGINT came since construction: for work that checks between steps
        instead of running an event loop. */
    bool stopRequested() const;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace EventedCtl
