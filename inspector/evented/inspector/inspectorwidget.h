#pragma once

#include <evented/domain.h>
#include <evented/eventstore.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QFuture>
#include <QPointer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QTableView;
QT_END_NAMESPACE

QT_BEGIN_NAMESPACE
class QDialog;
QT_END_NAMESPACE

namespace Evented::Inspector {

class EntityTypesModel;
class EntitiesModel;
class EventsModel;
class ParkedModel;
class ProjectionsModel;
class InspectorWidgetPrivate;

/*!
    The inspector over one store: entity types → entities → history with the selected event's
    JSON, a replay of the selected entity, its commands, the event log and the projections.
    New events appear as they are committed, by this process or another, and the selection
    stays. The widget never waits on the database: it reads and writes with a store of its own
    in a thread of its own (a StoreReader opened like the store it is given), and shows what
    it reads when it arrives, with progress for what takes long. Embed it in an application to inspect that application's own store:
    \code
    auto *inspector = new Evented::Inspector::InspectorWidget;
    inspector->setStore(&store, domain);     // the application's own entity and command types
    inspector->show();
    \endcode
*/
class EVENTED_INSPECTOR_EXPORT InspectorWidget : public QWidget
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(InspectorWidget)
public:
    explicit InspectorWidget(QWidget *parent = nullptr);
    ~InspectorWidget() override;

    /*!
        Shows \a store (not owned; it must outlive the widget or be unset first) with the entity
        types, commands and projections of \a domain. In read-only mode nothing can be written.
        The widget reads and writes through a second store that it opens in its reader's thread
        on a copy of \a store's connection settings and options; the domain's setup (views,
        listeners) runs on that store before the first command. Commits of \a store itself are
        shown at once.
    */
    void setStore(EventStore *store, const Domain &domain = {}, bool readOnly = false);
    EventStore *store() const;
    const Domain &domain() const;
    bool isReadOnly() const;

    /*! How often the store is read for events of other processes (default 500 ms; 0 turns it off). */
    void setPollInterval(int milliseconds);

    /*!
        Selects entity \a id of \a typeName, loading pages of the list until it is found. The
        future has true once it is selected and its history shown, false when it is not there.
    */
    QFuture<bool> selectEntity(const QString &typeName, const QUuid &id);

    EntityTypesModel *entityTypesModel() const;
    EntitiesModel *entitiesModel() const;
    EventsModel *historyModel() const;
    EventsModel *logModel() const;
    ProjectionsModel *projectionsModel() const;
    /*! The parked events of the projection selected in the projections tab. */
    ParkedModel *parkedModel() const;

public Q_SLOTS:
    /*! Reads everything again (counts, lists and projections), keeping the selection. */
    void refresh();
    /*!
        Reads the events committed since the last look; the future has how many were new, once
        they are shown.
    */
    QFuture<int> pollNow();
    /*!
        Opens a dialog that checks the shown store's history with the domain's current code
        (Evented::HistoryCheck): every event read and folded, every snapshot compared. It runs
        in the reader's thread with a progress bar; the dialog is returned (null without a
        store) and deletes itself when closed.
    */
    QDialog *checkHistory();

Q_SIGNALS:
    /*! A read or write failed; the widget stays usable. */
    void errorOccurred(const Evented::Error &error, QPrivateSignal);

protected:
    /*! Shows every text anew on QEvent::LanguageChange (see Evented::changeLanguage()). */
    void changeEvent(QEvent *event) override;

private:
    std::unique_ptr<InspectorWidgetPrivate> d_ptr;
};

} // namespace Evented::Inspector
