#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class EventsModel;
class JsonView;

/*!
    The inspector's event log tab: filters (type, entity, event name, correlation, command, a
    search in the events' JSON) above the events, newest first, and the selected event's JSON with buttons that show the
    events of its command and of its correlation. Only the layout: InspectorWidget wires it.
*/
class LogPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogPage(EventsModel *log, QWidget *parent = nullptr);

    QComboBox *logType;
    QLineEdit *logEntity;
    QLineEdit *logEvent;
    QLineEdit *logCorrelation; //!< EventFilter::correlationId
    QLineEdit *logCommand;     //!< EventFilter::causationId: the command's id
    QLineEdit *logContains;    //!< EventFilter::eventContains: a JSON object
    QPushButton *logSameCommand;     //!< the selected event's command's events
    QPushButton *logSameCorrelation; //!< the selected event's correlation's events
    QTableView *logView;
    JsonView *logJson;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_typeLabel;
};

} // namespace Evented::Inspector
