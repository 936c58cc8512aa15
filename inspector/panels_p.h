#pragma once

// The panels of the inspector widget. Private: their widgets are found by object name.

#include <evented/domain.h>
#include <evented/eventstore.h>

#include <QFrame>
#include <QJsonValue>
#include <QPlainTextEdit>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSlider;
class QTableView;
class QToolButton;
class QPushButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

class ProjectionsModel;

/*! A table view as the inspector shows them: whole rows selected, one at a time. */
QTableView *tableView(const QString &objectName, QAbstractItemModel *model, QWidget *parent);

/*! A line above the views: an error (with its kind's details) or a notice; closable. */
class Banner : public QFrame
{
    Q_OBJECT
public:
    explicit Banner(QWidget *parent = nullptr);
    void showError(const Error &error);
    void showNotice(const QString &text);
    QString text() const;

private:
    QLabel *m_text;
};

/*! Writes from the inspector first make sure the domain's views and listeners exist. */
using PrepareWrites = std::function<Error()>;

/*! Read-only, indented, monospaced JSON. */
class JsonView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);
    void setJson(const QJsonValue &value);
};

/*! The differences between two states, one line each ("value: 3 → 5"). */
QString stateDifference(const QJsonValue &before, const QJsonValue &after);

/*! Steps through one entity's history, showing the state after each version. */
class ReplayPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayPanel(QWidget *parent = nullptr);
    /*! The entity's events in version order, and the domain code of its type (none: null). */
    void setHistory(const QString &typeName, const QList<RecordedEvent> &events, const EntityTypeInfo *type);
    /*! Shows the state after \a version (0: before the first event). */
    void showVersion(qint64 version);
    qint64 version() const { return m_version; }
    QJsonValue state() const { return m_state; }

private:
    void update();

    QString m_typeName;
    QList<RecordedEvent> m_events;
    std::optional<EntityTypeInfo> m_type; // a copy: the domain it came from may be replaced
    qint64 m_version = 0;
    QJsonValue m_state;
    std::unique_ptr<StateFolder> m_folder; // the state after m_folded events
    qint64 m_folded = 0;
    QToolButton *m_first, *m_back, *m_forward, *m_last;
    QSlider *m_slider;
    QLabel *m_position;
    QLabel *m_note;
    JsonView *m_stateView;
    QPlainTextEdit *m_difference;
    JsonView *m_eventView;
};

/*! The commands of one entity type, a form for the chosen one, and the outcome of running it. */
class CommandPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CommandPanel(QWidget *parent = nullptr);
    void setStore(EventStore *store, const Domain *domain, bool readOnly);
    /*! The entity a command runs on; a null id (or "new entity") makes a new one. */
    void setEntity(const QString &typeName, const QUuid &id, qint64 version);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }
    /*! Runs the chosen command with the form's values. */
    void run();

Q_SIGNALS:
    void applied(const QList<Evented::RecordedEvent> &events);

private:
    void rebuildForm();
    void updateEnabled();
    bool readParameters(QJsonObject *parameters, QString *why) const;

    QPointer<EventStore> m_store;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    QString m_typeName;
    QUuid m_id;
    qint64 m_version = 0;
    QComboBox *m_commands;
    QCheckBox *m_newEntity;
    QLineEdit *m_idEdit;
    QWidget *m_form;
    QFormLayout *m_formLayout;
    QList<QPair<CommandParameter, QWidget *>> m_editors;
    QPushButton *m_run;
    QLabel *m_note;
    QPlainTextEdit *m_outcome;
};

/*! Every projection's state, refreshed while shown, with a rebuild. */
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectionsPanel(ProjectionsModel *model, QWidget *parent = nullptr);
    void setStore(EventStore *store, const Domain *domain, bool readOnly);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }

public Q_SLOTS:
    void refresh();
    /*! Resets the selected projection and runs it here until it has caught up (after a confirmation). */
    void rebuildSelected(bool confirm = true);

Q_SIGNALS:
    void failed(const Evented::Error &error);

private:
    ProjectionsModel *m_model;
    QPointer<EventStore> m_store;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    QTableView *m_view;
    QPushButton *m_rebuild;
};

} // namespace Evented::Inspector
