#!/usr/bin/env bash
# Register benchmarks (issue #3), part of make bench:
#  1. a 1 000 000-dwelling roster CSV imported through the API (upload → job done), beside
#     `sqlite3 .import` of the same file into a bare table, same run, median of RUNS; wall time, and
#     the CPU time (user + system) of the server process during the import and of sqlite3, which on
#     a shared machine says more than wall time. A second reference, the floor: `sqlite3 .import` of
#     the register's own rows (owner, dwelling, dwelling_owner as the first run's import wrote them)
#     into the register's own tables with their unique constraints, the secondary indexes created
#     after the load, in the server's journal settings (WAL, synchronous=FULL, the load's 128 MiB
#     page cache), timed to its COMMIT (the WAL's copy into the database file left to later, as the
#     server does): what SQLite itself needs to store what the import stores, with no checking or
#     grouping. ONLY=import skips part 2;
#  2. GET /api/v1/estates?page=1 (20 rows, the demo county) with wrk, beside nginx serving the same bytes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
DWELLINGS=${DWELLINGS:-1000000}
DURATION=${DURATION:-10s}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench-reg.XXXXXX)
mkdir -p "$out"
port=18183
ngx_port=18184
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

"$BIN/huanxin" gen --roster-dwellings "$DWELLINGS" --out "$work/roster.csv" >/dev/null
size=$(du -h "$work/roster.csv" | cut -f1)
cat >"$work/bench.toml" <<TOML
[server]
upload_body_limit_mib = 256
access_log = false
[register]
import_sync_row_limit = 100
TOML

start_server() {  # fresh database each run
  rm -f "$work"/bench.db*
  HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --config "$work/bench.toml" --db "sqlite:$work/bench.db" \
    --var-dir "$work/var" --port "$port" --regions-prefix 3601 >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
  token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Bench#2026pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

echo "== 1. Import of a $DWELLINGS-dwelling roster ($size CSV)"
hx_times=(); sq_times=(); hx_cpu=(); sq_cpu=(); fl_times=()
register_tables="'owner', 'dwelling', 'dwelling_owner'"
tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for run in $(seq 1 "$RUNS"); do
  start_server
  estate=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/estates" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"regionCode":"360104002001","name":"基准小区","address":"基准路1号","builtYear":1990}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  c0=$(cpu_ticks "$pid")
  t0=$(date +%s.%N)
  job=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/estates/$estate/dwellings/import" -H "Authorization: Bearer $token" \
    -F "file=@$work/roster.csv;filename=roster.csv" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])')
  while true; do
    state=$(curl -fs "http://127.0.0.1:$port/api/v1/jobs/$job" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [ "$state" = succeeded ] && break
    [ "$state" = failed ] && { echo "bench: import failed" >&2; curl -s "http://127.0.0.1:$port/api/v1/jobs/$job" -H "Authorization: Bearer $token" | head -c 600 >&2; exit 1; }
    sleep 0.2
  done
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "$pid")
  hx_times+=("$(echo "$t1 - $t0" | bc)")
  hx_cpu+=("$(echo "scale=2; ($c1 - $c0) / $tck" | bc)")
  stop_server
  if [ "$run" = 1 ]; then  # the floor's input: the rows and schema the import wrote
    for t in owner dwelling dwelling_owner; do sqlite3 -csv "$work/bench.db" "SELECT * FROM $t" >"$work/floor-$t.csv"; done
    sqlite3 "$work/bench.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'table' AND name IN ($register_tables)" >"$work/floor-tables.sql"
    sqlite3 "$work/bench.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($register_tables)" >"$work/floor-indexes.sql"
    {
      echo "PRAGMA synchronous = FULL;"
      echo "PRAGMA cache_size = -131072;"
      echo ".mode csv"
      echo "BEGIN;"
      for t in dwelling owner dwelling_owner; do echo ".import $work/floor-$t.csv $t"; done
      cat "$work/floor-indexes.sql"
      echo "COMMIT;"
    } >"$work/floor-load.sql"
  fi
  rm -f "$work"/floor.db*
  sqlite3 "$work/floor.db" "PRAGMA journal_mode = WAL;" >/dev/null
  sqlite3 "$work/floor.db" <"$work/floor-tables.sql"
  # A second connection keeps the database open, as the server's readers do, so that sqlite3 does
  # not copy the WAL into the database file when it closes: the server leaves that copy to its
  # background checkpointer after the import is acknowledged, and the floor should not include it.
  python3 -c 'import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute("SELECT COUNT(*) FROM sqlite_master").fetchall(); print("open", flush=True); time.sleep(3600)' "$work/floor.db" >"$work/holder.out" &
  holder=$!
  for _ in $(seq 1 50); do grep -q open "$work/holder.out" 2>/dev/null && break; sleep 0.1; done
  t0=$(date +%s.%N)
  sqlite3 "$work/floor.db" <"$work/floor-load.sql"
  t1=$(date +%s.%N)
  kill "$holder"; wait "$holder" 2>/dev/null || true
  fl_times+=("$(echo "$t1 - $t0" | bc)")
  rm -f "$work/bare.db"
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/sqlite3.time" sqlite3 "$work/bare.db" ".mode csv" ".import $work/roster.csv roster"
  t1=$(date +%s.%N)
  sq_times+=("$(echo "$t1 - $t0" | bc)")
  sq_cpu+=("$(awk '{print $1 + $2}' "$work/sqlite3.time")")
  echo "   run $run: huanxin ${hx_times[-1]} s (CPU ${hx_cpu[-1]} s), sqlite3 .import ${sq_times[-1]} s (CPU ${sq_cpu[-1]} s), floor ${fl_times[-1]} s"
done
hx=$(printf '%s\n' "${hx_times[@]}" | median)
sq=$(printf '%s\n' "${sq_times[@]}" | median)
ratio=$(echo "scale=2; $hx / $sq" | bc)
hxc=$(printf '%s\n' "${hx_cpu[@]}" | median)
sqc=$(printf '%s\n' "${sq_cpu[@]}" | median)
cpu_ratio=$(echo "scale=2; $hxc / $sqc" | bc)
fl=$(printf '%s\n' "${fl_times[@]}" | median)
floor_ratio=$(echo "scale=2; $fl / $sq" | bc)
hx_floor_ratio=$(echo "scale=2; $hx / $fl" | bc)
if [ "${ONLY:-}" = import ]; then
  table="$out/register.md"
  {
    echo "| measure | huanxin (median of $RUNS) | reference (median) | ratio | runs |"
    echo "|---|---|---|---|---|"
    echo "| import $DWELLINGS dwellings, $size CSV | $hx s | sqlite3 .import $sq s | $ratio × | huanxin ${hx_times[*]} · sqlite3 ${sq_times[*]} |"
    echo "| same, CPU time | $hxc s | sqlite3 .import $sqc s | $cpu_ratio × | huanxin ${hx_cpu[*]} · sqlite3 ${sq_cpu[*]} |"
    echo "| floor: sqlite3 .import of the register's rows into its tables and indexes | $fl s | sqlite3 .import $sq s | $floor_ratio × | huanxin $hx_floor_ratio × the floor · floor ${fl_times[*]} |"
  } | tee "$table"
  exit 0
fi

echo "== 2. Estate list (demo county, page 1 of 20) beside nginx"
rm -f "$work"/bench.db*
HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" demo --db "sqlite:$work/bench.db" --var-dir "$work/var" --regions-prefix 3601 >/dev/null
start_server_existing() {
  HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --config "$work/bench.toml" --db "sqlite:$work/bench.db" \
    --var-dir "$work/var" --port "$port" >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
  token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Bench#2026pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}
start_server_existing
mkdir -p "$work/www/api/v1" "$work/tmp"
curl -fs "http://127.0.0.1:$port/api/v1/estates?page=1" -H "Authorization: Bearer $token" >"$work/www/api/v1/estates"
bytes=$(stat -c %s "$work/www/api/v1/estates")
cat >"$work/nginx.conf" <<NGX
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$ngx_port; root $work/www; location = /api/v1/estates { default_type application/json; } }
}
NGX
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf"
sleep 0.5
[ "$(curl -fs "http://127.0.0.1:$ngx_port/api/v1/estates" | sha256sum)" = "$(sha256sum <"$work/www/api/v1/estates")" ] || { echo "bench: nginx bytes differ" >&2; exit 1; }
wrk_run() {
  local o
  o=$(wrk -t2 -c64 -d"$DURATION" --latency "$@")
  if echo "$o" | grep -q "Non-2xx"; then echo "bench: non-2xx answers" >&2; exit 1; fi
  echo "$(echo "$o" | awk '/Requests\/sec/ {print $2}') $(echo "$o" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
}
declare -a hr hp nr np
for _ in $(seq 1 "$RUNS"); do
  read -r r p < <(wrk_run -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/estates?page=1")
  hr+=("$r"); hp+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$ngx_port/api/v1/estates")
  nr+=("$r"); np+=("$p")
done
table="$out/register.md"
{
  echo "| measure | huanxin (median of $RUNS) | reference (median) | ratio | runs |"
  echo "|---|---|---|---|---|"
  echo "| import $DWELLINGS dwellings, $size CSV | $hx s | sqlite3 .import $sq s | $ratio × | huanxin ${hx_times[*]} · sqlite3 ${sq_times[*]} |"
  echo "| same, CPU time | $hxc s | sqlite3 .import $sqc s | $cpu_ratio × | huanxin ${hx_cpu[*]} · sqlite3 ${sq_cpu[*]} |"
  echo "| GET /api/v1/estates?page=1 ($bytes B) req/s | $(printf '%s\n' "${hr[@]}" | median) | nginx $(printf '%s\n' "${nr[@]}" | median) | | huanxin ${hr[*]} · nginx ${nr[*]} |"
  echo "| same, p99 ms | $(printf '%s\n' "${hp[@]}" | median) | nginx $(printf '%s\n' "${np[@]}" | median) | | huanxin ${hp[*]} · nginx ${np[*]} |"
} | tee "$table"
