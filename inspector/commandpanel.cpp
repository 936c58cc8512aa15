#include "commandpanel.h"

#include <evented/inspector/storereader.h>

#include <evented/eventlog.h>
#include <evented/json.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "viewhelpers.h"

namespace Evented::Inspector {

namespace {

bool isInteger(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::LongLong: case QMetaType::ULongLong:
    case QMetaType::Short: case QMetaType::UShort: case QMetaType::Long: case QMetaType::ULong:
        return true;
    default:
        return false;
    }
}

bool isUnsigned(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::UInt: case QMetaType::ULongLong: case QMetaType::UShort: case QMetaType::ULong:
        return true;
    default:
        return false;
    }
}

/*! At most this many entities are offered for an entity parameter; others are typed. */
constexpr int maxEntityChoices = 500;

} // namespace

CommandPanel::CommandPanel(QWidget *parent)
    : QWidget(parent)
    , m_commands(new QComboBox(this))
    , m_newEntity(new QCheckBox(this))
    , m_idEdit(new QLineEdit(this))
    , m_form(new QWidget(this))
    , m_formLayout(new QFormLayout(m_form))
    , m_run(new QPushButton(QIcon(QStringLiteral(":/evented/icons/run.svg")), QString(), this))
    , m_note(new QLabel(this))
    , m_outcome(new QPlainTextEdit(this))
    , m_commandLabel(new QLabel(this))
    , m_entityLabel(new QLabel(this))
    , m_outcomeLabel(new QLabel(this))
{
    m_commands->setObjectName(QStringLiteral("commands.list"));
    m_newEntity->setObjectName(QStringLiteral("commands.newEntity"));
    m_idEdit->setObjectName(QStringLiteral("commands.id"));
    m_run->setObjectName(QStringLiteral("commands.run"));
    m_note->setObjectName(QStringLiteral("commands.note"));
    m_note->setWordWrap(true);
    m_outcome->setObjectName(QStringLiteral("commands.outcome"));
    m_outcome->setReadOnly(true);
    m_outcome->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_idEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QFormLayout;
    top->addRow(m_commandLabel, m_commands);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_idEdit, 1);
    idRow->addWidget(m_newEntity);
    top->addRow(m_entityLabel, idRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_form);
    layout->addWidget(m_run, 0, Qt::AlignLeft);
    layout->addWidget(m_note);
    layout->addWidget(m_outcomeLabel);
    layout->addWidget(m_outcome, 1);

    connect(m_commands, &QComboBox::currentIndexChanged, this, &CommandPanel::rebuildForm);
    connect(m_newEntity, &QCheckBox::toggled, this, [this](bool on) {
        m_idEdit->setText(on ? QUuid::createUuid().toString(QUuid::WithoutBraces) : m_id.toString(QUuid::WithoutBraces));
        updateEnabled();
    });
    connect(m_run, &QPushButton::clicked, this, &CommandPanel::run);
    retranslateUi();
}

void CommandPanel::retranslateUi()
{
    m_newEntity->setText(tr("New entity"));
    m_run->setText(tr("Run"));
    m_commandLabel->setText(tr("Command"));
    m_entityLabel->setText(tr("Entity"));
    m_outcomeLabel->setText(tr("Outcome"));
    updateEnabled(); // the note
}

void CommandPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CommandPanel::setStore(EventStore *store, const Domain *domain, bool readOnly)
{
    m_store = store;
    m_answered = m_asked; // an outcome of the store before never comes
    m_domain = domain;
    m_readOnly = readOnly;
    setEntity({}, {}, 0);
}

void CommandPanel::setReader(StoreReader *reader)
{
    m_reader = reader;
    ++m_choicesAsked; // the choices of the reader before never come
    loadEntityChoices();
}

void CommandPanel::setEntity(const QString &typeName, const QUuid &id, qint64 version)
{
    const bool sameType = typeName == m_typeName;
    m_typeName = typeName;
    m_id = id;
    m_version = version;
    if (!m_newEntity->isChecked())
        m_idEdit->setText(id.isNull() ? QString() : id.toString(QUuid::WithoutBraces));
    if (!sameType || m_commands->count() == 0) {
        const QSignalBlocker block(m_commands);
        m_commands->clear();
        if (m_domain) {
            for (const CommandInfo &command : m_domain->commands(typeName))
                m_commands->addItem(command.title.isEmpty() ? command.name : command.title, command.name);
        }
        rebuildForm();
    }
    updateEnabled();
}

void CommandPanel::rebuildForm()
{
    while (m_formLayout->rowCount() > 0)
        m_formLayout->removeRow(0);
    m_editors.clear();
    const CommandInfo *command = m_domain ? m_domain->command(m_typeName, m_commands->currentData().toString()) : nullptr;
    if (command) {
        for (const CommandParameter &parameter : command->parameters) {
            QWidget *editor = nullptr;
            if (parameter.type.id() == QMetaType::Bool) {
                auto *check = new QCheckBox(m_form);
                check->setChecked(parameter.defaultValue.toBool());
                editor = check;
            } else if (parameter.type.id() == QMetaType::QUuid) {
                // An entity: one of the command's entity type, picked or typed.
                auto *picker = new QComboBox(m_form);
                picker->setEditable(true);
                picker->setInsertPolicy(QComboBox::NoInsert);
                picker->completer()->setCompletionMode(QCompleter::PopupCompletion);
                picker->completer()->setFilterMode(Qt::MatchContains);
                picker->completer()->setCaseSensitivity(Qt::CaseInsensitive);
                picker->lineEdit()->setPlaceholderText(tr("Entity id: pick one of the list or type it"));
                picker->lineEdit()->setClearButtonEnabled(true);
                picker->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
                if (const QUuid id = QUuid::fromString(parameter.defaultValue.toString()); !id.isNull())
                    picker->setEditText(id.toString(QUuid::WithoutBraces));
                else
                    picker->setEditText(QString());
                editor = picker;
            } else {
                auto *edit = new QLineEdit(m_form);
                if (isInteger(parameter.type)) {
                    edit->setValidator(new QRegularExpressionValidator(
                        QRegularExpression(isUnsigned(parameter.type) ? QStringLiteral("\\d+") : QStringLiteral("-?\\d+")), edit));
                    edit->setText(QString::number(parameter.defaultValue.toInteger()));
                } else if (parameter.type.id() == QMetaType::QString || parameter.type.id() == QMetaType::QUuid) {
                    edit->setText(parameter.defaultValue.toString());
                } else {
                    edit->setText(QString::fromUtf8(Json::compact(parameter.defaultValue)));
                    edit->setToolTip(tr("JSON"));
                }
                editor = edit;
            }
            editor->setObjectName(u"param." + parameter.name);
            // The parameter's name, and its C++ type for the developer who wrote the command.
            auto *label = new QLabel(tr("%1 (%2)").arg(parameter.name, QString::fromLatin1(parameter.type.name())), m_form);
            label->setBuddy(editor);
            m_formLayout->addRow(label, editor);
            m_editors.append({parameter, editor});
        }
    }
    loadEntityChoices();
    updateEnabled();
}

void CommandPanel::loadEntityChoices()
{
    bool hasPicker = false;
    for (const auto &[parameter, editor] : std::as_const(m_editors))
        hasPicker = hasPicker || qobject_cast<QComboBox *>(editor);
    if (!hasPicker || !m_reader || m_typeName.isEmpty())
        return;
    const quint64 asked = ++m_choicesAsked;
    EntityQuery query;
    query.typeName = m_typeName;
    query.limit = maxEntityChoices;
    m_reader->run<Result<QList<EntitySummary>>>(
        [query](EventStore &store) { return EventLog(&store).entityPage(query); }, this,
        [this, asked](const Result<QList<EntitySummary>> &page) {
            if (asked != m_choicesAsked || !page)
                return; // a failed read leaves the ids to be typed
            for (const auto &[parameter, editor] : std::as_const(m_editors)) {
                auto *picker = qobject_cast<QComboBox *>(editor);
                if (!picker)
                    continue;
                // What was typed or picked stays: adding items would otherwise pick the first.
                const QString text = picker->currentText();
                const QSignalBlocker block(picker);
                picker->clear();
                for (const EntitySummary &entity : page.value()) {
                    picker->addItem(entity.id.toString(QUuid::WithoutBraces));
                    picker->setItemData(picker->count() - 1,
                                        tr("Version %1, last changed %2")
                                            .arg(entity.version)
                                            .arg(QLocale().toString(entity.lastChange.toLocalTime(), QLocale::ShortFormat)),
                                        Qt::ToolTipRole);
                }
                picker->setCurrentIndex(-1);
                picker->setEditText(text);
            }
        });
}

void CommandPanel::updateEnabled()
{
    const bool hasCommands = m_commands->count() > 0;
    const bool canWrite = m_store && !m_readOnly && hasCommands;
    m_commands->setEnabled(hasCommands);
    m_newEntity->setEnabled(canWrite);
    m_idEdit->setEnabled(canWrite && m_newEntity->isChecked());
    m_form->setEnabled(canWrite);
    m_run->setEnabled(canWrite && !isRunning() && (m_newEntity->isChecked() || !m_id.isNull()));
    if (m_readOnly)
        m_note->setText(tr("Read-only: commands cannot be run."));
    else if (isRunning())
        m_note->setText(tr("Running…"));
    else if (m_typeName.isEmpty())
        m_note->setText(tr("Select an entity type."));
    else if (!hasCommands)
        m_note->setText(tr("No commands: there is no domain code for the entity type %1.").arg(m_typeName));
    else
        m_note->setText(m_newEntity->isChecked() ? tr("Runs on a new entity with the id above.")
                                                 : tr("Runs on the selected entity at version %1.").arg(m_version));
}

bool CommandPanel::readParameters(QJsonObject *parameters, QString *why) const
{
    for (const auto &[parameter, editor] : m_editors) {
        if (auto *check = qobject_cast<QCheckBox *>(editor)) {
            parameters->insert(parameter.name, check->isChecked());
            continue;
        }
        if (auto *picker = qobject_cast<QComboBox *>(editor)) {
            const QString text = picker->currentText().trimmed();
            if (text.isEmpty()) {
                parameters->insert(parameter.name, parameter.defaultValue);
            } else if (QUuid::fromString(text).isNull()) {
                *why = tr("%1 needs an entity id").arg(parameter.name);
                return false;
            } else {
                parameters->insert(parameter.name, QUuid::fromString(text).toString(QUuid::WithoutBraces));
            }
            continue;
        }
        const QString text = static_cast<QLineEdit *>(editor)->text().trimmed();
        if (isInteger(parameter.type)) {
            bool ok = false;
            const qint64 value = text.toLongLong(&ok);
            if (!ok) {
                *why = tr("%1 needs a whole number").arg(parameter.name);
                return false;
            }
            parameters->insert(parameter.name, value);
        } else if (parameter.type.id() == QMetaType::QString || parameter.type.id() == QMetaType::QUuid) {
            parameters->insert(parameter.name, text);
        } else {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(QByteArray('[' + text.toUtf8() + ']'), &error);
            if (error.error != QJsonParseError::NoError || document.array().size() != 1) {
                *why = tr("%1 needs a JSON value").arg(parameter.name);
                return false;
            }
            parameters->insert(parameter.name, document.array().first());
        }
    }
    return true;
}

/*! What running a command in the reader's thread gave. */
struct CommandPanel::Ran
{
    Error setup; //!< the domain's views could not be set up: nothing ran
    DomainResult outcome;
};

void CommandPanel::run()
{
    if (!m_store || !m_domain || m_readOnly || isRunning())
        return;
    const bool isNew = m_newEntity->isChecked();
    const QUuid id = isNew ? QUuid::fromString(m_idEdit->text().trimmed()) : m_id;
    if (id.isNull()) {
        m_outcome->setPlainText(tr("Not run: %1 is not a valid id.").arg(m_idEdit->text()));
        return;
    }
    QJsonObject parameters;
    QString why;
    if (!readParameters(&parameters, &why)) {
        m_outcome->setPlainText(tr("Not run: %1.").arg(why));
        return;
    }
    const QString name = m_commands->currentData().toString();
    const qint64 expected = isNew ? 0 : m_version;
    const quint64 asked = ++m_asked;
    m_outcome->setPlainText(tr("Running %1…").arg(name));
    updateEnabled();
    EventStore *store = m_store;
    store
        ->runAsync<Ran>([store, prepare = m_prepare, domain = *m_domain, type = m_typeName, id, name, parameters, expected] {
            Ran ran;
            if (prepare)
                ran.setup = prepare(*store);
            if (!ran.setup.isError())
                ran.outcome = domain.handle(*store, type, id, name, parameters, expected);
            return ran;
        })
        .then(this, [this, asked, name, isNew](const Ran &ran) {
            if (asked != m_asked)
                return;
            const auto show = [this, asked, ran, name, isNew] {
                if (asked != m_asked)
                    return;
                m_answered = asked;
                showOutcome(ran, name, isNew);
                updateEnabled();
            };
            if (ran.outcome.isApplied() && m_showWrites)
                m_showWrites().then(this, [show](int) { show(); });
            else
                show();
        });
}

void CommandPanel::showOutcome(const Ran &ran, const QString &name, bool isNew)
{
    if (ran.setup.isError()) {
        m_outcome->setPlainText(tr("Not run: the domain's views could not be set up: %1").arg(ran.setup.message()));
        return;
    }
    const DomainResult &outcome = ran.outcome;
    QStringList lines;
    switch (outcome.outcome) {
    case Outcome::Applied:
        lines << tr("Applied: %n new event(s); the entity is at version %1.", nullptr, int(outcome.events.size()))
                     .arg(outcome.version);
        for (const RecordedEvent &event : outcome.events)
            lines << QString::fromUtf8(EventLog::toJsonLine(event));
        break;
    case Outcome::Rejected:
        lines << tr("Rejected by the domain: %1").arg(outcome.rejectionName.isEmpty() ? name : outcome.rejectionName);
        if (!outcome.rejection.isNull())
            lines << jsonText(outcome.rejection);
        lines << tr("Nothing was written.");
        break;
    case Outcome::Failed:
        lines << (outcome.error.kind() == Error::Kind::VersionConflict ? tr("Version conflict: %1") : tr("Failed: %1"))
                     .arg(outcome.error.message());
        lines << tr("Nothing was written.");
        break;
    }
    m_outcome->setPlainText(lines.join(u'\n'));
    if (outcome.outcome == Outcome::Applied) {
        if (isNew)
            m_newEntity->setChecked(false);
        loadEntityChoices(); // a new entity is one to pick
        Q_EMIT applied(outcome.events);
    }
}

} // namespace Evented::Inspector
