#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class EventsModel;
class JsonView;

/*!
    The inspector's event log tab: filters (type, entity, event name) above the events, newest
    first, and the selected event's JSON. Only the layout: InspectorWidget wires it.
*/
class LogPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogPage(EventsModel *log, QWidget *parent = nullptr);

    QComboBox *logType;
    QLineEdit *logEntity;
    QLineEdit *logEvent;
    QTableView *logView;
    JsonView *logJson;
};

} // namespace Evented::Inspector
