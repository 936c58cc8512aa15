import QtQuick
import QtTest
import Evented

// The EventStore element opens the store and sets the domain up; a Projection hosts one of
// the domain's projections; a store that cannot open says why.
TestCase {
    id: test
    name: "Store"

    EventStore {
        id: store
        url: storeUrl
        pluginPath: [pluginDir]
    }

    Projection {
        id: projection
        store: store
        name: "account"
        running: true
    }

    EventStore {
        id: broken
        url: "mysql://nowhere/x"
    }

    Projection {
        id: unknown
        store: store
        name: "no-such-projection"
        running: true
    }

    function test_opensAndHostsProjection() {
        tryCompare(store, "open", true, 10000)
        compare(store.error, "")
        tryCompare(projection, "status", ProjectionState.Live, 10000)
        projection.running = false
        compare(projection.status, ProjectionState.Stopped)
        projection.running = true
        tryCompare(projection, "status", ProjectionState.Live, 10000)
    }

    function test_errors() {
        verify(!broken.open)
        verify(broken.error.indexOf("mysql") >= 0, broken.error)
        tryCompare(store, "open", true, 10000)
        verify(unknown.error.indexOf("no-such-projection") >= 0, unknown.error)
        compare(unknown.status, ProjectionState.Stopped)
    }
}
