#pragma once

#include <evented/inspector/evented_inspector_export.h>

#include <QDialog>

#include <memory>

namespace Evented::Inspector {

class ConnectDialogPrivate;

/*!
    Asks where the store is: a PostgreSQL server (host, port, database, user, password,
    schema) or an SQLite file, read-only or not; lists the recent connections. Passwords are
    never remembered: a recent connection asks again, or libpq finds one in ~/.pgpass.
*/
class EVENTED_INSPECTOR_EXPORT ConnectDialog : public QDialog
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(ConnectDialog)
public:
    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    /*! The store URL of the form, with the password when one was typed. */
    QString url() const;
    bool isReadOnly() const;
    /*! Fills the form from \a url (and \a readOnly). */
    void setUrl(const QString &url, bool readOnly = false);

    /*! The recent connections, newest first, without passwords. */
    static QStringList recentUrls();
    /*! Puts \a url first among the recent connections, without its password. */
    static void remember(const QString &url);
    /*! \a url without its password, for display and for remembering. */
    static QString withoutPassword(const QString &url);

private:
    std::unique_ptr<ConnectDialogPrivate> d_ptr;
};

} // namespace Evented::Inspector
