#!/usr/bin/env bash
# Installs what building, testing and running the project needs on Debian 12.
set -euo pipefail
packages=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev qt6-base-dev-tools libqt6sql6-psql libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-declarative-dev qt6-declarative-dev-tools qml6-module-qttest qml6-module-qtquick
    qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
    qml6-module-qtquick-templates qml6-module-qtqml-workerscript
    postgresql libpq-dev pgbouncer
    postgresql-15-auto-failover pg-auto-failover-cli procps iproute2
    libsimdjson-dev
    libqt6svg6
    qt6-charts-dev libqt6charts6
    xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
