#!/usr/bin/env bash
# Everything CI runs (make test): unit, contract and API suites on SQLite and a real PostgreSQL,
# the ASan+UBSan build of the unit and API suites, the benchmark smoke runs, the web unit tests and
# the browser journeys in Debian's Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# ccache: compile results are reused across clones in different folders (CI clones afresh).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
jobs=$(nproc)
# A fresh folder directly under /tmp: the server runs as the postgres user, which cannot enter a
# root-only checkout folder.
pgdir=$(mktemp -d -t huanxin-pg.XXXXXX)
pgport=${HUANXIN_TEST_PG_PORT:-55432}

cleanup() { tools/pg-test-server.sh stop "$pgdir" || true; rm -rf "$pgdir"; }
trap cleanup EXIT
echo "== PostgreSQL test server"
HUANXIN_TEST_PG=$(tools/pg-test-server.sh start "$pgdir" "$pgport") || {
  echo "PostgreSQL test server failed to start:" >&2
  cat "$pgdir"/*.log >&2 || true
  exit 1
}
export HUANXIN_TEST_PG
echo "   $HUANXIN_TEST_PG"

echo "== Build (dev)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
echo "== Unit, contract, API and bench smoke tests (dev, SQLite + PostgreSQL)"
ctest --preset dev -j "$jobs"

echo "== Build (asan: AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
echo "== Unit and API tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$jobs"

echo "== Web unit tests (vitest)"
(cd web && npm run --silent test:unit)
echo "== Browser journeys (Playwright + Debian Chromium)"
(cd web && HUANXIN_BIN="$root/build/dev/bin/huanxin" npm run --silent test:e2e)
echo "== All suites passed"
