#!/usr/bin/env bash
# Installs what Huanxin needs from Debian 12's packages, and only what is missing.
# Run as root (or with sudo available). Node.js ≥ 20 must be present for the web build (Debian 12's
# own nodejs is 18: the script installs it only when no node exists, and says so).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config git clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev zbar-tools poppler-utils python3-openpyxl python3-icalendar
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql chromium nginx-light wrk bc fonts-noto-cjk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a system PostgreSQL cluster on install; the tests run their own on another port.
if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "install-deps: warning: node $(node --version) is older than 20; the web build needs Node.js ≥ 20.19" >&2
fi
