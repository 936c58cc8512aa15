#include "logpage.h"

#include "jsonview.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    logCorrelation = new QLineEdit(this);
    logCorrelation->setObjectName(QStringLiteral("log.correlation"));
    logCorrelation->setPlaceholderText(tr("Correlation id"));
    logCorrelation->setToolTip(tr("Only the events of one conversation: a chain of commands and the events they appended"));
    logCorrelation->setClearButtonEnabled(true);
    logCommand = new QLineEdit(this);
    logCommand->setObjectName(QStringLiteral("log.command"));
    logCommand->setPlaceholderText(tr("Command id"));
    logCommand->setToolTip(tr("Only the events one command appended (their causation id)"));
    logCommand->setClearButtonEnabled(true);
    logContains = new QLineEdit(this);
    logContains->setObjectName(QStringLiteral("log.contains"));
    logContains->setPlaceholderText(tr("Event contains JSON"));
    logContains->setToolTip(tr("Only the events whose JSON contains this object, for example {\"Increased\": {\"inc\": 5}}: "
                               "each key given with the value given; an array given matches an array that has its elements"));
    logContains->setClearButtonEnabled(true);
    filters->addWidget(new QLabel(tr("Type"), this));
    filters->addWidget(logType);
    filters->addWidget(logEntity, 2);
    filters->addWidget(logEvent, 1);
    filters->addWidget(logCorrelation, 2);
    filters->addWidget(logCommand, 2);
    layout->addLayout(filters);
    layout->addWidget(logContains);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("log.split"));
    logView = tableView(QStringLiteral("log"), log, split);
    auto *details = new QWidget(split);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto *related = new QHBoxLayout;
    logSameCommand = new QPushButton(tr("Events of its command"), details);
    logSameCommand->setObjectName(QStringLiteral("log.sameCommand"));
    logSameCommand->setToolTip(tr("Show the events the command that appended the selected event appended"));
    logSameCorrelation = new QPushButton(tr("Events of its correlation"), details);
    logSameCorrelation->setObjectName(QStringLiteral("log.sameCorrelation"));
    logSameCorrelation->setToolTip(tr("Show the events of the selected event's conversation"));
    logSameCommand->setEnabled(false);
    logSameCorrelation->setEnabled(false);
    related->addWidget(logSameCommand);
    related->addWidget(logSameCorrelation);
    related->addStretch(1);
    logJson = new JsonView(details);
    logJson->setObjectName(QStringLiteral("log.json"));
    detailsLayout->addLayout(related);
    detailsLayout->addWidget(logJson, 1);
    split->addWidget(logView);
    split->addWidget(details);
    layout->addWidget(split, 1);
}

} // namespace Evented::Inspector
