#!/usr/bin/env bash
# Consultation benchmarks (issue #5), part of make bench:
#  1. the tally of 10 000 dwellings × 11 items from storage beside a raw SQL GROUP BY over the same
#     ballots (Google Benchmark, one process, same run; SQLite, and PostgreSQL when HUANXIN_BENCH_PG
#     is set);
#  2. durable ballots per second over HTTP: wrk PUTs paper ballots (two items each) to a 2 000-dwelling
#     estate on SQLite; every answer must be 200, and the ballots counted afterwards must match. Beside
#     it, in the same run, 4 KiB O_DSYNC writes per second on the same disk (dd oflag=dsync), and the
#     server's CPU time per ballot during the run.
# ONLY=ballots skips part 1; SERVER_THREADS=n serves with --threads n (bench/lib.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench-consult.XXXXXX)
mkdir -p "$out"
port=18185
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

tally="–" raw="–" recount="–"
if [ "${ONLY:-}" != ballots ]; then
  echo "== 1. Tally of 10 000 dwellings × 11 items vs raw SQL GROUP BY"
  "$BIN/consultation_bench" --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true ${GBENCH_ARGS:-} | tee "$out/consultation_bench.txt"
  tally=$(gbench BM_TallyFromStorage "$out/consultation_bench.txt")
  raw=$(gbench BM_RawSqlGroupBy "$out/consultation_bench.txt")
  recount=$(gbench BM_TallyFullRecount "$out/consultation_bench.txt")
fi

echo "== 2. Durable ballots per second over HTTP (SQLite, WAL synced before each answer) beside dd oflag=dsync"
"$BIN/huanxin" gen --roster-dwellings 2000 --out "$work/roster.csv" >/dev/null
rates=() dsyncs=() cpus=()
tck=$(getconf CLK_TCK)
for run in $(seq 1 "$RUNS"); do
  serve_fresh "$work" "$port"
  api="http://127.0.0.1:$port/api/v1"
  token=$(admin_token "$api")
  auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
  estate=$(curl -fs -X POST "$api/estates" "${auth[@]}" \
    -d '{"regionCode":"360104002001","name":"投票基准小区","address":"基准路1号","builtYear":1990}' | json 'd["id"]')
  curl -fs -X POST "$api/estates/$estate/dwellings/import" -H "Authorization: Bearer $token" \
    -F "file=@$work/roster.csv;filename=roster.csv" >/dev/null
  rule='{"type":"custom","countBy":"owners","base":"all","threshold":"2/3","inclusive":true}'
  consultation=$(curl -fs -X POST "$api/consultations" "${auth[@]}" \
    -d "{\"estateId\":$estate,\"title\":\"基准\",\"kind\":\"willingness\",\"items\":[{\"title\":\"A\",\"rule\":$rule},{\"title\":\"B\",\"rule\":$rule}]}")
  cid=$(echo "$consultation" | json 'd["id"]')
  items=$(echo "$consultation" | json '",".join(str(i["id"]) for i in d["items"])')
  curl -fs -X POST "$api/consultations/$cid/open" "${auth[@]}" >/dev/null
  dwellings=$(curl -fs "$api/estates/$estate/dwellings" -H "Authorization: Bearer $token" | json '",".join(str(x["id"]) for x in d["items"])')
  IFS=, read -r a b <<<"$items"
  write_ballot_lua "$work/ballots.lua" "$token" "$cid" "$dwellings" "{\"choices\":{\"$a\":\"agree\",\"$b\":\"agree\"},\"channel\":\"paper\"}"
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  o=$(wrk -t2 -c16 -d"$DURATION" -s "$work/ballots.lua" "http://127.0.0.1:$port")
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  if echo "$o" | grep -q "Non-2xx"; then echo "bench: non-2xx answers" >&2; echo "$o" >&2; exit 1; fi
  rate=$(echo "$o" | awk '/Requests\/sec/ {print $2}')
  total=$(echo "$o" | awk '/requests in/ {print $1}')
  cast=$(curl -fs "$api/consultations/$cid" -H "Authorization: Bearer $token" | json 'd["ballotsCast"]')
  [ "$cast" -ge "$total" ] || { echo "bench: $total acknowledged but $cast ballots counted" >&2; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  dsync=$(dsync_rate "$work")
  # The server's CPU time (user + system) during wrk's run per ballot acknowledged: steadier than
  # the rate on a shared machine, and what the request's own path costs.
  cpu=$(( (c1 - c0) * 1000000 / tck / (total > 0 ? total : 1) ))
  rates+=("$rate") dsyncs+=("$dsync") cpus+=("$cpu")
  echo "   run $run: $rate ballots/s ($total acknowledged, $cast counted), server CPU $cpu µs per ballot; dd oflag=dsync: $dsync writes/s"
done
ballots=$(printf '%s\n' "${rates[@]}" | median)
dsync=$(printf '%s\n' "${dsyncs[@]}" | median)
cpu=$(printf '%s\n' "${cpus[@]}" | median)
table="$out/consultation.md"
{
  echo "| Measure | Huanxin | Reference | Ratio |"
  echo "|---|---|---|---|"
  [ "$tally" != "–" ] && echo "| Tally, 10 000 dwellings × 11 items (median of $RUNS, ms) | $tally | raw SQL GROUP BY $raw | $(echo "scale=2; $tally / $raw" | bc)× |"
  [ "$recount" != "–" ] && echo "| Tally by full recount (the fallback while aggregates are stale; median of $RUNS, ms) | $recount | raw SQL GROUP BY $raw | $(echo "scale=2; $recount / $raw" | bc)× |"
  echo "| Durable ballots per second over HTTP (wrk 2 threads, 16 connections, $DURATION, ${SERVER_THREADS:-default} server threads, median of $RUNS) | $ballots | 4 KiB O_DSYNC writes/s $dsync | $(echo "scale=2; $ballots / $dsync" | bc)× |"
  echo "| Server CPU time per durable ballot during the same runs (user + system, median of $RUNS, µs) | $cpu | – | – |"
} | tee "$table"
