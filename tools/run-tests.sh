#!/usr/bin/env bash
# Everything CI runs (make test): unit, contract and API suites on SQLite and a real PostgreSQL,
# the API description's lint and example check and its conformance with the server's answers, the
# ASan+UBSan build of the unit and API suites, a libFuzzer smoke run of every input parser, the
# benchmark smoke runs, the web unit tests and the browser journeys in Debian's Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# ccache: compile results are reused across clones in different folders (CI clones afresh).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
# ccache caches compilations that use precompiled headers only with these (cmake/pch.hpp).
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
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
# Where the time goes (issue #11: keep CI under 30 minutes as the code grows): every stage's
# seconds, printed at the end whether the run passed or failed.
stage_names=() stage_starts=()
stage() {
  stage_names+=("$1")
  stage_starts+=("$SECONDS")
  echo "== $1"
}
stage_times() {
  local i n=${#stage_names[@]} end
  [ "$n" -gt 0 ] || return 0
  echo "== Time per stage (s)"
  for ((i = 0; i < n; i++)); do
    end=$SECONDS
    [ $((i + 1)) -lt "$n" ] && end=${stage_starts[$((i + 1))]}
    printf '   %5d  %s\n' $((end - stage_starts[i])) "${stage_names[i]}"
  done
  printf '   %5d  total (make test, after the web build)\n' "$SECONDS"
}
cleanup() {
  stage_times
  tools/pg-test-server.sh stop "$pgdir" || true; rm -rf "$pgdir"
  for d in "${pgshard_dirs[@]}"; do tools/pg-test-server.sh stop "$d" || true; rm -rf "$d"; done
}
trap cleanup EXIT
# start_pg DIR PORT → prints the DSN. The port probe above only sees listening servers; a port that
# a client connection holds as its local (ephemeral) port passes it and then fails to bind, so on
# failure the next free ports are tried.
start_pg() {
  local dir=$1 port=$2 tries
  for tries in 1 2 3 4 5; do
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    if tools/pg-test-server.sh start "$dir" "$port"; then return 0; fi
    echo "   (port $port would not bind; trying the next)" >&2
    tools/pg-test-server.sh stop "$dir" >/dev/null 2>&1 || true
    port=$((port + 1))
  done
  cat "$dir"/*.log >&2 || true
  return 1
}
stage "PostgreSQL test server"
# The suites' servers do not wait for the disk (tools/pg-test-server.sh: HUANXIN_PG_NO_FSYNC).
export HUANXIN_PG_NO_FSYNC=1
HUANXIN_TEST_PG=$(start_pg "$pgdir" "$pgport") || { echo "PostgreSQL test server failed to start" >&2; exit 1; }
export HUANXIN_TEST_PG
echo "   $HUANXIN_TEST_PG"
stage "PostgreSQL shard servers (two, for tests/scale)"
pgport=${HUANXIN_TEST_PG##*:}
pgport=${pgport%%/*}
HUANXIN_TEST_PG_SHARDS=""
shardport=$((pgport + 1))
for i in 0 1; do
  pgshard_dirs+=("$(mktemp -d -t huanxin-pg-shard.XXXXXX)")
  dsn=$(start_pg "${pgshard_dirs[$i]}" "$shardport") || { echo "PostgreSQL shard server $i failed to start" >&2; exit 1; }
  HUANXIN_TEST_PG_SHARDS+=${HUANXIN_TEST_PG_SHARDS:+,}$dsn
  shardport=${dsn##*:}
  shardport=$((${shardport%%/*} + 1))
done
export HUANXIN_TEST_PG_SHARDS
echo "   $HUANXIN_TEST_PG_SHARDS"
stage "PostgreSQL streaming replica of the test server (pg_basebackup -R, for tests/scale)"
pgshard_dirs+=("$(mktemp -d -t huanxin-pg-replica.XXXXXX)")
while (exec 3<>"/dev/tcp/127.0.0.1/$shardport") 2>/dev/null; do shardport=$((shardport + 1)); done
HUANXIN_TEST_PG_REPLICA=$(tools/pg-test-server.sh replica "${pgshard_dirs[2]}" "$shardport" "$pgport") ||
  { echo "PostgreSQL replica failed to start" >&2; exit 1; }
export HUANXIN_TEST_PG_REPLICA
echo "   $HUANXIN_TEST_PG_REPLICA"

stage "One definition per type name (tools/check-odr.py)"
tools/check-odr.py
stage "Build (dev)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
stage "API description: redocly lint and examples"
# The document the dev build merged from src/http/openapi/ and embedded (issue #11); a few seconds.
apistart=$SECONDS
tools/lint-openapi.sh build/dev/openapi.json
(cd web && node scripts/check-openapi-examples.mjs ../build/dev/openapi.json)
echo "   ($((SECONDS - apistart)) s)"
stage "API conformance: the server's answers against the API description"
# The dev server on a fresh SQLite demo database, every GET route as admin and the demo accounts plus a
# few writes, each JSON answer validated against the merged description (about 10 s).
apistart=$SECONDS
(cd web && HUANXIN_BIN="$root/build/dev/bin/huanxin" node scripts/check-api-conformance.mjs ../build/dev/openapi.json)
echo "   ($((SECONDS - apistart)) s)"
stage "Open311 GeoReport v2: the answers against the standard's schemas and XML forms"
# The same demo server; JSON answers validated with ajv against ../shared/interop/open311-georeport-v2,
# XML answers checked with xmllint (libxml2-utils) or parsed; errors, form posts, ids and tokens.
# The schemas live beside the checkout and are not part of the project (like the PSPLIB instances).
apistart=$SECONDS
if [ -f "$root/../shared/interop/open311-georeport-v2/request.json" ]; then
  (cd web && HUANXIN_BIN="$root/build/dev/bin/huanxin" node scripts/check-open311.mjs)
else
  echo "   check-open311: skipped, no GeoReport v2 schemas at $root/../shared/interop/open311-georeport-v2"
fi
echo "   ($((SECONDS - apistart)) s)"
stage "Unit, contract, API and bench smoke tests (dev, SQLite + PostgreSQL)"
ctest --preset dev -j "$jobs"

stage "Benchmark scripts, smoke run (dev build, seconds each, figures discarded)"
tools/bench-smoke.sh

# One sanitizer build (clang: ASan + UBSan + libFuzzer's coverage instrumentation) serves both the
# unit and API suites and the fuzz targets: a separate fuzz build compiled the whole server a third
# time (issue #11, CI time).
stage "Build (asan: AddressSanitizer + UndefinedBehaviorSanitizer, tests and fuzz targets)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
stage "Unit and API tests under ASan+UBSan (API on SQLite)"
# The API suite runs here on SQLite only (CMakePresets.json, test preset asan): the PostgreSQL
# journeys exercise the same services and handlers through another driver, and the dev stage above
# already runs them; under ASan they doubled this stage's time (issue #14 note, CI time).
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tools/lsan.supp:print_suppressions=0" \
  ctest --preset asan -j "$jobs"

stage "Fuzz smoke (libFuzzer, 20 s per target)"
# Each parser of outside input for 20 s from its seed corpus (fuzz/corpus/<target>/, copied so
# the run does not grow the checked-in one); targets run $jobs at a time. Any crash, leak, UBSan
# report, timeout or OOM fails the script; the input is left in the printed folder to turn into a
# regression test beside the parser's tests.
fuzzdir=$(mktemp -d -t huanxin-fuzz.XXXXXX)
fuzz_one() {
  local t=$1 d=$2/$1
  mkdir -p "$d/corpus" "$d/artifacts"
  cp fuzz/corpus/"$t"/* "$d/corpus/"
  if build/asan/bin/"$t" -max_total_time=20 -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix="$d/artifacts/" "$d/corpus" >"$d/log" 2>&1; then
    echo "   $t: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$d/log" | tail -n 1)"
  else
    echo "   $t FAILED; inputs in $d/artifacts/, log:" >&2
    tail -n 40 "$d/log" >&2
    return 1
  fi
}
export -f fuzz_one
printf '%s\n' csv_fuzz xlsx_fuzz json_body_fuzz multipart_fuzz form_body_fuzz image_meta_fuzz psplib_fuzz request_parser_fuzz |
  xargs -P "$jobs" -I{} bash -c 'fuzz_one "$1" "$2"' _ {} "$fuzzdir"
rm -rf "$fuzzdir"

stage "Web unit tests (vitest)"
(cd web && npm run --silent test:unit)
stage "Browser journeys (Playwright + Debian Chromium)"
(cd web && HUANXIN_BIN="$root/build/dev/bin/huanxin" npm run --silent test:e2e)
echo "== All suites passed"
