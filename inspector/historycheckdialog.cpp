#include "historycheckdialog.h"
#include "progressstrip.h"

#include <evented/inspector/storereader.h>

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <limits>

namespace Evented::Inspector {

namespace {

QString kindText(HistoryProblem::Kind kind)
{
    switch (kind) {
    case HistoryProblem::Kind::Event:
        return HistoryCheckDialog::tr("event");
    case HistoryProblem::Kind::SnapshotDisagrees:
        return HistoryCheckDialog::tr("stale snapshot");
    case HistoryProblem::Kind::SnapshotUndecodable:
        return HistoryCheckDialog::tr("undecodable snapshot");
    case HistoryProblem::Kind::SnapshotOrphaned:
        return HistoryCheckDialog::tr("orphaned snapshot");
    }
    return {};
}

} // namespace

HistoryCheckDialog::HistoryCheckDialog(StoreReader *reader, const Domain &domain, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_progress(new ProgressStrip(this))
    , m_results(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("historyCheck"));
    m_summary->setObjectName(QStringLiteral("historyCheck.summary"));
    m_summary->setWordWrap(true);
    m_results->setObjectName(QStringLiteral("historyCheck.results"));
    m_results->setRootIsDecorated(true);
    m_results->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_progress, &ProgressStrip::canceled, this, [this] { *m_cancel = true; });
    resize(760, 420);
    retranslateUi();
    start(reader, domain);
}

void HistoryCheckDialog::retranslateUi()
{
    setWindowTitle(tr("Check history"));
    m_results->setHeaderLabels({tr("Type / problem"), tr("Entity"), tr("Version"), tr("Seq no"), tr("What")});
}

void HistoryCheckDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi(); // the findings stay as they were reported
    QDialog::changeEvent(event);
}

HistoryCheckDialog::~HistoryCheckDialog()
{
    *m_cancel = true; // a check under way stops after its page
}

void HistoryCheckDialog::start(StoreReader *reader, const Domain &domain)
{
    m_summary->setText(tr("Reading every event with the domain's current code, folding every entity and comparing its snapshots…"));
    m_progress->start(tr("Checking the history…"), 0);
    QPointer<ProgressStrip> bar = m_progress;
    const auto cancel = m_cancel;
    reader
        ->run<Result<HistoryReport>>([domain, bar, cancel](EventStore &store) {
            HistoryCheck check(&store, domain);
            return check.run([bar, cancel](qint64 read, qint64 total) {
                // In the reader's thread: the bar moves in the dialog's.
                QMetaObject::invokeMethod(bar, [bar, read, total] {
                    if (!bar)
                        return;
                    if (total > 0 && total <= std::numeric_limits<int>::max())
                        bar->start(tr("Checking the history: %1 of %2 events…").arg(read).arg(total), int(total));
                    bar->setValue(int(std::min<qint64>(read, std::numeric_limits<int>::max())));
                });
                return !*cancel;
            });
        })
        .then(this, [this](const Result<HistoryReport> &report) { showReport(report); });
}

void HistoryCheckDialog::showReport(const Result<HistoryReport> &result)
{
    m_progress->finish();
    m_finished = true;
    if (!result) {
        m_summary->setText(tr("The history could not be read: %1").arg(result.error().message()));
        Q_EMIT checked(false);
        return;
    }
    const HistoryReport &report = result.value();
    for (const HistoryTypeReport &type : report.types) {
        auto *item = new QTreeWidgetItem(m_results);
        item->setText(0, type.typeName);
        item->setText(4, tr("%1 events, %2 entities, %3 snapshots compared, %4 of another state version, %5 problems")
                             .arg(type.events)
                             .arg(type.entities)
                             .arg(type.snapshotsCompared)
                             .arg(type.snapshotsOutdated)
                             .arg(type.problems.size()));
        for (const HistoryProblem &problem : type.problems) {
            auto *row = new QTreeWidgetItem(item);
            row->setText(0, kindText(problem.kind));
            row->setText(1, problem.entityId.toString(QUuid::WithoutBraces));
            row->setText(2, QString::number(problem.version));
            row->setText(3, problem.seqNo > 0 ? QString::number(problem.seqNo) : QString());
            row->setText(4, problem.reason);
        }
        item->setExpanded(!type.problems.isEmpty());
    }
    for (const QString &type : report.unknownTypes) {
        auto *item = new QTreeWidgetItem(m_results);
        item->setText(0, type);
        item->setText(4, tr("not checked: no domain code for this type"));
    }
    m_results->resizeColumnToContents(0);
    if (!report.complete)
        m_summary->setText(tr("The check was cancelled; what it read so far is shown."));
    else if (report.isSound())
        m_summary->setText(tr("The history is sound: every event reads and folds with the current code, and every snapshot agrees."));
    else
        m_summary->setText(tr("%n problem(s) found.", nullptr, int(report.problemCount())));
    Q_EMIT checked(report.isSound());
}

} // namespace Evented::Inspector
