#include "entitiespage.h"

#include "commandpanel.h"
#include "jsonview.h"
#include "progressstrip.h"
#include "replaypanel.h"
#include "viewhelpers.h"

#include <evented/inspector/models.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Evented::Inspector {

namespace {

/*! \a widget under \a label, in a box of its own. */
QWidget *labelled(QLabel *label, QWidget *widget, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(widget, 1);
    return box;
}

} // namespace

EntitiesPage::EntitiesPage(EntityTypesModel *types, EntitiesModel *entities, EventsModel *history, QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
{
    setObjectName(QStringLiteral("entitiesTab"));
    auto *left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(QStringLiteral("entities.split"));
    typesView = tableView(QStringLiteral("types"), types, left);
    m_typesLabel = new QLabel(left);
    left->addWidget(labelled(m_typesLabel, typesView, left));

    auto *entitiesBox = new QWidget(left);
    auto *entitiesLayout = new QVBoxLayout(entitiesBox);
    entitiesLayout->setContentsMargins(0, 0, 0, 0);
    entityFilter = new QLineEdit(entitiesBox);
    entityFilter->setObjectName(QStringLiteral("entities.filter"));
    entityFilter->setClearButtonEnabled(true);
    entitiesView = tableView(QStringLiteral("entities"), entities, entitiesBox);
    entitiesView->horizontalHeader()->setSortIndicator(EntitiesModel::Id, Qt::AscendingOrder);
    entitiesView->horizontalHeader()->resizeSection(
        EntitiesModel::Id, entitiesView->fontMetrics().horizontalAdvance(QStringLiteral("00000000-0000-0000-0000-000000000000")) + 24);
    entitiesView->setSortingEnabled(true);
    m_entitiesLabel = new QLabel(entitiesBox);
    entitiesLayout->addWidget(m_entitiesLabel);
    entitiesLayout->addWidget(entityFilter);
    entitiesLayout->addWidget(entitiesView, 1);
    left->addWidget(entitiesBox);
    left->setStretchFactor(1, 3);

    entityTabs = new QTabWidget(this);
    entityTabs->setObjectName(QStringLiteral("entityTabs"));
    auto *historyBox = new QWidget(entityTabs);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyProgress = new ProgressStrip(historyBox);
    historyProgress->setObjectName(QStringLiteral("history.progress"));
    auto *historySplit = new QSplitter(Qt::Vertical, historyBox);
    historySplit->setObjectName(QStringLiteral("history.split"));
    historyView = tableView(QStringLiteral("history"), history, historySplit);
    for (int column : {EventsModel::Type, EventsModel::EntityId})
        historyView->hideColumn(column);
    historyJson = new JsonView(historySplit);
    historyJson->setObjectName(QStringLiteral("history.json"));
    historySplit->addWidget(historyView);
    historySplit->addWidget(historyJson);
    historyLayout->addWidget(historyProgress);
    historyLayout->addWidget(historySplit, 1);
    entityTabs->addTab(historyBox, QIcon(QStringLiteral(":/evented/icons/history.svg")), QString());
    replay = new ReplayPanel(entityTabs);
    replay->setObjectName(QStringLiteral("replay"));
    entityTabs->addTab(replay, QIcon(QStringLiteral(":/evented/icons/replay.svg")), QString());
    commands = new CommandPanel(entityTabs);
    commands->setObjectName(QStringLiteral("commands"));
    entityTabs->addTab(commands, QIcon(QStringLiteral(":/evented/icons/run.svg")), QString());
    setStretchFactor(1, 2);
    setSizes({480, 720});
    retranslateUi();
}

void EntitiesPage::retranslateUi()
{
    m_typesLabel->setText(tr("Entity types"));
    entityFilter->setPlaceholderText(tr("Filter by id…"));
    m_entitiesLabel->setText(tr("Entities"));
    entityTabs->setTabText(0, tr("History"));
    entityTabs->setTabText(entityTabs->indexOf(replay), tr("Replay"));
    entityTabs->setTabText(entityTabs->indexOf(commands), tr("Commands"));
}

void EntitiesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QSplitter::changeEvent(event);
}

} // namespace Evented::Inspector
