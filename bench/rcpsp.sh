#!/usr/bin/env bash
# The scheduling engine on a PSPLIB folder (issue #13, docs/decisions/0013-rcpsp.md):
#   bench/rcpsp.sh FOLDER [--time-limit-ms N] [--runs R] [--limit K]
# runs `huanxin rcpsp` (release build: build/release/bin/huanxin, else $HUANXIN_BIN) on every .sm in
# FOLDER (the first K with --limit), two instances at a time (the machine's 2 cores; each solve uses
# one core, so the figure is per instance on one core), compares the makespans with FOLDER/optimum.csv
# and prints the average deviation from the optimum (%), the optima found (n/N, %), and mean and
# median seconds per instance. With --runs R the whole folder runs R times (seeds 1…R) and each
# figure is the median of the runs'. Prints a Markdown line and saves it under build/bench/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 FOLDER [--time-limit-ms N] [--runs R] [--limit K]" >&2; exit 2; }
[ $# -ge 1 ] || usage
folder=$1
shift
limit_ms=1000 runs=1 limit=0
while [ $# -gt 0 ]; do
  case $1 in
    --time-limit-ms) limit_ms=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    *) usage ;;
  esac
done
bin=$root/build/release/bin/huanxin
[ -x "$bin" ] || bin=${HUANXIN_BIN:?build the release preset or set HUANXIN_BIN}
[ -f "$folder/optimum.csv" ] || { echo "$folder/optimum.csv missing" >&2; exit 2; }
PARALLEL=${PARALLEL:-2}
work=$(mktemp -d -t hx-bench-rcpsp.XXXXXX)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(find "$folder" -maxdepth 1 -name '*.sm' | sort -V)
[ "$limit" -gt 0 ] && files=("${files[@]:0:$limit}")
[ ${#files[@]} -gt 0 ] || { echo "no .sm files in $folder" >&2; exit 2; }

# one FILE SEED OUT: "name makespan seconds" appended to OUT.
one() {
  local f=$1 seed=$2 out=$3 t0 t1 ms
  t0=$(date +%s.%N)
  ms=$("$BIN_RCPSP" rcpsp "$f" --time-limit-ms "$LIMIT_MS" --seed "$seed" 2>/dev/null | awk 'NR == 1 && $1 == "makespan" {print $2}')
  t1=$(date +%s.%N)
  [ -n "$ms" ] || { echo "no makespan for $f" >&2; return 1; }
  echo "$(basename "$f") $ms $(echo "$t1 - $t0" | bc)" >>"$out.$$.$BASHPID"
}
export -f one
export BIN_RCPSP=$bin LIMIT_MS=$limit_ms

results=()
for ((run = 1; run <= runs; ++run)); do
  out=$work/run$run
  printf '%s\n' "${files[@]}" | xargs -P "$PARALLEL" -I{} bash -c 'one "$1" "$2" "$3"' _ {} "$run" "$out"
  cat "$out".* >"$out"
  line=$(awk -F'[ ,]' 'NR == FNR { if (FNR > 1) opt[$1] = $2; next }
    ($1 in opt) { n++; dev += ($2 - opt[$1]) / opt[$1] * 100; if ($2 == opt[$1]) hit++; if ($2 < opt[$1]) bad++;
                  sum += $3 }
    END { if (bad) { print "makespan below the optimum on " bad " instances" > "/dev/stderr"; exit 1 }
          printf "%.4f %d %d %.2f %.3f", dev / n, hit, n, hit / n * 100, sum / n }' \
    "$folder/optimum.csv" "$out")
  line="$line $(awk '{print $3}' "$out" | sort -g | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')"
  echo "   run $run (seed $run): $line" >&2
  results+=("$line")
done
# The median of each figure over the runs.
median() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{print $c}' | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
n=$(median 3)
summary="| $(basename "$folder") | ${limit_ms} ms | $(median 1) % | $(median 2)/$n ($(median 4) %) | $(median 5) s | $(median 6) s | $runs |"
echo "| set | limit | avg deviation | optima found | mean s/instance | median s/instance | runs |"
echo "|---|---|---|---|---|---|---|"
echo "$summary"
mkdir -p "$root/build/bench"
echo "$summary" >"$root/build/bench/rcpsp-$(basename "$folder").md"
