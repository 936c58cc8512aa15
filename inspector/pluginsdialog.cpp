#include <evented/inspector/pluginsdialog.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Evented::Inspector {

PluginsDialog::PluginsDialog(const QList<PluginRecord> &records, const QStringList &searchPath, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Domain plugins"));
    auto *table = new QTableWidget(int(records.size()), 5, this);
    table->setObjectName(QStringLiteral("plugins"));
    table->setHorizontalHeaderLabels({tr("Plugin"), tr("State"), tr("Entity types"), tr("Projections"), tr("File")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < records.size(); ++row) {
        const PluginRecord &record = records.at(row);
        const QString status = record.status == PluginRecord::Status::Loaded
            ? PluginRecord::statusText(record.status)
            : tr("%1: %2").arg(PluginRecord::statusText(record.status), record.why);
        const QString cells[] = {record.name, status, record.entityTypes.join(QStringLiteral(", ")),
                                 record.projections.join(QStringLiteral(", ")), record.fileName};
        for (int column = 0; column < 5; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(column == 0 ? record.description : cells[column]);
            table->setItem(row, column, item);
        }
    }
    table->resizeColumnsToContents();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table, 1);
    auto *path = new QLabel(tr("Searched: %1 (and the directories in EVENTED_PLUGIN_PATH)")
                                .arg(searchPath.isEmpty() ? tr("no directory") : searchPath.join(QStringLiteral(", "))),
                            this);
    path->setWordWrap(true);
    layout->addWidget(path);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 320);
}

} // namespace Evented::Inspector
