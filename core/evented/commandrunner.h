#pragma once

#include <evented/commandoptions.h>
#include <evented/domain.h>
#include <evented/error.h>
#include <evented/evented_core_export.h>
#include <evented/eventstore.h>

#include <QObject>
#include <QUuid>
#include <QVariantMap>

#include <memory>

namespace Evented {

class ProjectionModel;
class CommandRunnerPrivate;

/*!
    Runs a domain's commands by name on the store's worker thread and tells how each ended by a
    signal: applied(), rejected() with the rejection's fields, conflict() when the entity kept
    changing under it, failed() otherwise. Each command gets a command id (CommandOptions), so a
    command that is sent again after a lost commit is not handled twice.

    With a ProjectionModel and the row the command is expected to leave, the row shows at once
    as pending (ProjectionModel::expect()) and settles to the view's values once the projection
    has handled the command's events, or goes back when the command is rejected or fails.
    \code
    runner.send("account", id, "Deposit", {{"amount", 100}}, model, {{"id", id}, {"balance", balance + 100}});
    \endcode
*/
class EVENTED_CORE_EXPORT CommandRunner : public QObject
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(CommandRunner)
    Q_PROPERTY(Evented::EventStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(int running READ running NOTIFY runningChanged)

public:
    explicit CommandRunner(QObject *parent = nullptr);
    CommandRunner(EventStore *store, const Domain &domain, QObject *parent = nullptr);
    ~CommandRunner() override;

    EventStore *store() const;
    void setStore(EventStore *store);
    const Domain &domain() const;
    void setDomain(const Domain &domain);
    /*! Commands sent that have not ended yet. */
    int running() const;

    /*!
        Sends command \a name of entity type \a typeName to the entity \a id with \a parameters;
        with \a model and \a expected, shows \a expected there as pending meanwhile. Returns the
        command id, by which the signals name it.
    */
    Q_INVOKABLE QUuid send(const QString &typeName, const QUuid &id, const QString &name,
                           const QVariantMap &parameters = {}, Evented::ProjectionModel *model = nullptr,
                           const QVariantMap &expected = {});

Q_SIGNALS:
    void storeChanged();
    void runningChanged();
    /*! The command appended \a events (each a map of RecordedEvent's properties). */
    void applied(const QUuid &commandId, const QVariantList &events);
    /*! The domain's code rejected the command with \a rejection (its type name) and its \a fields. */
    void rejected(const QUuid &commandId, const QString &rejection, const QVariantMap &fields);
    /*! Other writers changed the entity on every attempt: nothing was appended. */
    void conflict(const QUuid &commandId, const QString &message);
    /*! The command could not be handled (unknown command, bad parameters, the database): nothing was appended. */
    void failed(const QUuid &commandId, const QString &message);

private:
    std::unique_ptr<CommandRunnerPrivate> d_ptr;
};

} // namespace Evented
