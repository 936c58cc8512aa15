#pragma once

#include <evented/domain.h>
#include <evented/historycheck.h>

#include <QDialog>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QTreeWidget;
QT_END_NAMESPACE

namespace Evented::Inspector {

class ProgressStrip;
class StoreReader;

/*!
    Runs a history check (Evented::HistoryCheck) of the shown store with the domain's code in
    the reader's thread: a progress bar while it reads, then per type what was read and each
    problem found. Never modal; closing it stops the check.
*/
class HistoryCheckDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryCheckDialog(StoreReader *reader, const Domain &domain, QWidget *parent = nullptr);
    ~HistoryCheckDialog() override;

    /*! Whether the check has ended (with a report or an error). */
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void checked(bool sound);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void start(StoreReader *reader, const Domain &domain);
    void showReport(const Result<HistoryReport> &report);

    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    bool m_finished = false;
    QLabel *m_summary;
    ProgressStrip *m_progress;
    QTreeWidget *m_results;
    QDialogButtonBox *m_buttons;
};

} // namespace Evented::Inspector
