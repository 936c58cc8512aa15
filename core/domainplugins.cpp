#include <evented/domainplugins.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>

namespace Evented {

class DomainPluginsPrivate
{
public:
    Domain domain;
    QList<PluginRecord> records;
};

DomainPlugins::DomainPlugins()
    : d_ptr(std::make_unique<DomainPluginsPrivate>())
{
}

DomainPlugins::~DomainPlugins() = default;
DomainPlugins::DomainPlugins(const DomainPlugins &other)
    : d_ptr(std::make_unique<DomainPluginsPrivate>(*other.d_ptr))
{
}

DomainPlugins &DomainPlugins::operator=(const DomainPlugins &other)
{
    *d_ptr = *other.d_ptr;
    return *this;
}

const Domain &DomainPlugins::domain() const
{
    Q_D(const DomainPlugins);
    return d->domain;
}

const QList<PluginRecord> &DomainPlugins::records() const
{
    Q_D(const DomainPlugins);
    return d->records;
}

QStringList DomainPlugins::searchPath(const QStringList &extra)
{
    QStringList directories = extra;
    const QString fromEnvironment = qEnvironmentVariable("EVENTED_PLUGIN_PATH");
    for (const QString &directory : fromEnvironment.split(QDir::listSeparator(), Qt::SkipEmptyParts))
        directories.append(directory);
    // Beside the program in the build tree (build/plugins), or as installed (lib/evented/plugins).
    const QString appDir = QCoreApplication::applicationDirPath();
    directories.append(appDir + QStringLiteral("/../plugins"));
    directories.append(appDir + QStringLiteral("/../lib/evented/plugins"));
    QStringList unique;
    for (const QString &directory : std::as_const(directories)) {
        const QString canonical = QDir(directory).canonicalPath();
        if (!canonical.isEmpty() && !unique.contains(canonical))
            unique.append(canonical);
    }
    return unique;
}

void DomainPlugins::load(const QStringList &directories)
{
    Q_D(DomainPlugins);
    for (const QString &directory : directories) {
        const QDir dir(directory);
        const QStringList files = dir.entryList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QString &file : files) {
            const QString path = dir.absoluteFilePath(file);
            if (!QLibrary::isLibrary(path))
                continue;
            PluginRecord record;
            record.fileName = path;
            QPluginLoader loader(path);
            const QJsonObject meta = loader.metaData();
            const QJsonObject own = meta.value(QLatin1StringView("MetaData")).toObject();
            record.name = own.value(QLatin1StringView("name")).toString(QFileInfo(path).baseName());
            record.description = own.value(QLatin1StringView("description")).toString();
            const QString iid = meta.value(QLatin1StringView("IID")).toString();
            const int apiVersion = own.value(QLatin1StringView("apiVersion")).toInt(-1);
            if (iid != QLatin1StringView(EventedDomainPlugin_iid)) {
                record.status = PluginRecord::Status::NotADomain;
                record.why = meta.isEmpty() ? tr("not a Qt plugin") : tr("a plugin of another interface (%1)").arg(iid);
            } else if (apiVersion != DomainPlugin::apiVersion) {
                record.status = PluginRecord::Status::WrongVersion;
                record.why = tr("built for plugin interface version %1, this program has version %2")
                                 .arg(apiVersion)
                                 .arg(DomainPlugin::apiVersion);
            } else if (auto *plugin = qobject_cast<DomainPlugin *>(loader.instance())) {
                const Domain domain = plugin->domain();
                for (const EntityTypeInfo &type : domain.entityTypes())
                    record.entityTypes.append(type.typeName);
                for (const ProjectionInfo &projection : domain.projections())
                    record.projections.append(projection.name);
                if (const Error error = d->domain.merge(domain); error.isError()) {
                    record.status = PluginRecord::Status::Conflict;
                    record.why = error.message();
                } else {
                    record.status = PluginRecord::Status::Loaded;
                }
            } else {
                record.status = PluginRecord::Status::LoadFailed;
                record.why = loader.errorString();
            }
            d->records.append(record);
        }
    }
}

} // namespace Evented

namespace Evented {

QString PluginRecord::statusText(Status status)
{
    switch (status) {
    case Status::Loaded:
        return DomainPlugins::tr("loaded");
    case Status::NotADomain:
        return DomainPlugins::tr("not a domain plugin");
    case Status::WrongVersion:
        return DomainPlugins::tr("wrong interface version");
    case Status::LoadFailed:
        return DomainPlugins::tr("cannot be loaded");
    case Status::Conflict:
        return DomainPlugins::tr("conflicts with another plugin");
    }
    return {};
}

} // namespace Evented
