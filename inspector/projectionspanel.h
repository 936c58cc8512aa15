#pragma once

#include "hostedprojection.h"
#include "preparewrites.h"

#include <evented/domain.h>
#include <evented/projection.h>

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class ParkedModel;
class ProgressStrip;
class ProjectionsModel;
class StoreReader;

/*!
    Every projection's state, those the domain declares that never ran too, refreshed while
    shown, and the selected one's parked events. With the domain's code a projection can be
    rebuilt, run here until stopped, and its parked events re-run. Reads and writes run on the
    StoreReader's store, in its thread. A rebuild builds the projection anew beside its view
    (Projection::rebuild()), compares and swaps, and shows the outcome; one that declares no
    view is rebuilt in place instead (reset, then run here until caught up), with Cancel. Both
    show their progress here.
*/
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    ProjectionsPanel(ProjectionsModel *model, ParkedModel *parked, QWidget *parent = nullptr);
    ~ProjectionsPanel() override;
    void setStore(StoreReader *reader, const Domain *domain, bool readOnly);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }
    /*! A rebuild runs, of either kind. */
    bool isRebuilding() const;

public Q_SLOTS:
    /*! Reads the projections' states, and the selected one's parked events, again. */
    void refresh();
    /*! Asks how, then rebuilds the selected projection beside its view: swapping it in, or
        verifying only. */
    void rebuildSelected();
    /*! Rebuilds the selected projection beside its view without asking, keeping the view when
        \a verifyOnly, and when keys differ unless \a swapWhenDifferent. When it cannot be rebuilt
        beside its view (it declares none, has partitions, the store is distributed), asks whether
        to rebuild it in place; when keys differ and kept the view, whether to swap anyway. */
    void rebuildBeside(bool verifyOnly, bool swapWhenDifferent = false);
    /*! Resets the selected projection, clearing its view, and runs it here until it has caught
        up, without asking. */
    void rebuildInPlace();
    /*! Stops a rebuild in place; the projection stays where it got to. A rebuild beside the view
        cannot be stopped. */
    void cancelRebuild();
    /*! Runs the selected projection here, with the domain's code, until stopSelected() or another store. */
    void startSelected();
    /*! Stops the selected projection that runs here; its position stays. */
    void stopSelected();
    /*! Runs the domain's handler of the selected projection again on all its parked events. */
    void rerunParked();

Q_SIGNALS:
    void failed(const Evented::Error &error);
    /*! A rebuild ended, of either kind: compared (swapped or not), caught up, failed or cancelled. */
    void rebuildEnded();

protected:
    void changeEvent(QEvent *event) override;

private:
    QString selectedName() const;
    /*! The domain's code of projection \a name, or null. */
    const ProjectionInfo *code(const QString &name) const;
    bool writable() const;
    bool canRebuild(const QString &name) const;
    bool canStart(const QString &name) const;
    bool canStop(const QString &name) const;
    bool canRerun(const QString &name) const;
    /*! Whether \a name can be rebuilt now with the domain's code; says so when there is none. */
    bool mayRebuild(const QString &name);
    void rebuildBeside(const QString &name, bool verifyOnly, bool swapWhenDifferent);
    void rebuiltBeside(const QString &name, bool verifyOnly, const Result<RebuildOutcome> &outcome);
    /*! An answer given about rebuilding \a name for store \a generation still holds: the same
        store, and \a name can be rebuilt with the domain's code. */
    bool answersHold(const QString &name, quint64 generation) const;
    /*! Asks \a question in a window-modal box named \a objectName, without an event loop of its
        own; calls \a yes on Yes while the store is the same and \a name can be rebuilt. */
    void ask(const QString &objectName, const QString &name, const QString &question, const QString &details,
             std::function<void()> yes);
    /*! Runs projection \a info here in \a mode, as the only one of its name. */
    void host(const ProjectionInfo &info, HostedProjection::Mode mode);
    void hostedEnded(HostedProjection *hosted, const ProjectionState &state, const Error &error);
    /*! Selects \a name's row again after the rows changed. */
    void select(const QString &name);
    void updateControls();
    /*! Sets the buttons' texts and tool tips in the language in use. */
    void retranslateUi();

    ProjectionsModel *m_model;
    ParkedModel *m_parked;
    QPointer<StoreReader> m_reader;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    bool m_rerunning = false;
    QString m_rebuildingBeside;   //!< the projection being rebuilt beside its view, if any
    QTableView *m_view;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_rebuild;
    QPushButton *m_start;
    QPushButton *m_stop;
    ProgressStrip *m_progress;
    QLabel *m_rebuildOutcome;
    QLabel *m_parkedTitle;
    QPushButton *m_rerun;
    QLabel *m_rerunOutcome;
    QTimer m_soon;                //!< a refresh shortly after a hosted projection's state changed
    quint64 m_generation = 1;     //!< counts the stores: a reply for another is stale
    quint64 m_refreshes = 0;      //!< counts the reads of the states: only the last one's answer is shown
    QHash<QString, HostedProjection *> m_hosted; //!< the projections run here, by name
};

} // namespace Evented::Inspector
