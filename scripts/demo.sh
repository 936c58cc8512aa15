#!/usr/bin/env bash
# Sets up, builds and runs the Counter example against a throwaway PostgreSQL server: the
# same counter twice, so the second run continues the history of the first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
url=$(scripts/testdb.sh start)
trap 'scripts/testdb.sh stop' EXIT
id=$(cat /proc/sys/kernel/random/uuid)
build/examples/evented-counter "$url" "$id"
build/examples/evented-counter "$url" "$id"
