#pragma once

#include <evented/domainplugins.h>
#include <evented/error.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QApplication;
class QCloseEvent;
class QEvent;
QT_END_NAMESPACE

#include <memory>

namespace Evented {
class EventStore;
}

namespace Evented::Inspector {

class InspectorWidget;
class InspectorWindowPrivate;

/*!
    The inspector application's window: an InspectorWidget with menus to open stores (the
    connect dialog and recent connections), switch read-only mode, list the domain plugins and
    choose the language (which takes effect at once). Its size, its splitters and the store shown are remembered when it
    closes (QSettings) and restored when the next one opens.
*/
class EVENTED_INSPECTOR_EXPORT InspectorWindow : public QMainWindow
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(InspectorWindow)
public:
    /*! \a plugins give the domain: entity types, commands and projections. */
    explicit InspectorWindow(const DomainPlugins &plugins, const QStringList &pluginPath = {}, QWidget *parent = nullptr);
    ~InspectorWindow() override;

    /*!
        Opens the store at \a url, replacing the one shown only when it succeeds. An empty
        database is offered to be made a store (unless read-only). With \a interactive false no
        dialog is shown. Returns the error, which is also shown in the window.
    */
    Error openStore(const QString &url, bool readOnly = false, bool interactive = true);
    void closeStore();
    /*!
        Opens the store that was shown when the window last closed (remembered without its
        password, read-only if it was), without dialogs. False when there is none or it cannot
        be opened (the error is shown in the window).
    */
    bool reopenLastStore();
    EventStore *store() const;
    InspectorWidget *inspector() const;
    bool isReadOnly() const;

    /*!
        The evented-inspector program: reads the command line of \a app
        (\c [URL] \c --read-only \c --plugin-path \c --language), installs the translations, loads
        the domain plugins, shows the window and runs the event loop.
    */
    static int runApplication(QApplication &app);

public Q_SLOTS:
    void showConnectDialog();
    void showPluginsDialog();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void saveLayout() const;
    void restoreLayout();
    /*! Sets every text of the window in the language in use. */
    void retranslateUi();
    void updateRecentMenu();
    void updateTitle();
    QString explain(const Error &error) const;

    std::unique_ptr<InspectorWindowPrivate> d_ptr;
};

} // namespace Evented::Inspector
