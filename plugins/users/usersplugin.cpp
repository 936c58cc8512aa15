// Users as a domain plugin: the entity type, its two commands, and the unique e-mail address,
// kept by a listener in user_email(email text primary key, user_id uuid) in the append
// transaction: a second user with the same address makes the whole append roll back.

#include "users.h"

#include <evented/domain.h>
#include <evented/translations.h>

#include <QSqlQuery>

using namespace UsersDomain;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Users)
};

const QString viewTable = QStringLiteral("user_email");

/*!
    Gives user \a userId the address \a email in \a table, replacing the one the user had;
    fails when another user has it.
*/
Evented::ListenerResult claimEmail(QSqlDatabase &db, const QString &table, const QUuid &userId, const QString &email)
{
    const QString user = userId.toString(QUuid::WithoutBraces);
    QSqlQuery release(db);
    release.prepare(u"DELETE FROM " + table + u" WHERE user_id = ?");
    release.addBindValue(user);
    if (!release.exec())
        return Evented::ListenerResult::check(release);
    QSqlQuery claim(db);
    claim.prepare(u"INSERT INTO " + table + u" (email, user_id) VALUES (?, ?) ON CONFLICT (email) DO NOTHING");
    claim.addBindValue(emailKey(email));
    claim.addBindValue(user);
    if (!claim.exec())
        return Evented::ListenerResult::check(claim);
    if (claim.numRowsAffected() == 0)
        return Evented::ListenerResult::failure(Text::tr("the e-mail address %1 belongs to another user").arg(email));
    return Evented::ListenerResult::ok();
}

/*! Installs the listener that keeps the table of addresses. */
Evented::Error installListener(Evented::EventStore &store)
{
    const QString table = store.tableName(viewTable);
    store.setListener<User>([table](const User::Event &event, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
        // Both events carry the user's new address.
        const QString email = std::visit([](const auto &e) { return e.email; }, event);
        return claimEmail(db, table, recorded.entityId, email);
    });
    return {};
}

} // namespace

class UsersPlugin : public QObject, public Evented::DomainPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID EventedDomainPlugin_iid FILE "users.json")
    Q_INTERFACES(Evented::DomainPlugin)

public:
    Evented::Domain domain() const override
    {
        Evented::installCatalog(QStringLiteral("evented-users"));
        Evented::Domain domain;
        domain.addEntityType<User>(Text::tr("User"))
            .addCommand<User, Register>(Text::tr("Register"))
            .addCommand<User, ChangeEmail>(Text::tr("Change e-mail address"));
        // Keyed by e-mail address, not by user: on a Citus cluster a copy on every node, so that
        // the uniqueness check sees the whole table.
        domain.addTable(viewTable, QStringLiteral("email text PRIMARY KEY, user_id uuid NOT NULL UNIQUE"),
                        Evented::TableDistribution::reference())
            .addSetup(installListener);
        return domain;
    }
};

#include "usersplugin.moc"
