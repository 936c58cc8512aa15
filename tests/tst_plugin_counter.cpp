// The counter plugin's domain through the test kit: its commands, their rejections, and the
// projection "counter" as the plugin configures it.

#include "plugintesting.h"

#include "counter.h"

#include <evented/testing/entityspec.h>
#include <evented/testing/projectionspec.h>

#include <QTest>

#include <limits>

using namespace CounterDomain;
using namespace Evented::Testing;

namespace {
constexpr quint64 maximum = std::numeric_limits<quint64>::max();
const QString view = QStringLiteral("SELECT id, value FROM counter_projection ORDER BY value");

QVariantMap row(const QUuid &id, qint64 value)
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("value"), value}};
}
} // namespace

class tst_PluginCounter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void increase_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<quint64>("inc");
        QTest::newRow("from nothing") << quint64(0) << quint64(1);
        QTest::newRow("by many") << quint64(40) << quint64(2);
        QTest::newRow("beyond qint64") << quint64(std::numeric_limits<qint64>::max()) << quint64(1);
        QTest::newRow("up to the maximum") << maximum - 1 << quint64(1);
    }
    void increase()
    {
        QFETCH(quint64, value);
        QFETCH(quint64, inc);
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Counter>(id, Increased{id, value}).when(Increase{inc}).then(Increased{id, inc}));
    }

    void overflow()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Counter>(id, Increased{id, 1}).when(Increase{maximum}).thenRejected(Overflow{1, maximum}));
        // A stored value beyond qint64 reads back with every digit.
        EVENTED_SPEC(given<Counter>(id, Increased{id, maximum}).when(Increase{1}).thenRejected(Overflow{maximum, 1}));
    }

    void decrease()
    {
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Counter>(id, Increased{id, 5}).when(Decrease{5}).then(Decreased{id, 5}));
    }

    void underflow_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<quint64>("dec");
        QTest::newRow("a new counter") << quint64(0) << quint64(1);
        QTest::newRow("by more than it has") << quint64(2) << quint64(3);
    }
    void underflow()
    {
        QFETCH(quint64, value);
        QFETCH(quint64, dec);
        const QUuid id = QUuid::createUuid();
        EVENTED_SPEC(given<Counter>(id, Increased{id, value}).when(Decrease{dec}).thenRejected(Underflow{value, dec}));
    }

    void projection()
    {
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        EVENTED_SPEC(ProjectionSpec(TestSupport::shippedDomain(), QStringLiteral("counter"))
                         .given<Counter>(a, Increased{a, 40}, Decreased{a, 2})
                         .given<Counter>(b, Increased{b, 1})
                         .given<Counter>(a, Increased{a, 1})
                         .thenRows(view, {row(b, 1), row(a, 39)}));
    }
};

QTEST_GUILESS_MAIN(tst_PluginCounter)

#include "tst_plugin_counter.moc"
