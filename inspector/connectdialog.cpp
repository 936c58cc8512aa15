#include <evented/inspector/connectdialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Evented::Inspector {

namespace {

const QString recentKey = QStringLiteral("connections/recent");
constexpr int recentCount = 10;

QLineEdit *lineEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    return edit;
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_backend(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_host(lineEdit(QStringLiteral("host"), this))
    , m_database(lineEdit(QStringLiteral("database"), this))
    , m_user(lineEdit(QStringLiteral("user"), this))
    , m_password(lineEdit(QStringLiteral("password"), this))
    , m_schema(lineEdit(QStringLiteral("schema"), this))
    , m_file(lineEdit(QStringLiteral("file"), this))
    , m_port(new QSpinBox(this))
    , m_readOnly(new QCheckBox(tr("Read-only: nothing can be written"), this))
    , m_recent(new QListWidget(this))
{
    setWindowTitle(tr("Open a store"));
    m_backend->setObjectName(QStringLiteral("backend"));
    m_backend->addItem(tr("SQLite file"), QStringLiteral("sqlite"));
    m_backend->addItem(tr("PostgreSQL server"), QStringLiteral("postgresql"));
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_schema->setPlaceholderText(QStringLiteral("public"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not remembered"));
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_recent->setObjectName(QStringLiteral("recent"));

    auto *sqlitePage = new QWidget(m_pages);
    auto *fileRow = new QHBoxLayout(sqlitePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(new QLabel(tr("File"), sqlitePage));
    fileRow->addWidget(m_file, 1);
    auto *browse = new QPushButton(tr("Browse…"), sqlitePage);
    fileRow->addWidget(browse);
    m_pages->addWidget(sqlitePage);

    auto *postgresPage = new QWidget(m_pages);
    auto *form = new QFormLayout(postgresPage);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Database"), m_database);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Schema"), m_schema);
    m_pages->addWidget(postgresPage);

    m_recent->addItems(recentUrls());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    auto *backendRow = new QFormLayout;
    backendRow->addRow(tr("Store"), m_backend);
    layout->addLayout(backendRow);
    layout->addWidget(m_pages);
    layout->addWidget(m_readOnly);
    layout->addWidget(new QLabel(tr("Recent"), this));
    layout->addWidget(m_recent, 1);
    layout->addWidget(buttons);

    connect(m_backend, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("SQLite store"), m_file->text(),
                                                          tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!file.isEmpty())
            m_file->setText(file);
    });
    connect(m_recent, &QListWidget::currentTextChanged, this, [this](const QString &url) {
        if (!url.isEmpty())
            setUrl(url, isReadOnly());
    });
    connect(m_recent, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ConnectDialog::url() const
{
    if (m_backend->currentData().toString() == u"sqlite") {
        QUrl url;
        url.setScheme(QStringLiteral("sqlite"));
        url.setPath(QDir::cleanPath(QDir::current().absoluteFilePath(m_file->text().trimmed())));
        if (isReadOnly())
            url.setQuery(QStringLiteral("read_only=true"));
        return url.toString();

    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host->text().trimmed().isEmpty() ? QStringLiteral("localhost") : m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(u'/' + m_database->text().trimmed());
    url.setUserName(m_user->text().trimmed());
    if (!m_password->text().isEmpty())
        url.setPassword(m_password->text());
    QUrlQuery query;
    for (const auto &[key, value] : std::as_const(m_otherOptions))
        query.addQueryItem(key, value);
    if (!m_schema->text().trimmed().isEmpty())
        query.addQueryItem(QStringLiteral("schema"), m_schema->text().trimmed());
    if (isReadOnly())
        query.addQueryItem(QStringLiteral("read_only"), QStringLiteral("true"));
    url.setQuery(query);
    return url.toString();
}

bool ConnectDialog::isReadOnly() const
{
    return m_readOnly->isChecked();
}

void ConnectDialog::setUrl(const QString &text, bool readOnly)
{
    const QUrl url(text);
    QUrlQuery query(url);
    const bool urlReadOnly = query.queryItemValue(QStringLiteral("read_only")) == u"true";
    m_readOnly->setChecked(readOnly || urlReadOnly);
    if (url.scheme() == u"sqlite") {
        m_backend->setCurrentIndex(0);
        m_file->setText(url.path(QUrl::FullyDecoded));
        return;
    }
    m_backend->setCurrentIndex(1);
    // Options the form has no field for (sslmode, connect_timeout…) are kept as they are.
    m_otherOptions.clear();
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first != u"schema" && item.first != u"read_only" && item.first != u"password")
            m_otherOptions.append(item);
    }
    m_host->setText(url.host());
    m_port->setValue(url.port(5432));
    m_database->setText(url.path(QUrl::FullyDecoded).mid(1));
    m_user->setText(url.userName(QUrl::FullyDecoded));
    // A password given as an option goes to the password field.
    m_password->setText(url.password(QUrl::FullyDecoded).isEmpty()
                            ? query.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded)
                            : url.password(QUrl::FullyDecoded));
    m_schema->setText(query.queryItemValue(QStringLiteral("schema"), QUrl::FullyDecoded));
}

QStringList ConnectDialog::recentUrls()
{
    return QSettings().value(recentKey).toStringList();
}

QString ConnectDialog::withoutPassword(const QString &text)
{
    QUrl url(text);
    url.setPassword(QString());
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("password"));
    url.setQuery(query);
    return url.toString();
}

void ConnectDialog::remember(const QString &text)
{
    const QString url = withoutPassword(text);
    QStringList recent = recentUrls();
    recent.removeAll(url);
    recent.prepend(url);
    QSettings().setValue(recentKey, recent.mid(0, recentCount));
}

} // namespace Evented::Inspector
