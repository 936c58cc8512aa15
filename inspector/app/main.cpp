// evented-inspector: browse a store's entities and events, replay histories, run commands and
// watch projections. `evented-inspector --help` describes the command line.

#include <evented/inspector/inspectorwindow.h>
#include <evented/version.h>

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral(EVENTED_VERSION_STRING));
    return Evented::Inspector::InspectorWindow::runApplication(app);
}
