#!/usr/bin/env bash
# Programme statistics benchmark (issue #12), part of make bench: a city of ESTATES estates (2 000)
# from `huanxin gen --estates N --projects YEAR` (register rows by COPY, then the estates packaged
# into projects with ledger entries and the counties' annual plans), on SQLite and — when
# HUANXIN_BENCH_PG holds a DSN of a server we may create a database on — on PostgreSQL. On each,
# programme_bench times ProgrammeService::Statistics (the call behind GET /api/v1/stats/programme)
# for the city 3601 beside a raw SQL aggregate over the same rows, in one process and one run:
# medians of RUNS repetitions. Prints a Markdown table and saves it under build/bench/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
ESTATES=${ESTATES:-2000}
YEAR=${YEAR:-2025}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench-programme.XXXXXX)
mkdir -p "$out"
trap 'rm -rf "$work"' EXIT

# load DSN: a migrated database with Nanchang's regions and the generated city.
load() {
  "$BIN/huanxin" migrate --db "$1" >/dev/null
  "$BIN/huanxin" import-regions --db "$1" --regions-prefix 3601 >/dev/null 2>&1
  "$BIN/huanxin" gen --db "$1" --estates "$ESTATES" --region 3601 --projects "$YEAR" | sed 's/^/   /'
}
# measure NAME DSN: a table row from programme_bench's medians.
measure() {
  local txt="$work/$1.txt"
  HUANXIN_BENCH_DSN=$2 REGION=3601 YEAR=$YEAR "$BIN/programme_bench" --benchmark_repetitions="$RUNS" \
    --benchmark_report_aggregates_only=true ${GBENCH_ARGS:-} | tee "$txt" >&2
  local svc raw n
  # The median row (the plain row when RUNS=1: Google Benchmark prints no aggregates then); names
  # end in /real_time (the benchmarks use real time).
  local svc_re='^BM_ProgrammeStatistics(/real_time)?(_median)?$' raw_re='^BM_RawSqlAggregate(/real_time)?(_median)?$'
  svc=$(awk -v re="$svc_re" '$1 ~ re {v = $2} END {print v}' "$txt")
  raw=$(awk -v re="$raw_re" '$1 ~ re {v = $2} END {print v}' "$txt")
  n=$(awk -v re="$svc_re" '$1 ~ re {v = ""; for (i = 1; i <= NF; ++i) if ($i ~ /=/) v = v $i " "} END {print v}' "$txt")
  echo "| $1 | $svc | $raw | $(echo "scale=2; $svc / $raw" | bc) × | $n|"
}

rows=()
echo "== SQLite: huanxin gen --estates $ESTATES --projects $YEAR"
load "sqlite:$work/programme.db"
rows+=("$(measure SQLite "sqlite:$work/programme.db")")
if [ -n "${HUANXIN_BENCH_PG:-}" ]; then
  # A database of our own beside the one the DSN names, created afresh each run.
  pgdsn="${HUANXIN_BENCH_PG%/*}/hx_programme_bench"
  psql "$HUANXIN_BENCH_PG" -qc "DROP DATABASE IF EXISTS hx_programme_bench" -c "CREATE DATABASE hx_programme_bench" >/dev/null
  echo "== PostgreSQL: huanxin gen --estates $ESTATES --projects $YEAR"
  load "$pgdsn"
  rows+=("$(measure PostgreSQL "$pgdsn")")
  psql "$HUANXIN_BENCH_PG" -qc "DROP DATABASE IF EXISTS hx_programme_bench" >/dev/null || true
fi
table="$out/programme.md"
{
  echo "| database | statistics, ms (median of $RUNS) | raw SQL aggregate, ms (median) | ratio | programme |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$table"
