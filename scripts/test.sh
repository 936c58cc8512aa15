#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds, and runs the whole test suite. ctest starts and
# stops the throwaway PostgreSQL server itself (scripts/testdb.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --timeout 600
