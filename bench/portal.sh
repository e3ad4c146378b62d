#!/usr/bin/env bash
# Public portal benchmark (issue #15 "Done when"): GET /api/v1/public/estates/{id} (the demo's started
# estate: plan, money, schedule, notices, problems, rectifications) and GET /api/v1/public/stats
# (the whole programme) over HTTP with wrk, beside nginx serving the very same bytes on another
# loopback port, in one run; median of RUNS runs. Both routes are `reusable`: while nothing is
# written the pipeline serves the stored answer again (that is what is measured after the first
# request). Prints a Markdown table and saves it as build/bench/portal.md.
#
# Environment: RUNS (3), DURATION (10s), CONNECTIONS (64), THREADS (2), BIN (build/release/bin).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench-portal.XXXXXX)
mkdir -p "$out"
port=18191
ngx_port=18192
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# The demo county, then the server on it.
HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" demo --db "sqlite:$work/bench.db" --var-dir "$work/var" \
  --regions-prefix 3601 >/dev/null
HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "sqlite:$work/bench.db" --var-dir "$work/var" \
  --port "$port" --no-access-log >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
api="http://127.0.0.1:$port/api/v1/public"
estate=$(curl -fs "$api/estates?pageSize=500" | json '[e["id"] for e in d["items"] if e["renovationStatus"] == "started"][0]')

mkdir -p "$work/www/estate" "$work/tmp"
curl -fs "$api/estates/$estate" >"$work/www/estate/index.json"
curl -fs "$api/stats" >"$work/www/stats.json"
estate_bytes=$(stat -c %s "$work/www/estate/index.json")
stats_bytes=$(stat -c %s "$work/www/stats.json")
cat >"$work/nginx.conf" <<NGX
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  types { application/json json; }
  server { listen 127.0.0.1:$ngx_port; root $work/www; }
}
NGX
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf"
sleep 0.5
for f in estate/index.json stats.json; do
  [ "$(curl -fs "http://127.0.0.1:$ngx_port/$f" | sha256sum)" = "$(sha256sum <"$work/www/$f")" ] || { echo "bench: nginx bytes differ ($f)" >&2; exit 1; }
done

wrk_run() {
  local o
  o=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  if echo "$o" | grep -q "Non-2xx"; then echo "bench: non-2xx answers" >&2; exit 1; fi
  echo "$(echo "$o" | awk '/Requests\/sec/ {print $2}') $(echo "$o" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
}
declare -a er ep ner nep sr sp nsr nsp
for run in $(seq 1 "$RUNS"); do
  read -r r p < <(wrk_run "$api/estates/$estate"); er+=("$r"); ep+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$ngx_port/estate/index.json"); ner+=("$r"); nep+=("$p")
  read -r r p < <(wrk_run "$api/stats"); sr+=("$r"); sp+=("$p")
  read -r r p < <(wrk_run "http://127.0.0.1:$ngx_port/stats.json"); nsr+=("$r"); nsp+=("$p")
  echo "   run $run: estate ${er[-1]} req/s (nginx ${ner[-1]}), stats ${sr[-1]} req/s (nginx ${nsr[-1]})"
done
m() { printf '%s\n' "$@" | median; }
{
  echo "| measure | huanxin (median of $RUNS) | nginx, same bytes (median) | runs |"
  echo "|---|---|---|---|"
  echo "| GET /api/v1/public/estates/$estate ($estate_bytes B) req/s | $(m "${er[@]}") | $(m "${ner[@]}") | huanxin ${er[*]} · nginx ${ner[*]} |"
  echo "| same, p99 ms | $(m "${ep[@]}") | $(m "${nep[@]}") | huanxin ${ep[*]} · nginx ${nep[*]} |"
  echo "| GET /api/v1/public/stats ($stats_bytes B) req/s | $(m "${sr[@]}") | $(m "${nsr[@]}") | huanxin ${sr[*]} · nginx ${nsr[*]} |"
  echo "| same, p99 ms | $(m "${sp[@]}") | $(m "${nsp[@]}") | huanxin ${sp[*]} · nginx ${nsp[*]} |"
} | tee "$out/portal.md"
