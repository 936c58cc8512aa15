#pragma once

#include <evented/domainplugins.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QDialog>

namespace Evented::Inspector {

/*! What became of each domain plugin, and where they were looked for. */
class EVENTED_INSPECTOR_EXPORT PluginsDialog : public QDialog
{
    Q_OBJECT
public:
    PluginsDialog(const QList<PluginRecord> &records, const QStringList &searchPath, QWidget *parent = nullptr);
};

} // namespace Evented::Inspector
