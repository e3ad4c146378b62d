#!/usr/bin/env bash
# The benchmark scripts run briefly on the dev build, so that make test proves they still work
# (issue #6). Every figure they print is thrown away: no timing is asserted. bench/run.sh also runs
# register.sh, consultation.sh, programme.sh and the check-up benchmark. The full-size national load
# (bench/national.sh) has its small variant in tests/scale/scale_test.cpp.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export BIN="$root/build/dev/bin" RUNS=1 DURATION=1s DWELLINGS=2000 ESTATES=3 GBENCH_ARGS=--benchmark_min_time=0.01
log=$(mktemp -t hx-bench-smoke.XXXXXX)
trap 'rm -f "$log"' EXIT
run() {
  if "$@" >"$log" 2>&1; then
    echo "   $*: ok"
  else
    echo "   $* FAILED:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
run bench/run.sh
# The soak's knobs cut to seconds; the growth limit is off (a few seconds say nothing about leaks).
run env DURATION=4 INTERVAL=2 CALIBRATE=2 DISTRICT_ESTATES=5 GROWTH_PERCENT=100000 bench/soak.sh
