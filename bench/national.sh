#!/usr/bin/env bash
# The national synthetic register on PostgreSQL (issue #6; not part of make bench: it needs about
# 25 GB of disk and half an hour or more on the 2-core box).
#
#   bench/national.sh load     a dedicated PostgreSQL 15 in $PGDIR on $PGPORT, tuned for a bulk load;
#                              migrate, import the region tree, `huanxin gen --estates $ESTATES` (COPY)
#   bench/national.sh measure  the server on that database: national, provincial and city roll-ups and
#                              scoped lists, each timed over $REPEAT calls (median, p99)
#   bench/national.sh stop     stop that PostgreSQL (the data stays in $PGDIR until you remove it)
#
# ESTATES defaults to 220 000 (≈ 36 M dwellings with the generator's defaults); ESTATES=2000 gives
# the small variant that tests/scale runs in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bench/lib.sh
BIN=${BIN:-$root/build/release/bin}
PGDIR=${PGDIR:-/var/tmp/hx-national}
PGPORT=${PGPORT:-55450}
ESTATES=${ESTATES:-220000}
REPEAT=${REPEAT:-30}
dsn="postgres://huanxin@127.0.0.1:$PGPORT/huanxin_test"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

case "${1:-}" in
  load)
    tools/pg-test-server.sh start "$PGDIR" "$PGPORT" >/dev/null
    # Bulk-load settings any operator would use for an initial load: a large buffer pool, and
    # checkpoints far apart so the load is not throttled by full-page writes. Durability settings
    # (fsync, synchronous_commit, full_page_writes) stay at their defaults.
    psql "$dsn" -qc "ALTER SYSTEM SET shared_buffers = '6GB'" -c "ALTER SYSTEM SET max_wal_size = '16GB'" \
      -c "ALTER SYSTEM SET checkpoint_timeout = '30min'" -c "ALTER SYSTEM SET maintenance_work_mem = '1GB'" \
      -c "ALTER SYSTEM SET work_mem = '64MB'" -c "ALTER SYSTEM SET effective_cache_size = '16GB'" \
      -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 2"
    as_owner "$pgbin/pg_ctl" -D "$PGDIR/data" -w -m fast restart >/dev/null
    echo "== migrate and import the region tree"
    /usr/bin/time -f "   %e s" "$BIN/huanxin" migrate --db "$dsn" >/dev/null
    /usr/bin/time -f "   %e s" "$BIN/huanxin" import-regions --db "$dsn" 2>&1 | tail -n 2
    echo "== huanxin gen --estates $ESTATES"
    /usr/bin/time -f "   %e s wall, %M KiB max RSS (gen)" "$BIN/huanxin" gen --db "$dsn" --estates "$ESTATES"
    psql "$dsn" -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('huanxin_test'))"
    psql "$dsn" -Atc "SELECT relname || ': ' || pg_size_pretty(pg_total_relation_size(oid)) || ' (' || reltuples::bigint || ' rows)'
                      FROM pg_class WHERE relname IN ('estate','estate_stat','building','dwelling','owner','dwelling_owner')
                      ORDER BY pg_total_relation_size(oid) DESC"
    ;;
  measure)
    port=${PORT:-18190}
    work=$(mktemp -d -t hx-national.XXXXXX)
    trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
    # The owner-list index came with migration 0005 after this database was first loaded in one run
    # of this script; create it when missing and time it.
    psql "$dsn" -qAt -c '\timing on' -c "CREATE INDEX IF NOT EXISTS dwelling_owner_region ON dwelling_owner (region_code, owner_id)"
    HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "$dsn" --var-dir "$work/var" --port "$port" \
      --no-access-log >"$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done
    login() { curl -sf -XPOST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$1\",\"password\":\"Bench#2026pass\"}" | json 'd["token"]'; }
    admin=$(login admin)
    curl -sf -XPOST "http://127.0.0.1:$port/api/v1/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d '{"username":"nc.bureau","displayName":"南昌市住建局","role":"bureau","scopeCode":"3601","password":"Bench#2026pass"}' >/dev/null || true
    city=$(login nc.bureau)
    # time_get TOKEN TARGET N: median and p99 of N sequential GETs (ms), after one warm-up call.
    time_get() {
      curl -sf -o /dev/null "http://127.0.0.1:$port$2" -H "Authorization: Bearer $1"
      for _ in $(seq "$3"); do
        curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$2" -H "Authorization: Bearer $1"
      done | python3 -c "import sys; v=sorted(float(x)*1000 for x in sys.stdin); print(f'median {v[len(v)//2]:8.1f} ms   p99 {v[min(len(v)-1, len(v)*99//100)]:8.1f} ms   ({len(v)} calls)')"
    }
    echo "== national totals"
    curl -sf "http://127.0.0.1:$port/api/v1/register/rollup" -H "Authorization: Bearer $admin" |
      json "'%d estates, %d buildings, %d dwellings, %d provinces' % (d['total']['estates'], d['total']['buildings'], d['total']['dwellings'], len(d['children']))"
    echo "== timings (HTTP, sequential, REPEAT=$REPEAT)"
    for t in "/api/v1/register/rollup" "/api/v1/register/rollup?regionCode=36" "/api/v1/register/rollup?regionCode=44" \
             "/api/v1/register/rollup?regionCode=3601" "/api/v1/estates?page=1" "/api/v1/estates?page=1&regionCode=36" \
             "/api/v1/estates?page=1&regionCode=3601" "/api/v1/estates?page=50&regionCode=360104"; do
      printf '%-48s admin        %s\n' "$t" "$(time_get "$admin" "$t" "$REPEAT")"
    done
    for t in "/api/v1/register/rollup" "/api/v1/estates?page=1" "/api/v1/owners?page=1" "/api/v1/owners?page=20"; do
      printf '%-48s city bureau  %s\n' "$t" "$(time_get "$city" "$t" "$REPEAT")"
    done
    printf '%-48s admin        %s\n' "/api/v1/owners?page=1 (whole country)" "$(time_get "$admin" "/api/v1/owners?page=1" 3)"
    echo "server RSS: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MiB", $1/1024}')"
    ;;
  stop)
    tools/pg-test-server.sh stop "$PGDIR"
    ;;
  *)
    echo "usage: $0 load|measure|stop" >&2
    exit 2
    ;;
esac
