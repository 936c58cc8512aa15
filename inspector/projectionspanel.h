#pragma once

#include "preparewrites.h"

#include <evented/domain.h>

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class ProgressStrip;
class ProjectionsModel;
class StoreReader;

/*!
    Every projection's state, those the domain declares that never ran too, refreshed while
    shown, with a rebuild. Reads and the rebuild run
    on the StoreReader's store, in its thread; the rebuild shows its progress here, with Cancel.
*/
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectionsPanel(ProjectionsModel *model, QWidget *parent = nullptr);
    ~ProjectionsPanel() override;
    void setStore(StoreReader *reader, const Domain *domain, bool readOnly);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }
    /*! A rebuild runs. */
    bool isRebuilding() const;

public Q_SLOTS:
    /*! Reads the projections' states again (unless a read is on its way). */
    void refresh();
    /*! Resets the selected projection and runs it here until it has caught up (after a confirmation). */
    void rebuildSelected(bool confirm = true);
    /*! Stops a rebuild; the projection stays where it got to. */
    void cancelRebuild();

Q_SIGNALS:
    void failed(const Evented::Error &error);
    /*! A rebuild ended: caught up, failed or cancelled. */
    void rebuildEnded();

private:
    struct Rebuild;
    void rebuild(const QString &name, const ProjectionInfo &info);
    void ended(quint64 generation, const ProjectionState &state, const Error &error);
    void updateEnabled();
    /*! Stops the rebuild's projection and reports how it ended; in the reader's thread, once. */
    static void endRebuild(const std::shared_ptr<Rebuild> &rebuild, ProjectionsPanel *panel,
                           const std::function<void(const ProjectionState &)> &report);

    ProjectionsModel *m_model;
    QPointer<StoreReader> m_reader;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    QTableView *m_view;
    QPushButton *m_rebuild;
    ProgressStrip *m_progress;
    quint64 m_generation = 1;     //!< counts the stores: a reply for another is stale
    quint64 m_refreshes = 0;      //!< counts the reads of the states: only the last one's answer is shown
    std::shared_ptr<Rebuild> m_running; //!< the rebuild under way, if any
};

} // namespace Evented::Inspector
