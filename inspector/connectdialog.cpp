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
#include <evented/storeurl.h>

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

class ConnectDialogPrivate
{
public:
    QComboBox *backend = nullptr;
    QStackedWidget *pages = nullptr;
    QLineEdit *host = nullptr, *database = nullptr, *user = nullptr, *password = nullptr, *schema = nullptr,
              *file = nullptr;
    QSpinBox *port = nullptr;
    QCheckBox *readOnly = nullptr;
    QListWidget *recent = nullptr;
    QList<QPair<QString, QString>> otherOptions;
};

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , d_ptr(std::make_unique<ConnectDialogPrivate>())
{
    Q_D(ConnectDialog);
    d->backend = new QComboBox(this);
    d->pages = new QStackedWidget(this);
    d->host = lineEdit(QStringLiteral("host"), this);
    d->database = lineEdit(QStringLiteral("database"), this);
    d->user = lineEdit(QStringLiteral("user"), this);
    d->password = lineEdit(QStringLiteral("password"), this);
    d->schema = lineEdit(QStringLiteral("schema"), this);
    d->file = lineEdit(QStringLiteral("file"), this);
    d->port = new QSpinBox(this);
    d->readOnly = new QCheckBox(tr("Read-only: nothing can be written"), this);
    d->recent = new QListWidget(this);

    setWindowTitle(tr("Open a store"));
    d->backend->setObjectName(QStringLiteral("backend"));
    d->backend->addItem(tr("SQLite file"), QStringLiteral("sqlite"));
    d->backend->addItem(tr("PostgreSQL server"), QStringLiteral("postgresql"));
    d->port->setObjectName(QStringLiteral("port"));
    d->port->setRange(1, 65535);
    d->port->setValue(5432);
    d->host->setPlaceholderText(QStringLiteral("localhost"));
    d->schema->setPlaceholderText(QStringLiteral("public"));
    d->password->setEchoMode(QLineEdit::Password);
    d->password->setPlaceholderText(tr("not remembered"));
    d->readOnly->setObjectName(QStringLiteral("readOnly"));
    d->recent->setObjectName(QStringLiteral("recent"));

    auto *sqlitePage = new QWidget(d->pages);
    auto *fileRow = new QHBoxLayout(sqlitePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(new QLabel(tr("File"), sqlitePage));
    fileRow->addWidget(d->file, 1);
    auto *browse = new QPushButton(tr("Browse…"), sqlitePage);
    fileRow->addWidget(browse);
    d->pages->addWidget(sqlitePage);

    auto *postgresPage = new QWidget(d->pages);
    auto *form = new QFormLayout(postgresPage);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Host"), d->host);
    form->addRow(tr("Port"), d->port);
    form->addRow(tr("Database"), d->database);
    form->addRow(tr("User"), d->user);
    form->addRow(tr("Password"), d->password);
    form->addRow(tr("Schema"), d->schema);
    d->pages->addWidget(postgresPage);

    d->recent->addItems(recentUrls());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    auto *backendRow = new QFormLayout;
    backendRow->addRow(tr("Store"), d->backend);
    layout->addLayout(backendRow);
    layout->addWidget(d->pages);
    layout->addWidget(d->readOnly);
    layout->addWidget(new QLabel(tr("Recent"), this));
    layout->addWidget(d->recent, 1);
    layout->addWidget(buttons);

    connect(d->backend, &QComboBox::currentIndexChanged, d->pages, &QStackedWidget::setCurrentIndex);
    connect(browse, &QPushButton::clicked, this, [this, d] {
        const QString file = QFileDialog::getOpenFileName(this, tr("SQLite store"), d->file->text(),
                                                          tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!file.isEmpty())
            d->file->setText(file);
    });
    connect(d->recent, &QListWidget::currentTextChanged, this, [this](const QString &url) {
        if (!url.isEmpty())
            setUrl(url, isReadOnly());
    });
    connect(d->recent, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ConnectDialog::~ConnectDialog() = default;

QString ConnectDialog::url() const
{
    Q_D(const ConnectDialog);
    if (d->backend->currentData().toString() == u"sqlite") {
        QUrl url;
        url.setScheme(QStringLiteral("sqlite"));
        url.setPath(QDir::cleanPath(QDir::current().absoluteFilePath(d->file->text().trimmed())));
        if (isReadOnly())
            url.setQuery(QStringLiteral("read_only=true"));
        return url.toString();

    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(d->host->text().trimmed().isEmpty() ? QStringLiteral("localhost") : d->host->text().trimmed());
    url.setPort(d->port->value());
    url.setPath(u'/' + d->database->text().trimmed());
    url.setUserName(d->user->text().trimmed());
    if (!d->password->text().isEmpty())
        url.setPassword(d->password->text());
    QUrlQuery query;
    for (const auto &[key, value] : std::as_const(d->otherOptions))
        query.addQueryItem(key, value);
    if (!d->schema->text().trimmed().isEmpty())
        query.addQueryItem(QStringLiteral("schema"), d->schema->text().trimmed());
    if (isReadOnly())
        query.addQueryItem(QStringLiteral("read_only"), QStringLiteral("true"));
    url.setQuery(query);
    return url.toString();
}

bool ConnectDialog::isReadOnly() const
{
    Q_D(const ConnectDialog);
    return d->readOnly->isChecked();
}

void ConnectDialog::setUrl(const QString &text, bool readOnly)
{
    Q_D(ConnectDialog);
    const QUrl url(normalizeStoreUrl(text)); // several hosts: the first in the form, the list kept as options
    QUrlQuery query(url);
    const bool urlReadOnly = query.queryItemValue(QStringLiteral("read_only")) == u"true";
    d->readOnly->setChecked(readOnly || urlReadOnly);
    if (url.scheme() == u"sqlite") {
        d->backend->setCurrentIndex(0);
        d->file->setText(url.path(QUrl::FullyDecoded));
        return;
    }
    d->backend->setCurrentIndex(1);
    // Options the form has no field for (sslmode, connect_timeout…) are kept as they are.
    d->otherOptions.clear();
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first != u"schema" && item.first != u"read_only" && item.first != u"password")
            d->otherOptions.append(item);
    }
    d->host->setText(url.host());
    d->port->setValue(url.port(5432));
    d->database->setText(url.path(QUrl::FullyDecoded).mid(1));
    d->user->setText(url.userName(QUrl::FullyDecoded));
    // A password given as an option goes to the password field.
    d->password->setText(url.password(QUrl::FullyDecoded).isEmpty()
                            ? query.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded)
                            : url.password(QUrl::FullyDecoded));
    d->schema->setText(query.queryItemValue(QStringLiteral("schema"), QUrl::FullyDecoded));
}

QStringList ConnectDialog::recentUrls()
{
    return QSettings().value(recentKey).toStringList();
}

QString ConnectDialog::withoutPassword(const QString &text)
{
    QUrl url(normalizeStoreUrl(text));
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
