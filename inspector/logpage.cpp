#include "logpage.h"

#include "jsonview.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>

#include <QComboBox>
#include <QEvent>
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
    logEntity->setClearButtonEnabled(true);
    logEvent = new QLineEdit(this);
    logEvent->setObjectName(QStringLiteral("log.event"));
    logEvent->setClearButtonEnabled(true);
    logCorrelation = new QLineEdit(this);
    logCorrelation->setObjectName(QStringLiteral("log.correlation"));
    logCorrelation->setClearButtonEnabled(true);
    logCommand = new QLineEdit(this);
    logCommand->setObjectName(QStringLiteral("log.command"));
    logCommand->setClearButtonEnabled(true);
    logContains = new QLineEdit(this);
    logContains->setObjectName(QStringLiteral("log.contains"));
    logContains->setClearButtonEnabled(true);
    m_typeLabel = new QLabel(this);
    filters->addWidget(m_typeLabel);
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
    logSameCommand = new QPushButton(details);
    logSameCommand->setObjectName(QStringLiteral("log.sameCommand"));
    logSameCorrelation = new QPushButton(details);
    logSameCorrelation->setObjectName(QStringLiteral("log.sameCorrelation"));
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
    retranslateUi();
}

void LogPage::retranslateUi()
{
    m_typeLabel->setText(tr("Type"));
    logEntity->setPlaceholderText(tr("Entity id"));
    logEvent->setPlaceholderText(tr("Event name"));
    logCorrelation->setPlaceholderText(tr("Correlation id"));
    logCorrelation->setToolTip(tr("Only the events of one conversation: a chain of commands and the events they appended"));
    logCommand->setPlaceholderText(tr("Command id"));
    logCommand->setToolTip(tr("Only the events one command appended (their causation id)"));
    logContains->setPlaceholderText(tr("Event contains JSON"));
    logContains->setToolTip(tr("Only the events whose JSON contains this object, for example {\"Increased\": {\"inc\": 5}}: "
                               "each key given with the value given; an array given matches an array that has its elements"));
    logSameCommand->setText(tr("Events of its command"));
    logSameCommand->setToolTip(tr("Show the events the command that appended the selected event appended"));
    logSameCorrelation->setText(tr("Events of its correlation"));
    logSameCorrelation->setToolTip(tr("Show the events of the selected event's conversation"));
}

void LogPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace Evented::Inspector
