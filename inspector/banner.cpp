#include "banner.h"

#include <QColor>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPalette>
#include <QToolButton>

namespace Evented::Inspector {

Banner::Banner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("banner.text"));
    m_text->setTextFormat(Qt::PlainText); // server messages are text, never markup
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    m_close = close;
    close->setObjectName(QStringLiteral("banner.close"));
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close"));
    close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void Banner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_close->setToolTip(tr("Close"));
    QFrame::changeEvent(event);
}

void Banner::showError(const Error &error)
{
    QString text = error.message();
    if (!error.sqlState().isEmpty())
        text = tr("%1 (SQLSTATE %2)").arg(text, error.sqlState());
    m_text->setText(text);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, QColor(0xfd, 0xe8, 0xe8));
    palette.setColor(QPalette::WindowText, QColor(0x8a, 0x10, 0x10));
    setPalette(palette);
    show();
}

void Banner::showNotice(const QString &text)
{
    m_text->setText(text);
    setPalette(QPalette()); // the application's own colours
    show();
}

QString Banner::text() const
{
    return m_text->text();
}

} // namespace Evented::Inspector
