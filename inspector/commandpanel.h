#pragma once

#include "preparewrites.h"

#include <evented/domain.h>

#include <functional>

#include <QFuture>
#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

class StoreReader;

/*!
    The commands of one entity type, a form for the chosen one, and the outcome of running it.
    A command runs on the shown store's worker thread (EventStore::runAsync()), with that
    store's listeners, as the application's own commands do; the outcome is shown when it comes.

    A parameter that names an entity (a QUuid) is an editable list of the entities of the
    command's entity type, read through the StoreReader, which still takes any typed id.
*/
class CommandPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CommandPanel(QWidget *parent = nullptr);
    void setStore(EventStore *store, const Domain *domain, bool readOnly);
    /*! Where the entities that entity parameters offer are read; none: the ids are typed. */
    void setReader(StoreReader *reader);
    /*! The entity a command runs on; a null id (or "new entity") makes a new one. */
    void setEntity(const QString &typeName, const QUuid &id, qint64 version);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }
    /*! Called after a command applied, before its outcome is shown: what it returns finishes
        once the views show the new events, so that the outcome and the views agree. */
    void setShowWrites(std::function<QFuture<int>()> show) { m_showWrites = std::move(show); }
    /*! Runs the chosen command with the form's values; the outcome follows. */
    void run();
    /*! A command runs and its outcome has not come yet. */
    bool isRunning() const { return m_answered != m_asked; }

Q_SIGNALS:
    void applied(const QList<Evented::RecordedEvent> &events);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildForm();
    /*! Reads the entities the entity parameters offer, and shows them when they come. */
    void loadEntityChoices();
    void updateEnabled();
    /*! Sets the labels and buttons' texts in the language in use. */
    void retranslateUi();
    bool readParameters(QJsonObject *parameters, QString *why) const;
    struct Ran;
    void showOutcome(const Ran &ran, const QString &name, bool isNew);

    QPointer<EventStore> m_store;
    QPointer<StoreReader> m_reader;
    quint64 m_choicesAsked = 0; //!< reads of entity choices: only the last one's are shown
    quint64 m_asked = 0;    //!< commands sent
    quint64 m_answered = 0; //!< outcomes shown, or dropped with their store
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    std::function<QFuture<int>()> m_showWrites;
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
    QLabel *m_commandLabel;
    QLabel *m_entityLabel;
    QLabel *m_outcomeLabel;
};

} // namespace Evented::Inspector
