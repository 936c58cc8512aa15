#pragma once

#include "hostedprojection.h"
#include "preparewrites.h"

#include <evented/domain.h>

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

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
    StoreReader's store, in its thread; a rebuild shows its progress here, with Cancel.
*/
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    ProjectionsPanel(ProjectionsModel *model, ParkedModel *parked, QWidget *parent = nullptr);
    ~ProjectionsPanel() override;
    void setStore(StoreReader *reader, const Domain *domain, bool readOnly);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }
    /*! A rebuild runs. */
    bool isRebuilding() const;

public Q_SLOTS:
    /*! Reads the projections' states, and the selected one's parked events, again. */
    void refresh();
    /*! Resets the selected projection and runs it here until it has caught up (after a confirmation). */
    void rebuildSelected(bool confirm = true);
    /*! Stops a rebuild; the projection stays where it got to. */
    void cancelRebuild();
    /*! Runs the selected projection here, with the domain's code, until stopSelected() or another store. */
    void startSelected();
    /*! Stops the selected projection that runs here; its position stays. */
    void stopSelected();
    /*! Runs the domain's handler of the selected projection again on all its parked events. */
    void rerunParked();

Q_SIGNALS:
    void failed(const Evented::Error &error);
    /*! A rebuild ended: caught up, failed or cancelled. */
    void rebuildEnded();

private:
    QString selectedName() const;
    /*! The domain's code of projection \a name, or null. */
    const ProjectionInfo *code(const QString &name) const;
    bool writable() const;
    bool canRebuild(const QString &name) const;
    bool canStart(const QString &name) const;
    bool canStop(const QString &name) const;
    bool canRerun(const QString &name) const;
    /*! Runs projection \a info here in \a mode, as the only one of its name. */
    void host(const ProjectionInfo &info, HostedProjection::Mode mode);
    void hostedEnded(HostedProjection *hosted, const ProjectionState &state, const Error &error);
    /*! Selects \a name's row again after the rows changed. */
    void select(const QString &name);
    void updateControls();

    ProjectionsModel *m_model;
    ParkedModel *m_parked;
    QPointer<StoreReader> m_reader;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    bool m_rerunning = false;
    QTableView *m_view;
    QPushButton *m_rebuild;
    QPushButton *m_start;
    QPushButton *m_stop;
    ProgressStrip *m_progress;
    QLabel *m_parkedTitle;
    QPushButton *m_rerun;
    QLabel *m_rerunOutcome;
    QTimer m_soon;                //!< a refresh shortly after a hosted projection's state changed
    quint64 m_generation = 1;     //!< counts the stores: a reply for another is stale
    quint64 m_refreshes = 0;      //!< counts the reads of the states: only the last one's answer is shown
    QHash<QString, HostedProjection *> m_hosted; //!< the projections run here, by name
};

} // namespace Evented::Inspector
