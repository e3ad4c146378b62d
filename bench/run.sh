#!/usr/bin/env bash
# make bench: Google Benchmark core suites, then wrk against the Huanxin server and against nginx
# serving the very same bytes on another loopback port, in one run. Prints a Markdown table of the
# medians of RUNS runs (req/s and p99) and saves it under build/bench/.
#
# Environment: RUNS (3), DURATION (10s), CONNECTIONS (64), THREADS (2), BIN (build/release/bin),
# GBENCH_ARGS (extra Google Benchmark flags; tools/bench-smoke.sh passes a tiny --benchmark_min_time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-bench.XXXXXX)
mkdir -p "$out"
hx_port=18181
ngx_port=18182

cleanup() {
  [ -n "${hx_pid:-}" ] && kill "$hx_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== Google Benchmark (core)"
"$BIN/core_bench" --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true ${GBENCH_ARGS:-} | tee "$out/core_bench.txt"

echo "== Huanxin server (SQLite, release build, access log off)"
HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "sqlite:$work/bench.db" --var-dir "$work/var" \
  --port "$hx_port" --threads "$(nproc)" --no-access-log --regions-prefix 3601 >"$work/server.log" 2>&1 &
hx_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$hx_port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done

# The same bytes for nginx: the health body as the server answers it, and one hashed static asset.
asset=$(cd web/dist && ls assets/*.css | head -n 1)
mkdir -p "$work/www/api/v1" "$work/www/assets"
curl -fs "http://127.0.0.1:$hx_port/api/v1/health" >"$work/www/api/v1/health"
cp "web/dist/$asset" "$work/www/$asset"
cat >"$work/nginx.conf" <<NGX
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  include /etc/nginx/mime.types;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$ngx_port;
    root $work/www;
    location = /api/v1/health { default_type application/json; }
  }
}
NGX
mkdir -p "$work/tmp"
chmod -R a+rX "$work"   # nginx workers run as www-data
nginx -c "$work/nginx.conf"
sleep 0.5

# Both servers must answer 200 with the very same bytes, or the comparison means nothing.
for target in "/api/v1/health" "/$asset"; do
  a=$(curl -fs "http://127.0.0.1:$hx_port$target" | sha256sum)
  b=$(curl -fs "http://127.0.0.1:$ngx_port$target" | sha256sum)
  if [ "$target" = "/api/v1/health" ]; then
    a=$(sha256sum <"$work/www/api/v1/health")  # the health body carries the time: compare the saved copy
  fi
  if [ "$a" != "$b" ]; then echo "bench: $target differs between huanxin and nginx" >&2; exit 1; fi
done

run_wrk() {  # url → "req/s p99_ms" medians over RUNS
  local url=$1 rps=() p99=()
  for _ in $(seq 1 "$RUNS"); do
    local o
    o=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
    if echo "$o" | grep -q "Non-2xx"; then echo "bench: non-2xx answers from $url" >&2; exit 1; fi
    rps+=("$(echo "$o" | awk '/Requests\/sec/ {print $2}')")
    p99+=("$(echo "$o" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')")
  done
  local mr mp
  mr=$(printf '%s\n' "${rps[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mp=$(printf '%s\n' "${p99[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$mr $mp [runs: ${rps[*]}]"
}

table="$out/http.md"
{
  echo "| target | server | req/s (median of $RUNS) | p99 ms (median) | runs req/s |"
  echo "|---|---|---|---|---|"
  for target in "/api/v1/health" "/$asset"; do
    for server in huanxin nginx; do
      port=$([ $server = huanxin ] && echo $hx_port || echo $ngx_port)
      read -r r p rest < <(run_wrk "http://127.0.0.1:$port$target")
      echo "| \`$target\` | $server | $r | $p | ${rest#\[runs: } "
    done
  done
} | tee "$table"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; saved to $table"
bench/register.sh
bench/consultation.sh
bench/programme.sh
bench/supervision.sh
bench/assessment.sh
echo "== Check-up reports for 1 000 estates and the county roll-up (issue #4)"
"$BIN/checkup_bench" --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true ${GBENCH_ARGS:-} | tee "$root/build/bench/checkup_bench.txt"
