#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace Evented::Inspector {

/*!
    A long task's progress inside the window, not in a dialog: what runs, a bar and Cancel.
    Hidden while nothing runs; the event loop goes on turning meanwhile.
*/
class ProgressStrip : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressStrip(QWidget *parent = nullptr);
    /*! Shows \a text with a bar from 0 to \a maximum (0: busy, without a bar's end); Cancel is
        disabled, saying so, unless the task is \a cancelable. */
    void start(const QString &text, int maximum, bool cancelable = true);
    void setValue(int value);
    int value() const;
    /*! Hides it. */
    void finish();

Q_SIGNALS:
    /*! Cancel was pressed; the owner stops the task. */
    void canceled();

protected:
    void changeEvent(QEvent *event) override;

private:
    /*! Sets Cancel's text and tool tip in the language in use. */
    void retranslateUi();

    QLabel *m_text;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace Evented::Inspector
