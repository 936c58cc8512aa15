# The project's own compiler settings, after KDE's: strict Qt definitions and the warnings that
# catch slicing, hidden overrides and unsafe conversions. Applied to the project's targets only,
# never to a host's.
set(EVENTED_QT_DEFINITIONS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_STRICT_ITERATORS
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER)
set(EVENTED_WARNINGS
    -Wall -Wextra
    -Wcast-align -Wchar-subscripts -Wformat-security -Wpointer-arith -Wundef -Wvla -Wdate-time -Wlogical-op
    -Wnon-virtual-dtor -Woverloaded-virtual -Wsuggest-override
    -Werror=return-type)

function(evented_strict target)
    target_compile_definitions(${target} PRIVATE ${EVENTED_QT_DEFINITIONS})
    target_compile_options(${target} PRIVATE ${EVENTED_WARNINGS})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "SHARED_LIBRARY" OR type STREQUAL "MODULE_LIBRARY")
        # Every symbol a library uses is resolved when it is linked, not when it is loaded.
        target_link_options(${target} PRIVATE -Wl,--no-undefined)
    endif()
endfunction()
