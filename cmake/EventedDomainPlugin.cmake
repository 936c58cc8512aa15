# evented_add_domain_plugin(<target> SOURCES <files>... [CATALOG <name> TS_FILES <files>...]
#                           [OUTPUT_DIRECTORY <dir>] [INSTALL_DESTINATION <dir>])
#
# A domain plugin: a Qt plugin of the interface Evented::DomainPlugin (see evented/domain.h),
# linked to Evented::Core. Its sources include the JSON metadata named by Q_PLUGIN_METADATA.
# With CATALOG, the TS_FILES are compiled and embedded under :/i18n/<name>_<language>.qm, for
# the plugin to install with Evented::installCatalog(<name>). The plugin is built into
# OUTPUT_DIRECTORY (default <build>/plugins) and installed into INSTALL_DESTINATION (default
# lib/evented/plugins, where the installed inspector and eventedctl look); point
# EVENTED_PLUGIN_PATH at either to have the tools load it.
#
# Installed with the Evented package: find_package(Evented) makes it available to a plugin of
# any project.
function(evented_add_domain_plugin name)
    cmake_parse_arguments(ARG "" "CATALOG;OUTPUT_DIRECTORY;INSTALL_DESTINATION" "SOURCES;TS_FILES" ${ARGN})
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "evented_add_domain_plugin(${name}): no SOURCES")
    endif()
    if(ARG_CATALOG AND NOT ARG_TS_FILES)
        message(FATAL_ERROR "evented_add_domain_plugin(${name}): CATALOG ${ARG_CATALOG} without TS_FILES")
    endif()
    if(NOT ARG_OUTPUT_DIRECTORY)
        set(ARG_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
    endif()
    if(NOT ARG_INSTALL_DESTINATION)
        include(GNUInstallDirs)
        set(ARG_INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/evented/plugins)
    endif()
    # Qt 6.4's qt_add_plugin takes no sources: they are added separately.
    qt_add_plugin(${name} SHARED)
    target_sources(${name} PRIVATE ${ARG_SOURCES})
    if(ARG_CATALOG)
        find_package(Qt6 REQUIRED COMPONENTS LinguistTools)
        qt_add_translations(${name}
            TS_FILES ${ARG_TS_FILES}
            RESOURCE_PREFIX /i18n
            LUPDATE_OPTIONS -no-obsolete -locations none)
    endif()
    set_target_properties(${name} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    target_link_libraries(${name} PRIVATE Evented::Core)
    install(TARGETS ${name} LIBRARY DESTINATION ${ARG_INSTALL_DESTINATION})
endfunction()
