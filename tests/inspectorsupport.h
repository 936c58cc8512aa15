#pragma once

// Shared by the inspector's test suites: the domain of the shipped plugins, a store with a
// counter in it shown in an inspector, widgets found by name, the models under
// QAbstractItemModelTester, and waiting for the inspector's futures.

#include "testoutcomes.h"
#include "testsupport.h"

#include <evented/domainplugins.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/inspector/inspectorwidget.h>
#include <evented/inspector/models.h>

#include <QAbstractItemModelTester>
#include <QFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <vector>

namespace InspectorSupport {

using namespace Evented;
using namespace Evented::Inspector;

inline const QUuid counterId = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-000000000001"));

inline QJsonObject jsonOf(const QPlainTextEdit *view)
{
    return QJsonDocument::fromJson(view->toPlainText().toUtf8()).object();
}

/*! Waits (turning the event loop) for \a future and gives its result; a default T when it never came. */
template<typename T>
T await(QFuture<T> future, int timeoutMs = 10000)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, timeoutMs)) {
        qWarning("the inspector's future did not finish in %d ms", timeoutMs);
        return T{};
    }
    if (future.isCanceled() || future.resultCount() == 0) {
        qWarning("the inspector's future was cancelled");
        return T{};
    }
    return future.result();
}

/*! Every model of the widget under QAbstractItemModelTester for the life of the test. */
struct ModelTesters
{
    explicit ModelTesters(InspectorWidget *widget)
    {
        const QList<QAbstractItemModel *> models{widget->entityTypesModel(), widget->entitiesModel(),
                                                 widget->historyModel(), widget->logModel(),
                                                 widget->projectionsModel(), widget->parkedModel()};
        for (QAbstractItemModel *model : models)
            testers.emplace_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning() << "no child" << name;
    return found;
}

/*! The shipped domain plugins and what the tests do with them. */
class Fixture
{
public:
    /*! Call from initTestCase(): test settings, the plugins of the build tree. */
    bool init()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("evented-tests"));
        m_plugins.load({QStringLiteral(EVENTED_PLUGIN_DIR)});
        return domain().entityType(QStringLiteral("counter")) != nullptr;
    }

    const DomainPlugins &plugins() const { return m_plugins; }
    Domain domain() const { return m_plugins.domain(); }

    /*! Handles a command through the domain; false (with a warning) unless it is applied. */
    bool send(EventStore &store, const QString &type, const QUuid &id, const QString &command,
              const QJsonObject &parameters) const
    {
        const DomainResult outcome = domain().handle(store, type, id, command, parameters);
        if (outcome.outcome != Outcome::Applied)
            qWarning() << "not applied:" << outcome.error.message() << outcome.rejectionName;
        return outcome.outcome == Outcome::Applied;
    }

    /*! One more counter event: +\a inc on \a id. */
    bool increase(EventStore &store, const QUuid &id, int inc = 1) const
    {
        return send(store, QStringLiteral("counter"), id, QStringLiteral("Increase"), {{QStringLiteral("inc"), inc}});
    }

    /*! A counter at 6 after +5, +3, -2. */
    bool seedCounter(EventStore &store) const
    {
        return increase(store, counterId, 5) && increase(store, counterId, 3)
            && send(store, QStringLiteral("counter"), counterId, QStringLiteral("Decrease"), {{QStringLiteral("dec"), 2}});
    }

private:
    DomainPlugins m_plugins;
};

/*! A store of the test's own with the counter at 6, shown in an inspector that reads only when told. */
struct Inspected
{
    TestSupport::Schema schema;
    EventStore store;
    InspectorWidget widget;

    /*! Opens, seeds and shows the store; true once the counts are shown. */
    bool open(const Fixture &fixture)
    {
        if (store.open(schema.url()).isError() || !fixture.seedCounter(store))
            return false;
        widget.setPollInterval(0);
        widget.setStore(&store, fixture.domain());
        return QTest::qWaitFor([this] { return widget.entityTypesModel()->rowOf(QStringLiteral("counter")) >= 0; });
    }
};

} // namespace InspectorSupport
