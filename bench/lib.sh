# Shared by the benchmark scripts (sourced, not run).

# json EXPR: evaluates a Python expression over the JSON document on stdin (`d`).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# write_ballot_lua FILE TOKEN CONSULTATION DWELLINGS BODY: a wrk script that PUTs BODY as the ballot
# of each dwelling in turn (DWELLINGS: comma-separated ids) with the bearer TOKEN.
write_ballot_lua() {
  cat >"$1" <<LUA
local ids = {$4}
local n = 0
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer $2"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$5'
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/consultations/$3/ballots/" .. ids[(n % #ids) + 1])
end
LUA
}

# median: the middle of the numbers on stdin, one per line (the lower middle for an even count).
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# serve_fresh WORK PORT: starts the server on a new SQLite database in WORK (durable writes: the WAL
# is synced before each answer, docs/storage.md "Group commit"; no
# access log) with the admin password Bench#2026pass, sets `pid` and waits until it answers.
# SERVER_THREADS=n runs it with --threads n (default: one worker thread per core).
serve_fresh() {
  rm -rf "$1"/bench.db* "$1/var"
  HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "sqlite:$1/bench.db" --var-dir "$1/var" \
    --port "$2" --regions-prefix 3601 --no-access-log ${SERVER_THREADS:+--threads "$SERVER_THREADS"} >"$1/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$2/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
}

# admin_token API: a session token of the admin started by serve_fresh (API: …/api/v1).
admin_token() {
  curl -fs -X POST "$1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Bench#2026pass"}' | json 'd["token"]'
}

# gbench NAME FILE: NAME's median in Google Benchmark's output FILE (its one run when there are no
# repetitions, as in the smoke run).
gbench() { awk -v n="$1" '$1 == n "_median" || $1 == n {v = $2} END {print v}' "$2"; }

# bench_workdir NAME: sets `out` (build/bench, created) and `work` (a new temporary directory), and on
# exit stops the server started into `pid`, if any, and removes `work`. Needs `root`.
bench_workdir() {
  out="$root/build/bench"
  work=$(mktemp -d -t "hx-bench-$1.XXXXXX")
  mkdir -p "$out"
  trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$work"' EXIT
}

# dsync_rate DIR: 4 KiB writes per second on DIR's disk, each durable before the next (O_DSYNC), as
# dd reports them (2 000 writes): the floor of one fsync per durable write, measured in the same run.
dsync_rate() {
  local dd_out secs
  dd_out=$(dd if=/dev/zero of="$1/dsync" bs=4k count=2000 oflag=dsync 2>&1 | tail -n 1)
  secs=$(echo "$dd_out" | sed -E 's/.*, ([0-9.]+) s,.*/\1/')
  rm -f "$1/dsync"
  echo "scale=1; 2000 / $secs" | bc
}

# nginx_serving WORK PORT LOCATION…: starts nginx (one worker per core, access log off, sendfile)
# on 127.0.0.1:PORT serving WORK/www, each LOCATION (an exact path such as /api/v1/health) as
# application/json; its pid file is WORK/nginx.pid (stop it on exit).
nginx_serving() {
  local w=$1 p=$2 locs=""
  shift 2
  for l in "$@"; do locs+="location = $l { default_type application/json; } "; done
  mkdir -p "$w/tmp" "$w/www"
  cat >"$w/nginx.conf" <<NGX
worker_processes $(nproc);
pid $w/nginx.pid;
error_log $w/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path $w/tmp; proxy_temp_path $w/tmp; fastcgi_temp_path $w/tmp; uwsgi_temp_path $w/tmp; scgi_temp_path $w/tmp;
  server { listen 127.0.0.1:$p; root $w/www; $locs}
}
NGX
  chmod -R a+rX "$w"  # nginx workers run as www-data
  nginx -c "$w/nginx.conf"
  sleep 0.5
}
