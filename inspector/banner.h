#pragma once

#include <evented/error.h>

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

/*! A line above the views: an error (with its kind's details) or a notice; closable. */
class Banner : public QFrame
{
    Q_OBJECT
public:
    explicit Banner(QWidget *parent = nullptr);
    void showError(const Error &error);
    void showNotice(const QString &text);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace Evented::Inspector
