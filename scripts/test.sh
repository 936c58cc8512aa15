#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds, and runs the whole test suite. ctest starts and
# stops the throwaway servers itself (scripts/testdb.sh, and PgBouncer, standbys and a Citus
# cluster for the labels pooler, ha and citus).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
# Citus for the tests on a sharded cluster (label citus), before any server starts: where it
# cannot be installed, those tests are skipped.
scripts/citus.sh install
scripts/build.sh
ctest --test-dir build --output-on-failure --timeout 600
