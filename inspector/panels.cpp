#include "panels_p.h"

#include <evented/eventlog.h>
#include <evented/inspector/models.h>
#include <evented/projection.h>

#include <QCheckBox>
#include <QColor>
#include <QPalette>
#include <QComboBox>
#include <QEventLoop>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Evented::Inspector {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(Json::compact(value));
}

QToolButton *toolButton(const QString &objectName, const QString &icon, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(QIcon(icon));
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

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

} // namespace

QTableView *tableView(const QString &objectName, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

// Banner

Banner::Banner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("banner.text"));
    m_text->setTextFormat(Qt::PlainText); // server messages are text, never markup
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("banner.close"));
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close"));
    close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void Banner::showError(const Error &error)
{
    QString text = error.message();
    if (!error.sqlState().isEmpty())
        text = tr("%1 (SQLSTATE %2)").arg(text, error.sqlState());
    m_text->setText(text);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, QColor(0xfd, 0xe8, 0xe8));
    palette.setColor(QPalette::WindowText, QColor(0x8a, 0x10, 0x10));
    setPalette(palette);
    show();
}

void Banner::showNotice(const QString &text)
{
    m_text->setText(text);
    setPalette(QPalette()); // the application's own colours
    show();
}

QString Banner::text() const
{
    return m_text->text();
}

// JsonView

JsonView::JsonView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
}

void JsonView::setJson(const QJsonValue &value)
{
    setPlainText(value.isUndefined() ? QString() : jsonText(value));
}

QString stateDifference(const QJsonValue &before, const QJsonValue &after)
{
    QStringList lines;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        for (auto it = b.begin(); it != b.end(); ++it) {
            if (!a.contains(it.key()))
                lines << ReplayPanel::tr("%1: added %2").arg(it.key(), QString::fromUtf8(Json::compact(it.value())));
            else if (a.value(it.key()) != it.value())
                lines << ReplayPanel::tr("%1: %2 → %3")
                             .arg(it.key(), QString::fromUtf8(Json::compact(a.value(it.key()))),
                                  QString::fromUtf8(Json::compact(it.value())));
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                lines << ReplayPanel::tr("%1: removed").arg(it.key());
        }
    } else if (before != after) {
        lines << ReplayPanel::tr("%1 → %2").arg(QString::fromUtf8(Json::compact(before)), QString::fromUtf8(Json::compact(after)));
    }
    return lines.isEmpty() ? ReplayPanel::tr("(no change)") : lines.join(u'\n');
}

// ReplayPanel

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_first(toolButton(QStringLiteral("replay.first"), QStringLiteral(":/evented/icons/first.svg"), tr("First event"), this))
    , m_back(toolButton(QStringLiteral("replay.back"), QStringLiteral(":/evented/icons/back.svg"), tr("Back one event"), this))
    , m_forward(toolButton(QStringLiteral("replay.forward"), QStringLiteral(":/evented/icons/forward.svg"), tr("Forward one event"), this))
    , m_last(toolButton(QStringLiteral("replay.last"), QStringLiteral(":/evented/icons/last.svg"), tr("Last event"), this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
    , m_note(new QLabel(this))
    , m_stateView(new JsonView(this))
    , m_difference(new QPlainTextEdit(this))
    , m_eventView(new JsonView(this))
{
    m_slider->setObjectName(QStringLiteral("replay.slider"));
    m_position->setObjectName(QStringLiteral("replay.position"));
    m_note->setObjectName(QStringLiteral("replay.note"));
    m_note->setWordWrap(true);
    m_stateView->setObjectName(QStringLiteral("replay.state"));
    m_difference->setObjectName(QStringLiteral("replay.difference"));
    m_difference->setReadOnly(true);
    m_eventView->setObjectName(QStringLiteral("replay.event"));

    auto *steps = new QHBoxLayout;
    for (QToolButton *button : {m_first, m_back})
        steps->addWidget(button);
    steps->addWidget(m_slider, 1);
    for (QToolButton *button : {m_forward, m_last})
        steps->addWidget(button);
    steps->addWidget(m_position);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(steps);
    layout->addWidget(m_note);
    auto *split = new QSplitter(Qt::Vertical, this);
    auto *stateBox = new QWidget(split);
    auto *stateLayout = new QVBoxLayout(stateBox);
    stateLayout->setContentsMargins(0, 0, 0, 0);
    stateLayout->addWidget(new QLabel(tr("State after this event"), stateBox));
    stateLayout->addWidget(m_stateView);
    auto *diffBox = new QWidget(split);
    auto *diffLayout = new QVBoxLayout(diffBox);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(new QLabel(tr("Change from the state before"), diffBox));
    diffLayout->addWidget(m_difference);
    auto *eventBox = new QWidget(split);
    auto *eventLayout = new QVBoxLayout(eventBox);
    eventLayout->setContentsMargins(0, 0, 0, 0);
    eventLayout->addWidget(new QLabel(tr("Event"), eventBox));
    eventLayout->addWidget(m_eventView);
    split->setSizes({200, 100, 300});
    layout->addWidget(split, 1);

    connect(m_first, &QToolButton::clicked, this, [this] { showVersion(0); });
    connect(m_back, &QToolButton::clicked, this, [this] { showVersion(m_version - 1); });
    connect(m_forward, &QToolButton::clicked, this, [this] { showVersion(m_version + 1); });
    connect(m_last, &QToolButton::clicked, this, [this] { showVersion(m_events.size()); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (value != m_version)
            showVersion(value);
    });
    setHistory({}, {}, nullptr);
}

void ReplayPanel::setHistory(const QString &typeName, const QList<RecordedEvent> &events, const EntityTypeInfo *type)
{
    const bool sameEntity = typeName == m_typeName && !events.isEmpty() && !m_events.isEmpty()
        && events.first().entityId == m_events.first().entityId;
    const bool atEnd = m_version == m_events.size();
    if (!sameEntity || !type || !m_type || type->typeName != m_type->typeName)
        m_folder.reset(); // a history only grows: the same entity's folder stays valid
    m_typeName = typeName;
    m_events = events;
    m_type = type ? std::optional(*type) : std::nullopt;
    m_slider->setRange(0, int(events.size()));
    // Following the entity as it changes, unless the user stepped back.
    showVersion(sameEntity && !atEnd ? std::min<qint64>(m_version, events.size()) : events.size());
}

void ReplayPanel::showVersion(qint64 version)
{
    m_version = std::clamp<qint64>(version, 0, m_events.size());
    update();
}

void ReplayPanel::update()
{
    const qint64 count = m_events.size();
    m_first->setEnabled(m_version > 0);
    m_back->setEnabled(m_version > 0);
    m_forward->setEnabled(m_version < count);
    m_last->setEnabled(m_version < count);
    m_slider->setEnabled(count > 0);
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(m_version));
    }
    m_position->setText(tr("Version %1 of %2").arg(m_version).arg(count));
    m_eventView->setJson(m_version > 0 ? m_events.at(m_version - 1).event : QJsonValue(QJsonValue::Undefined));

    if (m_typeName.isEmpty()) {
        m_note->setText(tr("Select an entity to replay its history."));
        m_stateView->clear();
        m_difference->clear();
        return;
    }
    if (!m_type) {
        m_note->setText(tr("No state: there is no domain code for the entity type %1. Load a plugin that provides it, "
                           "or register the type in the application that embeds the inspector. The events are shown as stored.")
                            .arg(m_typeName));
        m_state = QJsonValue();
        m_stateView->clear();
        m_difference->clear();
        return;
    }
    // The domain's own code folds the events, as the store does when it loads the entity. The
    // folder is kept: stepping forward applies only the new events, stepping back folds anew.
    const qint64 beforeVersion = std::max<qint64>(m_version - 1, 0);
    if (!m_folder || m_folded > beforeVersion) {
        m_folder = m_type->newFolder();
        m_folded = 0;
    }
    QString why;
    QJsonValue before;
    for (; m_folded < m_version; ++m_folded) {
        if (m_folded == beforeVersion)
            before = m_folder->state();
        if (!m_folder->apply(m_events.at(m_folded).event, &why)) {
            m_note->setText(tr("The event at version %1 (seq no %2) cannot be decoded: %3")
                                .arg(m_folded + 1)
                                .arg(m_events.at(m_folded).seqNo)
                                .arg(why));
            m_folder.reset();
            m_state = QJsonValue();
            m_stateView->clear();
            m_difference->clear();
            return;
        }
    }
    m_state = m_folder->state();
    m_note->setText(m_version == 0 ? tr("The state before the first event.") : QString());
    m_stateView->setJson(m_state);
    m_difference->setPlainText(m_version == 0 ? QString() : stateDifference(before, m_state));
}

// CommandPanel

CommandPanel::CommandPanel(QWidget *parent)
    : QWidget(parent)
    , m_commands(new QComboBox(this))
    , m_newEntity(new QCheckBox(tr("New entity"), this))
    , m_idEdit(new QLineEdit(this))
    , m_form(new QWidget(this))
    , m_formLayout(new QFormLayout(m_form))
    , m_run(new QPushButton(QIcon(QStringLiteral(":/evented/icons/run.svg")), tr("Run"), this))
    , m_note(new QLabel(this))
    , m_outcome(new QPlainTextEdit(this))
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
    top->addRow(tr("Command"), m_commands);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_idEdit, 1);
    idRow->addWidget(m_newEntity);
    top->addRow(tr("Entity"), idRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_form);
    layout->addWidget(m_run, 0, Qt::AlignLeft);
    layout->addWidget(m_note);
    layout->addWidget(new QLabel(tr("Outcome"), this));
    layout->addWidget(m_outcome, 1);

    connect(m_commands, &QComboBox::currentIndexChanged, this, &CommandPanel::rebuildForm);
    connect(m_newEntity, &QCheckBox::toggled, this, [this](bool on) {
        m_idEdit->setText(on ? QUuid::createUuid().toString(QUuid::WithoutBraces) : m_id.toString(QUuid::WithoutBraces));
        updateEnabled();
    });
    connect(m_run, &QPushButton::clicked, this, &CommandPanel::run);
    updateEnabled();
}

void CommandPanel::setStore(EventStore *store, const Domain *domain, bool readOnly)
{
    m_store = store;
    m_domain = domain;
    m_readOnly = readOnly;
    setEntity({}, {}, 0);
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
    updateEnabled();
}

void CommandPanel::updateEnabled()
{
    const bool hasCommands = m_commands->count() > 0;
    const bool canWrite = m_store && !m_readOnly && hasCommands;
    m_commands->setEnabled(hasCommands);
    m_newEntity->setEnabled(canWrite);
    m_idEdit->setEnabled(canWrite && m_newEntity->isChecked());
    m_form->setEnabled(canWrite);
    m_run->setEnabled(canWrite && (m_newEntity->isChecked() || !m_id.isNull()));
    if (m_readOnly)
        m_note->setText(tr("Read-only: commands cannot be run."));
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

void CommandPanel::run()
{
    if (!m_store || !m_domain || m_readOnly)
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
    if (m_prepare) {
        if (const Error error = m_prepare(); error.isError()) {
            m_outcome->setPlainText(tr("Not run: the domain's views could not be set up: %1").arg(error.message()));
            return;
        }
    }
    const QString name = m_commands->currentData().toString();
    const DomainResult outcome = m_domain->handle(*m_store, m_typeName, id, name, parameters, isNew ? 0 : m_version);
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
        Q_EMIT applied(outcome.events);
    }
}

// ProjectionsPanel

ProjectionsPanel::ProjectionsPanel(ProjectionsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(tableView(QStringLiteral("projections"), model, this))
    , m_rebuild(new QPushButton(QIcon(QStringLiteral(":/evented/icons/rebuild.svg")), tr("Rebuild…"), this))
{
    m_rebuild->setObjectName(QStringLiteral("projections.rebuild"));
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/evented/icons/refresh.svg")), tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("projections.refresh"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(m_rebuild);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(refresh, &QPushButton::clicked, this, &ProjectionsPanel::refresh);
    connect(m_rebuild, &QPushButton::clicked, this, [this] { rebuildSelected(true); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_rebuild->setEnabled(!m_readOnly && m_view->selectionModel()->hasSelection()); });
    m_rebuild->setEnabled(false);
}

void ProjectionsPanel::setStore(EventStore *store, const Domain *domain, bool readOnly)
{
    m_store = store;
    m_domain = domain;
    m_readOnly = readOnly;
    m_rebuild->setEnabled(!readOnly && m_view->selectionModel()->hasSelection());
    m_rebuild->setToolTip(readOnly ? tr("Read-only: projections cannot be rebuilt.")
                                   : tr("Sets the projection back to the beginning, clears its view and runs it here "
                                        "until it has caught up"));
    refresh();
}

void ProjectionsPanel::refresh()
{
    if (!m_store)
        return;
    if (const Error error = m_model->refresh(m_store); error.isError())
        Q_EMIT failed(error);
}

void ProjectionsPanel::rebuildSelected(bool confirm)
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!m_store || m_readOnly || rows.isEmpty())
        return;
    const QString name = m_model->state(rows.first().row()).name;
    const ProjectionInfo *info = m_domain ? m_domain->projection(name) : nullptr;
    if (!info) {
        QMessageBox::warning(this, tr("Rebuild"),
                             tr("There is no domain code for the projection %1, so it cannot be run here.").arg(name));
        return;
    }
    if (confirm
        && QMessageBox::question(this, tr("Rebuild"),
                                 tr("Clear the view of %1 and project every event again?").arg(name))
            != QMessageBox::Yes)
        return;

    if (m_prepare) {
        if (const Error error = m_prepare(); error.isError()) {
            Q_EMIT failed(error);
            return;
        }
    }
    Projection projection(m_store, name);
    info->configure(projection, *m_store);
    if (const Error error = projection.reset(true); error.isError()) {
        Q_EMIT failed(error);
        return;
    }
    const Result<StoreStats> stats = EventLog(m_store).stats();
    QProgressDialog progress(tr("Rebuilding %1…").arg(name), tr("Cancel"), 0, 1000, this);
    progress.setObjectName(QStringLiteral("projections.progress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    const qint64 head = stats ? std::max<qint64>(stats->head, 1) : 1;
    QEventLoop loop;
    connect(&projection, &Projection::stateChanged, &loop, [&](const ProjectionState &state) {
        progress.setValue(int(1000 * std::min(state.seqNo, head) / head));
        if (state.status == ProjectionState::Status::Failed)
            loop.quit();
    });

    connect(&projection, &Projection::caughtUp, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, &loop, &QEventLoop::quit);
    projection.start();
    loop.exec();
    projection.stop();
    if (const ProjectionState state = projection.state(); state.status == ProjectionState::Status::Failed)
        Q_EMIT failed(Error::handlerFailed(state.errorSeqNo, state.error));
    refresh();
}

} // namespace Evented::Inspector
