#!/usr/bin/env bash
# The benchmark scripts run briefly on the dev build, so that make test proves they still work
# (issue #6). Every figure they print is thrown away: no timing is asserted. bench/run.sh also runs
# register.sh, consultation.sh, programme.sh, supervision.sh, assessment.sh (the KPIs
# over 3 estates, REPEAT=3 calls) and the check-up benchmark. The full-size national load
# (bench/national.sh) has its small variant in tests/scale/scale_test.cpp.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export BIN="$root/build/dev/bin" RUNS=1 DURATION=1s DWELLINGS=2000 ESTATES=3 ORDERS=2000 GBENCH_ARGS=--benchmark_min_time=0.01 REPEAT=3
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
# The public portal beside nginx (issue #15), one second per measurement.
run bench/portal.sh
# The soak's knobs cut to seconds; the growth limit is off (a few seconds say nothing about leaks).
run env DURATION=4 INTERVAL=2 CALIBRATE=2 DISTRICT_ESTATES=5 GROWTH_PERCENT=100000 bench/soak.sh
# The scheduling engine on 10 PSPLIB j30 instances at 100 ms (issue #13): proves the script and the
# CLI's output still parse; the instances live beside the checkout and are not part of the project.
j30="$root/../shared/bench/psplib/j30"
if [ -f "$j30/optimum.csv" ]; then
  run bench/rcpsp.sh "$j30" --time-limit-ms 100 --limit 10
else
  echo "   bench/rcpsp.sh: skipped, no PSPLIB instances at $j30"
fi
