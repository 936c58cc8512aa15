#pragma once

#include <evented/error.h>

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
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

private:
    QLabel *m_text;
};

} // namespace Evented::Inspector
