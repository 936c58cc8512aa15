// The installed QML module: an EventStore element opens an embedded store, and its store is the
// C++ EventStore that Evented::Qml hands out.
#include <evented/qml/eventstoreelement.h>

#include <QCoreApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTimer>

#include <memory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(EVENTED_QML_IMPORT_DIR));
    QQmlComponent component(&engine);
    component.setData("import Evented\nEventStore { url: \"sqlite::memory:\" }", QUrl());
    std::unique_ptr<QObject> created(component.create());
    auto *element = qobject_cast<Evented::Qml::EventStoreElement *>(created.get());
    if (!element) {
        qCritical() << component.errors();
        return 1;
    }
    QObject::connect(element, &Evented::Qml::EventStoreElement::openChanged, &app, &QCoreApplication::quit);
    QTimer::singleShot(10000, &app, &QCoreApplication::quit);
    app.exec();
    if (!element->isOpen() || !element->store() || !element->store()->isOpen()) {
        qCritical() << "the store did not open:" << element->error();
        return 1;
    }
    return 0;
}
