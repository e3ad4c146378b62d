#!/usr/bin/env bash
# The HTTP path (issue #16): the release server on SQLite with the demo county, beside nginx serving
# the very same bytes on another loopback port, same run, wrk THREADS threads and CONNECTIONS
# connections, medians of RUNS runs of DURATION each:
#   1. GET /api/v1/estates?page=1&pageSize=20 as the admin (a page reused while nothing is written),
#      huanxin with the access log off, huanxin with the access log on (to a file), nginx (log off);
#   2. GET /api/v1/health, huanxin (log off) and nginx.
# Fails on any non-2xx answer or when the bytes differ. The table is saved as build/bench/http_path.md.
# Environment: RUNS (3), DURATION (10s), CONNECTIONS (64), THREADS (2), BIN (build/release/bin),
# SERVER_ARGS (extra `huanxin serve` flags, e.g. "--threads 1").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3} DURATION=${DURATION:-10s} CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-2}
BIN=${BIN:-$root/build/release/bin}
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_workdir http
mkdir -p "$work/www/api/v1"
hx_port=18191 log_port=18192 ngx_port=18193
trap 'kill ${hx_pid:-} ${log_pid:-} 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")"; wait 2>/dev/null; rm -rf "$work"' EXIT

HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" demo --db "sqlite:$work/bench.db" --var-dir "$work/var" \
  --regions-prefix 3601 >/dev/null
serve() {  # PORT LOGFLAG → pid
  HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "sqlite:$work/bench.db" --var-dir "$work/var" \
    --port "$1" $2 ${SERVER_ARGS:-} >"$work/server-$1.log" 2>&1 &
  echo $!
}
hx_pid=$(serve $hx_port --no-access-log)
log_pid=$(serve $log_port "")
for port in $hx_port $log_port; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
done
token=$(admin_token "http://127.0.0.1:$hx_port/api/v1")
list="/api/v1/estates?page=1&pageSize=20"
curl -fs "http://127.0.0.1:$hx_port$list" -H "Authorization: Bearer $token" >"$work/www/api/v1/estates"
curl -fs "http://127.0.0.1:$hx_port/api/v1/health" >"$work/www/api/v1/health"
[ "$(curl -fs "http://127.0.0.1:$log_port$list" -H "Authorization: Bearer $token" | sha256sum)" = \
  "$(sha256sum <"$work/www/api/v1/estates")" ] || { echo "bench: the two servers' pages differ" >&2; exit 1; }
nginx_serving "$work" $ngx_port /api/v1/estates /api/v1/health
for f in estates health; do
  [ "$(curl -fs "http://127.0.0.1:$ngx_port/api/v1/$f" | sha256sum)" = "$(sha256sum <"$work/www/api/v1/$f")" ] ||
    { echo "bench: nginx bytes differ ($f)" >&2; exit 1; }
done
wrk_run() {  # wrk args → "req/s p99_ms"
  local o
  o=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  if echo "$o" | grep -q "Non-2xx\|Socket errors"; then echo "bench: errors from $*: $o" >&2; exit 1; fi
  echo "$(echo "$o" | awk '/Requests\/sec/ {print $2}') $(echo "$o" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
}
declare -a lr lp gr gp nr np hr hp nhr nhp
load_start=$(cut -d' ' -f1 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  read -r r p < <(wrk_run -H "Authorization: Bearer $token" "http://127.0.0.1:$hx_port$list"); lr+=("$r"); lp+=("$p")
  read -r r p < <(wrk_run -H "Authorization: Bearer $token" "http://127.0.0.1:$log_port$list"); gr+=("$r"); gp+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$ngx_port/api/v1/estates"); nr+=("$r"); np+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$hx_port/api/v1/health"); hr+=("$r"); hp+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$ngx_port/api/v1/health"); nhr+=("$r"); nhp+=("$p")
  echo "run $run: list ${lr[-1]} (log on ${gr[-1]}, nginx ${nr[-1]}) · health ${hr[-1]} (nginx ${nhr[-1]}) req/s" >&2
done
load_end=$(cut -d' ' -f1 /proc/loadavg)
med() { printf '%s\n' "$@" | median; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
bytes=$(stat -c %s "$work/www/api/v1/estates")
logged=$(grep -c 'rid=' "$work/server-$log_port.log" || true)
table="$out/http_path.md"
{
  echo "| measure | huanxin req/s (median of $RUNS) | nginx req/s (median) | ratio | p99 ms huanxin · nginx | runs |"
  echo "|---|---|---|---|---|---|"
  echo "| \`GET $list\` ($bytes B), access log off | $(med "${lr[@]}") | $(med "${nr[@]}") | $(ratio "$(med "${lr[@]}")" "$(med "${nr[@]}")") × | $(med "${lp[@]}") · $(med "${np[@]}") | huanxin ${lr[*]} · nginx ${nr[*]} |"
  echo "| same, huanxin's access log on ($logged lines written) | $(med "${gr[@]}") | $(med "${nr[@]}") | $(ratio "$(med "${gr[@]}")" "$(med "${nr[@]}")") × | $(med "${gp[@]}") · $(med "${np[@]}") | huanxin ${gr[*]} |"
  echo "| \`GET /api/v1/health\` | $(med "${hr[@]}") | $(med "${nhr[@]}") | $(ratio "$(med "${hr[@]}")" "$(med "${nhr[@]}")") × | $(med "${hp[@]}") · $(med "${nhp[@]}") | huanxin ${hr[*]} · nginx ${nhr[*]} |"
} | tee "$table"
echo "load average (1 min) at start $load_start, at end $load_end; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; saved to $table"
