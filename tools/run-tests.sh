#!/usr/bin/env bash
# Everything CI runs (make test): unit, contract and API suites on SQLite and a real PostgreSQL,
# the ASan+UBSan build of the unit and API suites, a libFuzzer smoke run of every input parser,
# the benchmark smoke runs, the web unit tests and the browser journeys in Debian's Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# ccache: compile results are reused across clones in different folders (CI clones afresh).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
jobs=$(nproc)
# A fresh folder directly under /tmp: the server runs as the postgres user, which cannot enter a
# root-only checkout folder.
pgdir=$(mktemp -d -t huanxin-pg.XXXXXX)
# The first free loopback port from 55432 on: a fixed port fails when another server (a previous run
# still shutting down, a developer's own) holds it.
pgport=${HUANXIN_TEST_PG_PORT:-}
if [ -z "$pgport" ]; then
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then pgport=$p; break; fi
  done
fi

# The shard servers of the simulated distributed layout (tests/scale, docs/scaling.md).
pgshard_dirs=()
cleanup() {
  tools/pg-test-server.sh stop "$pgdir" || true; rm -rf "$pgdir"
  for d in "${pgshard_dirs[@]}"; do tools/pg-test-server.sh stop "$d" || true; rm -rf "$d"; done
}
trap cleanup EXIT
echo "== PostgreSQL test server"
HUANXIN_TEST_PG=$(tools/pg-test-server.sh start "$pgdir" "$pgport") || {
  echo "PostgreSQL test server failed to start:" >&2
  cat "$pgdir"/*.log >&2 || true
  exit 1
}
export HUANXIN_TEST_PG
echo "   $HUANXIN_TEST_PG"
echo "== PostgreSQL shard servers (two, for tests/scale)"
# The next two free loopback ports above the coordinator's; both servers start at once (initdb is
# most of the few seconds a start takes).
shardport=$pgport
shardpids=()
for i in 0 1; do
  shardport=$((shardport + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$shardport") 2>/dev/null; do shardport=$((shardport + 1)); done
  pgshard_dirs+=("$(mktemp -d -t huanxin-pg-shard.XXXXXX)")
  tools/pg-test-server.sh start "${pgshard_dirs[$i]}" "$shardport" >"${pgshard_dirs[$i]}/dsn" &
  shardpids+=($!)
done
HUANXIN_TEST_PG_SHARDS=""
shardfailed=0
for i in 0 1; do
  # Wait for both before giving up, so that cleanup never meets a server still starting.
  if ! wait "${shardpids[$i]}"; then
    echo "PostgreSQL shard server $i failed to start:" >&2
    cat "${pgshard_dirs[$i]}"/*.log >&2 || true
    shardfailed=1
  fi
  HUANXIN_TEST_PG_SHARDS+=${HUANXIN_TEST_PG_SHARDS:+,}$(cat "${pgshard_dirs[$i]}/dsn")
done
[ "$shardfailed" = 0 ] || exit 1
export HUANXIN_TEST_PG_SHARDS
echo "   $HUANXIN_TEST_PG_SHARDS"

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
  LSAN_OPTIONS="suppressions=$root/tools/lsan.supp:print_suppressions=0" \
  ctest --preset asan -j "$jobs"

echo "== Fuzz smoke (libFuzzer, 20 s per target)"
# Each parser of outside input for 20 s from its seed corpus (fuzz/corpus/<target>/, copied so
# the run does not grow the checked-in one); targets run $jobs at a time. Any crash, leak, UBSan
# report, timeout or OOM fails the script; the input is left in the printed folder to turn into a
# regression test beside the parser's tests.
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
fuzzdir=$(mktemp -d -t huanxin-fuzz.XXXXXX)
fuzz_one() {
  local t=$1 d=$2/$1
  mkdir -p "$d/corpus" "$d/artifacts"
  cp fuzz/corpus/"$t"/* "$d/corpus/"
  if build/fuzz/bin/"$t" -max_total_time=20 -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix="$d/artifacts/" "$d/corpus" >"$d/log" 2>&1; then
    echo "   $t: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$d/log" | tail -n 1)"
  else
    echo "   $t FAILED; inputs in $d/artifacts/, log:" >&2
    tail -n 40 "$d/log" >&2
    return 1
  fi
}
export -f fuzz_one
printf '%s\n' csv_fuzz xlsx_fuzz json_body_fuzz multipart_fuzz form_body_fuzz image_meta_fuzz |
  xargs -P "$jobs" -I{} bash -c 'fuzz_one "$1" "$2"' _ {} "$fuzzdir"
rm -rf "$fuzzdir"

echo "== Web unit tests (vitest)"
(cd web && npm run --silent test:unit)
echo "== Browser journeys (Playwright + Debian Chromium)"
(cd web && HUANXIN_BIN="$root/build/dev/bin/huanxin" npm run --silent test:e2e)
echo "== All suites passed"
