#!/usr/bin/env bash
# Installs the built project into a temporary prefix, then builds and runs projects of others
# against it with find_package(Evented): the host application (with the inspector and a domain
# plugin of its own, and its specs through the test kit) and a Core-only program.  Usage: check.sh BUILD_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
export LD_LIBRARY_PATH="$work/prefix/lib:$work/prefix/lib64:${LD_LIBRARY_PATH:-}"
for project in "$here" "$here/coreonly"; do
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
