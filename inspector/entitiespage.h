#pragma once

#include <QSplitter>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class CommandPanel;
class EntitiesModel;
class EntityTypesModel;
class EventsModel;
class JsonView;
class ProgressStrip;
class ReplayPanel;

/*!
    The inspector's first tab: entity types above their entities on the left; on the right the
    selected entity's history with the selected event's JSON, its replay and its commands.
    Only the layout: InspectorWidget wires it.
*/
class EntitiesPage : public QSplitter
{
    Q_OBJECT
public:
    EntitiesPage(EntityTypesModel *types, EntitiesModel *entities, EventsModel *history, QWidget *parent = nullptr);

    QTableView *typesView;
    QLineEdit *entityFilter;
    QTableView *entitiesView;
    QTabWidget *entityTabs;
    QTableView *historyView;
    ProgressStrip *historyProgress;
    JsonView *historyJson;
    ReplayPanel *replay;
    CommandPanel *commands;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_typesLabel;
    QLabel *m_entitiesLabel;
};

} // namespace Evented::Inspector
