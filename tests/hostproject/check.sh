#!/usr/bin/env bash
# Installs the built project into a temporary prefix, then builds and runs projects of others
# against it with find_package(Evented): the host application (with the inspector and a domain
# plugin of its own, and its specs through the test kit), a Core-only program, and, when the QML
# module was built, a QML host.  Usage: check.sh BUILD_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
export LD_LIBRARY_PATH="$work/prefix/lib:$work/prefix/lib64:${LD_LIBRARY_PATH:-}"
projects=("$here" "$here/coreonly")
qml=
if [ -e "$work/prefix/lib/cmake/Evented/EventedQmlTargets.cmake" ] || [ -e "$work/prefix/lib64/cmake/Evented/EventedQmlTargets.cmake" ]; then
    qml=1
    projects+=("$here/qmlhost")
fi
for project in "${projects[@]}"; do
    name=$(basename "$project")
    cmake -S "$project" -B "$work/$name" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$work/$name" >/dev/null
done
"$work/hostproject/host"
echo "host project with its own domain plugin built against the installed package and ran"
"$work/hostproject/hostspecs"
echo "host project's specs built against the installed test kit and passed"
"$work/coreonly/coreonly"
echo "Core-only project built against the installed package without Qt Widgets and ran"
if [ -n "$qml" ]; then
    QT_QPA_PLATFORM=offscreen "$work/qmlhost/qmlhost"
    echo "QML host project imported the installed module Evented and ran"
fi
