#!/usr/bin/env bash
# Sets up, builds and runs the Counter example on the embedded default: an SQLite file, no
# server. The same counter twice, so the second run continues the history of the first.
# Pass a store URL to use another store, e.g. scripts/demo.sh "$(scripts/testdb.sh start)".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
mkdir -p build/demo
url=${1:-sqlite:$PWD/build/demo/counter.db}
id=$(cat /proc/sys/kernel/random/uuid)
build/examples/evented-counter "$url" "$id"
build/examples/evented-counter "$url" "$id"
build/tools/eventedctl --url "$url" stats
build/tools/eventedctl --url "$url" events --entity "$id"
