// Accounts as a domain plugin: the entity type, its commands (a transfer writes two accounts at once), and the asynchronous
// projection "account" that keeps account(id uuid primary key, balance bigint).

#include "accounts.h"

#include <evented/domain.h>
#include <evented/translations.h>

#include <QCoreApplication>

#include <QSqlQuery>

using namespace AccountsDomain;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Evented::Accounts)
};

const QString viewTable = QStringLiteral("account");
const QString viewColumns = QStringLiteral("id uuid PRIMARY KEY, balance bigint NOT NULL");

/*! How much \a event changes the balance (nothing for Created). */
qint64 balanceChange(const Account::Event &event)
{
    if (const auto *deposited = std::get_if<Deposited>(&event))
        return deposited->amount;
    if (const auto *debited = std::get_if<Debited>(&event))
        return -debited->amount;
    return 0;
}

/*! Adds \a delta to the balance of account \a id in \a table; the row is added when missing. */
Evented::ListenerResult addToBalance(QSqlDatabase &db, const QString &table, const QUuid &id, qint64 delta)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO " + table + u" (id, balance) VALUES (?, ?) "
                  u"ON CONFLICT (id) DO UPDATE SET balance = " + table + u".balance + excluded.balance");
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(delta);
    query.exec();
    return Evented::ListenerResult::check(query);
}

/*! The projection "account": every account's balance, rebuilt from nothing on a reset. */
void configureProjection(Evented::Projection &projection, Evented::EventStore &)
{
    projection.addView(viewTable, viewColumns, {QStringLiteral("id")});
    const QString table = projection.viewTable(viewTable); // a rebuild's new version writes a table of its own
    projection.setHandler<Account>(
        [table](const Account::Event &event, const Evented::RecordedEvent &recorded, QSqlDatabase &db) {
            return addToBalance(db, table, recorded.entityId, balanceChange(event));
        });
    projection.setResetHandler([table](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(u"DELETE FROM " + table);
        return Evented::ListenerResult::check(query);
    });
}

} // namespace

class AccountsPlugin : public QObject, public Evented::DomainPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID EventedDomainPlugin_iid FILE "accounts.json")
    Q_INTERFACES(Evented::DomainPlugin)

public:
    Evented::Domain domain() const override
    {
        Evented::installCatalog(QStringLiteral("evented-accounts"));
        Evented::Domain domain;
        domain.addEntityType<Account>(Text::tr("Account"))
            .addCommand<Account, Create>(Text::tr("Create"))
            .addCommand<Account, Deposit>(Text::tr("Deposit"))
            .addCommand<Account, Withdraw>(Text::tr("Withdraw"))
            .addCommand<Account, Transfer>(Text::tr("Transfer"));
        // On a Citus cluster each account's row lives beside its events.
        domain.addTable(viewTable, viewColumns,
                        Evented::TableDistribution::byEntity(QStringLiteral("id")));
        domain.addProjection(QStringLiteral("account"), configureProjection);
        return domain;
    }
};

#include "accountsplugin.moc"
