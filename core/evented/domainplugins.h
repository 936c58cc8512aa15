#pragma once

#include <evented/domain.h>
#include <evented/evented_core_export.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Evented {

/*! What became of one plugin file. */
struct EVENTED_CORE_EXPORT PluginRecord
{
    enum class Status {
        Loaded,        //!< its domain is in DomainPlugins::domain()
        NotADomain,    //!< a Qt plugin of another interface, or not a Qt plugin at all
        WrongVersion,  //!< built against another DomainPlugin::apiVersion
        LoadFailed,    //!< the library could not be loaded (missing symbols, wrong Qt…)
        Conflict,      //!< defines an entity type, command or projection already defined
    };
    QString fileName;
    QString name;        //!< from its metadata
    QString description; //!< from its metadata
    Status status = Status::NotADomain;
    QString why;         //!< for anything but Loaded
    QStringList entityTypes;
    QStringList projections;

    /*! \a status for people, translated ("loaded"). */
    static QString statusText(Status status);
};

/*!
    Finds and loads domain plugins. Each directory is searched for shared libraries; a
    library's metadata is read before it is loaded, so another program's plugins and plugins
    of another interface version are never loaded. Loaded plugins stay loaded.
*/
class DomainPluginsPrivate;

class EVENTED_CORE_EXPORT DomainPlugins
{
    Q_DECLARE_TR_FUNCTIONS(Evented::DomainPlugins)
    Q_DECLARE_PRIVATE(DomainPlugins)
public:
    DomainPlugins();
    ~DomainPlugins();
    DomainPlugins(const DomainPlugins &other);
    DomainPlugins &operator=(const DomainPlugins &other);

    /*!
        The directories to search, in order: \a extra, then those in \c EVENTED_PLUGIN_PATH
        (separated by ':' on Unix), then the application's own plugin directory.
    */
    static QStringList searchPath(const QStringList &extra = {});

    /*! Loads the plugins found in \a directories (missing directories are skipped). */
    void load(const QStringList &directories);

    /*! The union of the loaded plugins' domains. */
    const Domain &domain() const;
    /*! One record per plugin file looked at, in the order they were found. */
    const QList<PluginRecord> &records() const;

private:
    std::unique_ptr<DomainPluginsPrivate> d_ptr;
};

} // namespace Evented
