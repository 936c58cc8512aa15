#pragma once

// The shipped domain plugins' Domain, loaded from the build tree as the tools load them, for
// the projection specs of the plugin suites.

#include <evented/domainplugins.h>

namespace TestSupport {

/*! The domain of the plugins in EVENTED_PLUGIN_DIR, loaded once (a spec of a projection that did
    not load fails, naming it). */
inline const Evented::Domain &shippedDomain()
{
    static Evented::DomainPlugins plugins;
    if (plugins.records().isEmpty())
        plugins.load({QStringLiteral(EVENTED_PLUGIN_DIR)});
    return plugins.domain();
}

} // namespace TestSupport
