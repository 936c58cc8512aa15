#pragma once

#include "preparewrites.h"

#include <evented/domain.h>
#include <evented/eventstore.h>

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Evented::Inspector {

class ProjectionsModel;

/*! Every projection's state, refreshed while shown, with a rebuild. */
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectionsPanel(ProjectionsModel *model, QWidget *parent = nullptr);
    void setStore(EventStore *store, const Domain *domain, bool readOnly);
    void setPrepare(PrepareWrites prepare) { m_prepare = std::move(prepare); }

public Q_SLOTS:
    void refresh();
    /*! Resets the selected projection and runs it here until it has caught up (after a confirmation). */
    void rebuildSelected(bool confirm = true);

Q_SIGNALS:
    void failed(const Evented::Error &error);

private:
    ProjectionsModel *m_model;
    QPointer<EventStore> m_store;
    const Domain *m_domain = nullptr;
    PrepareWrites m_prepare;
    bool m_readOnly = false;
    QTableView *m_view;
    QPushButton *m_rebuild;
};

} // namespace Evented::Inspector
