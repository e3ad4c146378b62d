#!/usr/bin/env bash
# Supervision and ticket benchmarks (issue #14), part of make bench:
#  1. the overdue list over 100 000 rectification orders (first page, with the count) beside the
#     same count and page written as raw SQL, and the home page's supervision counts (Google
#     Benchmark, one process, same run; SQLite, and PostgreSQL when HUANXIN_BENCH_PG is set);
#  2. durable tickets per second over HTTP: wrk POSTs staff-intake tickets (a grid worker's door
#     visit) on SQLite, durable (WAL synced before each answer); every answer must be 201 and the tickets counted afterwards
#     must be at least those acknowledged. Beside it, in the same run, 4 KiB O_DSYNC writes per
#     second on the same disk (dd), the floor of one fsync per acknowledged write.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
ORDERS=${ORDERS:-100000}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench-supervision.XXXXXX)
mkdir -p "$out"
port=18187
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

echo "== 1. Overdue list over $ORDERS rectification orders vs raw SQL (SQLite)"
ORDERS=$ORDERS "$BIN/supervision_bench" --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true \
  ${GBENCH_ARGS:-} | tee "$out/supervision_bench.txt"
list=$(gbench BM_OverdueListFirstPage/real_time "$out/supervision_bench.txt")
raw=$(gbench BM_RawSqlOverduePage/real_time "$out/supervision_bench.txt")
counts=$(gbench BM_WorkbenchCounts/real_time "$out/supervision_bench.txt")
pg_row=""
if [ -n "${HUANXIN_BENCH_PG:-}" ]; then
  echo "== 1b. The same on PostgreSQL ($HUANXIN_BENCH_PG, emptied first)"
  psql -q "$HUANXIN_BENCH_PG" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
  HUANXIN_BENCH_DSN=$HUANXIN_BENCH_PG ORDERS=$ORDERS "$BIN/supervision_bench" --benchmark_repetitions="$RUNS" \
    --benchmark_report_aggregates_only=true ${GBENCH_ARGS:-} | tee "$out/supervision_bench_pg.txt"
  pl=$(gbench BM_OverdueListFirstPage/real_time "$out/supervision_bench_pg.txt")
  pr=$(gbench BM_RawSqlOverduePage/real_time "$out/supervision_bench_pg.txt")
  pc=$(gbench BM_WorkbenchCounts/real_time "$out/supervision_bench_pg.txt")
  pg_row="| Overdue list, first page of 20 with the count, $ORDERS orders, PostgreSQL (ms) | $pl | raw SQL $pr | $(echo "scale=2; $pl / $pr" | bc)× |
| Home page supervision counts, PostgreSQL (ms) | $pc | – | – |"
fi

echo "== 2. Durable tickets per second over HTTP (SQLite, WAL synced before each answer) beside dd oflag=dsync"
rates=() dsyncs=()
for run in $(seq 1 "$RUNS"); do
  serve_fresh "$work" "$port"
  api="http://127.0.0.1:$port/api/v1"
  token=$(admin_token "$api")
  auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
  estate=$(curl -fs -X POST "$api/estates" "${auth[@]}" \
    -d '{"regionCode":"360104002001","name":"诉求基准小区","address":"基准路2号","builtYear":1990}' | json 'd["id"]')
  cat >"$work/tickets.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"category":"construction_quality","content":"3栋楼道墙面刚刷完就起皮脱落，请施工单位返工","estateId":$estate,"visitNote":"网格员入户走访记录","address":"3栋2单元"}'
LUA
  o=$(wrk -t2 -c16 -d"$DURATION" -s "$work/tickets.lua" "http://127.0.0.1:$port/api/v1/tickets")
  if echo "$o" | grep -q "Non-2xx"; then echo "bench: non-2xx answers" >&2; echo "$o" >&2; exit 1; fi
  rate=$(echo "$o" | awk '/Requests\/sec/ {print $2}')
  total=$(echo "$o" | awk '/requests in/ {print $1}')
  stored=$(curl -fs "$api/tickets?pageSize=1" -H "Authorization: Bearer $token" | json 'd["total"]')
  [ "$stored" -ge "$total" ] || { echo "bench: $total acknowledged but $stored tickets stored" >&2; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  dsync=$(dsync_rate "$work")
  rates+=("$rate") dsyncs+=("$dsync")
  echo "   run $run: $rate tickets/s ($total acknowledged, $stored stored); dd oflag=dsync: $dsync writes/s"
done
tickets=$(printf '%s\n' "${rates[@]}" | median)
dsync=$(printf '%s\n' "${dsyncs[@]}" | median)
table="$out/supervision.md"
{
  echo "| Measure | Huanxin | Reference | Ratio |"
  echo "|---|---|---|---|"
  echo "| Overdue list, first page of 20 with the count, $ORDERS orders, SQLite (median of $RUNS, ms) | $list | raw SQL $raw | $(echo "scale=2; $list / $raw" | bc)× |"
  echo "| Home page supervision counts, SQLite (ms) | $counts | – | – |"
  [ -n "$pg_row" ] && echo "$pg_row"
  echo "| Durable tickets per second over HTTP (wrk 2 threads, 16 connections, $DURATION, median of $RUNS) | $tickets | 4 KiB O_DSYNC writes/s $dsync | $(echo "scale=2; $tickets / $dsync" | bc)× |"
} | tee "$table"
