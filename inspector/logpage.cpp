#include "logpage.h"

#include "jsonview.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Evented::Inspector {

LogPage::LogPage(EventsModel *log, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("logTab"));
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    logType = new QComboBox(this);
    logType->setObjectName(QStringLiteral("log.type"));
    logEntity = new QLineEdit(this);
    logEntity->setObjectName(QStringLiteral("log.entity"));
    logEntity->setPlaceholderText(tr("Entity id"));
    logEntity->setClearButtonEnabled(true);
    logEvent = new QLineEdit(this);
    logEvent->setObjectName(QStringLiteral("log.event"));
    logEvent->setPlaceholderText(tr("Event name"));
    logEvent->setClearButtonEnabled(true);
    filters->addWidget(new QLabel(tr("Type"), this));
    filters->addWidget(logType);
    filters->addWidget(logEntity, 2);
    filters->addWidget(logEvent, 1);
    layout->addLayout(filters);
    auto *split = new QSplitter(Qt::Vertical, this);
    logView = tableView(QStringLiteral("log"), log, split);
    logJson = new JsonView(split);
    logJson->setObjectName(QStringLiteral("log.json"));
    split->addWidget(logView);
    split->addWidget(logJson);
    layout->addWidget(split, 1);
}

} // namespace Evented::Inspector
