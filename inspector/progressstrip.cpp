#include "progressstrip.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace Evented::Inspector {

ProgressStrip::ProgressStrip(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(this))
{
    m_text->setObjectName(QStringLiteral("text"));
    m_bar->setObjectName(QStringLiteral("bar"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ProgressStrip::canceled);
    retranslateUi();
    hide();
}

void ProgressStrip::retranslateUi()
{
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(m_cancel->isEnabled() ? QString() : tr("This task cannot be cancelled once begun."));
}

void ProgressStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ProgressStrip::start(const QString &text, int maximum, bool cancelable)
{
    m_text->setText(text);
    m_bar->setRange(0, maximum);
    m_bar->setValue(0);
    m_cancel->setEnabled(cancelable);
    retranslateUi(); // the tool tip says whether it can be
    show();
}

void ProgressStrip::setValue(int value)
{
    m_bar->setValue(value);
}

int ProgressStrip::value() const
{
    return m_bar->value();
}

void ProgressStrip::finish()
{
    hide();
}

} // namespace Evented::Inspector
