#!/usr/bin/env bash
# KPI benchmark (issue #15 "Done when": KPIs for a 2 000-estate city), part of make bench. A city of
# ESTATES estates from `huanxin gen --estates N --region 3601 --projects YEAR` (the register, the
# estates packaged into the year's projects with their funding ledger), then, by SQL in this script,
# tickets and rectification orders per estate spread over the year (some late, some rated, most
# orders closed) so that every KPI has rows to count. The server on that SQLite database;
# GET /api/v1/assessment/kpis?regionCode=3601&year=YEAR timed over HTTP (REPEAT sequential calls per
# run, their median) beside, in the same run, (a) the four aggregate statements the store runs for it,
# written out with their values and timed by the sqlite3 shell (`.timer on`, summed per round) and
# (b) GET /api/v1/health over the same HTTP path (the floor of one request). Median of RUNS runs.
# Prints a Markdown table and saves it as build/bench/assessment.md.
#
# Environment: RUNS (3), REPEAT (20), ESTATES (2000), TICKETS_PER_ESTATE (10), ORDERS_PER_ESTATE (5, per
# estate of a project), YEAR (2025: its calendar ships with the migrations), BIN (build/release/bin).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
REPEAT=${REPEAT:-20}
ESTATES=${ESTATES:-2000}
TICKETS_PER_ESTATE=${TICKETS_PER_ESTATE:-10}
ORDERS_PER_ESTATE=${ORDERS_PER_ESTATE:-5}
YEAR=${YEAR:-2025}
BIN=${BIN:-$root/build/release/bin}
port=18193
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_workdir assessment
db="$work/bench.db"

echo "== huanxin gen --estates $ESTATES --region 3601 --projects $YEAR"
"$BIN/huanxin" migrate --db "sqlite:$db" >/dev/null
"$BIN/huanxin" import-regions --db "sqlite:$db" --regions-prefix 3601 >/dev/null 2>&1
"$BIN/huanxin" gen --db "sqlite:$db" --estates "$ESTATES" --region 3601 --projects "$YEAR" | sed 's/^/   /'

HUANXIN_ADMIN_PASSWORD='Bench#2026pass' "$BIN/huanxin" serve --db "sqlite:$db" --var-dir "$work/var" \
  --port "$port" --no-access-log >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
api="http://127.0.0.1:$port/api/v1"
token=$(admin_token "$api")

echo "== $TICKETS_PER_ESTATE tickets per estate and $ORDERS_PER_ESTATE rectification orders per estate of a project, over $YEAR (SQL)"
# Tickets: received on a day of the year, due three days later, settled 0–4 days after receipt
# (rejected, resolved or closed; one in five still in progress), two in three rated 1–5 stars.
# Orders: issued on a day of the year, closed (seven in ten) 1–12 days later; the issuer is the admin.
sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
BEGIN;
INSERT INTO responsible_unit (region_code, company, kind, created_at)
  VALUES ('3601', '基准施工有限公司', 'contractor', '$YEAR-01-01T00:00:00.000Z');
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $TICKETS_PER_ESTATE),
t AS (SELECT e.id AS estate_id, e.region_code, k.i,
             date('$YEAR-01-01', '+' || ((e.id * 7 + k.i * 37) % 360) || ' days') AS day FROM estate e, k)
INSERT INTO ticket (code, category_id, region_code, estate_id, channel, content, status, department, handler_region_code,
                    rating, received_at, due_at, resolved_at, updated_at)
SELECT 'BENCH-' || estate_id || '-' || i, (SELECT MIN(id) FROM ticket_category), region_code, estate_id, 'staff',
       '楼道墙面起皮脱落', CASE i % 5 WHEN 0 THEN 'in_progress' WHEN 1 THEN 'rejected' WHEN 2 THEN 'closed' ELSE 'resolved' END,
       'housing', SUBSTR(region_code, 1, 6),
       CASE WHEN i % 5 IN (2, 3, 4) AND i % 3 <> 0 THEN 1 + (estate_id + i) % 5 END,
       day || 'T02:00:00.000Z', date(day, '+3 days') || 'T02:00:00.000Z',
       CASE WHEN i % 5 IN (2, 3, 4) THEN date(day, '+' || ((estate_id + i) % 5) || ' days') || 'T03:00:00.000Z' END,
       date(day, '+' || ((estate_id + i) % 5) || ' days') || 'T03:00:00.000Z'
FROM t;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $ORDERS_PER_ESTATE),
o AS (SELECT pe.project_id, pe.region_code, pe.estate_id, k.i,
             date('$YEAR-01-01', '+' || ((pe.estate_id * 11 + k.i * 53) % 340) || ' days') AS day
      FROM project_estate pe JOIN project p ON p.id = pe.project_id AND p.year = $YEAR, k)
INSERT INTO rectification_order (project_id, region_code, unit_id, finding, issued_on, working_days, due_on, status,
                                 closed_on, closed_at, issued_by, created_at)
SELECT project_id, region_code, (SELECT MAX(id) FROM responsible_unit), '脚手架未设防护网', day, 5, date(day, '+7 days'),
       CASE WHEN (estate_id + i) % 10 < 7 THEN 'closed' ELSE 'open' END,
       CASE WHEN (estate_id + i) % 10 < 7 THEN date(day, '+' || (1 + (estate_id + i) % 12) || ' days') END,
       CASE WHEN (estate_id + i) % 10 < 7 THEN date(day, '+' || (1 + (estate_id + i) % 12) || ' days') || 'T08:00:00.000Z' END,
       (SELECT MIN(id) FROM app_user), day || 'T01:00:00.000Z'
FROM o;
COMMIT;
ANALYZE;
SQL
sqlite3 "$db" "SELECT '   ' || (SELECT COUNT(*) FROM estate) || ' estates, ' || (SELECT COUNT(*) FROM project WHERE year = $YEAR) ||
  ' projects of $YEAR, ' || (SELECT COUNT(*) FROM fund_entry) || ' ledger entries, ' || (SELECT COUNT(*) FROM ticket) ||
  ' tickets, ' || (SELECT COUNT(*) FROM rectification_order) || ' rectification orders (' ||
  (SELECT COUNT(*) FROM rectification_order WHERE status = 'closed') || ' closed)'"

target="$api/assessment/kpis?regionCode=3601&year=$YEAR"
curl -fs "$target" -H "Authorization: Bearer $token" >"$work/kpis.json"
json "'   KPIs of 3601: ' + ', '.join('%s %s' % (k['kpi'], k['value']) for k in d['total']['kpis']) + '; %d streets' % len(d['streets'])" <"$work/kpis.json"

# The store's four statements (src/store/assessment/assessment_repository.cpp) with their values.
planned="'planned','approved','designed','tendered','permitted','started','completed','accepted','handed_over'"
started="'started','completed','accepted','handed_over'"
completed="'completed','accepted','handed_over'"
from=$(date -u -d "$YEAR-01-01 00:00 +0800" +%Y-%m-%dT%H:%M:%S.000Z)
to=$(date -u -d "$((YEAR + 1))-01-01 00:00 +0800" +%Y-%m-%dT%H:%M:%S.000Z)
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
settled="(CASE WHEN t.status = 'rejected' THEN t.updated_at WHEN t.status IN ('resolved', 'closed') THEN t.resolved_at END)"
cat >"$work/raw.sql" <<SQL
SELECT SUBSTR(x.region_code, 1, 9), COUNT(*), SUM(x.started), SUM(x.completed), SUM(st.dwellings)
FROM (SELECT pe.estate_id, MIN(pe.region_code) AS region_code,
             MAX(CASE WHEN p.status IN ($started) THEN 1 ELSE 0 END) AS started,
             MAX(CASE WHEN p.status IN ($completed) THEN 1 ELSE 0 END) AS completed
      FROM project p JOIN project_estate pe ON pe.project_id = p.id
      WHERE p.year = $YEAR AND p.status IN ($planned) AND pe.region_code >= '3601' AND pe.region_code < '3601~'
      GROUP BY pe.estate_id) x
LEFT JOIN estate_stat st ON st.estate_id = x.estate_id GROUP BY 1 ORDER BY 1;
SELECT SUBSTR(p.region_code, 1, 9), SUM(CASE WHEN fe.kind = 'committed' THEN fe.amount_fen ELSE 0 END),
       SUM(CASE WHEN fe.kind = 'received' THEN fe.amount_fen ELSE 0 END), SUM(CASE WHEN fe.kind = 'paid' THEN fe.amount_fen ELSE 0 END)
FROM project p JOIN fund_entry fe ON fe.project_id = p.id
WHERE p.year = $YEAR AND p.status IN ($planned) AND p.region_code >= '3601' AND p.region_code < '3601~' GROUP BY 1 ORDER BY 1;
SELECT SUBSTR(t.region_code, 1, 9), SUM(t.rating IS NOT NULL), SUM(t.rating >= 4),
       SUM($settled IS NOT NULL OR t.due_at < '$now'), SUM($settled <= t.due_at)
FROM ticket t WHERE t.merged_into IS NULL AND t.received_at >= '$from' AND t.received_at < '$to'
  AND t.region_code >= '3601' AND t.region_code < '3601~' GROUP BY 1 ORDER BY 1;
SELECT SUBSTR(region_code, 1, 9), issued_on, closed_on FROM rectification_order
WHERE status = 'closed' AND closed_on >= '$YEAR-01-01' AND closed_on <= '$YEAR-12-31'
  AND region_code >= '3601' AND region_code < '3601~';
SQL
{
  echo ".timer on"
  echo ".output /dev/null"
  for _ in $(seq 1 "$REPEAT"); do cat "$work/raw.sql"; done
} >"$work/raw-rounds.sql"

# ms_median: the median of seconds on stdin, in ms.
ms_median() { awk '{printf "%.2f\n", $1 * 1000}' | median; }
# cpu_ms: the server's CPU time so far (user + system), ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$pid/stat"; }
# http_median TARGET: the median of REPEAT sequential GETs (after one warm-up), ms; sets `cpu` to the
# server's CPU time per call over them (ms, clock-tick resolution over REPEAT calls).
http_median() {
  curl -fs -o /dev/null "$1" -H "Authorization: Bearer $token"
  local before
  before=$(cpu_ms)
  for _ in $(seq 1 "$REPEAT"); do
    curl -fs -o /dev/null -w '%{time_total}\n' "$1" -H "Authorization: Bearer $token"
  done | ms_median >"$work/median"
  cpu=$(echo "scale=2; ($(cpu_ms) - $before) / $REPEAT" | bc)
  cat "$work/median"
}
declare -a kpi kcpu raw rcpu health loads
for run in $(seq 1 "$RUNS"); do
  loads+=("$(awk '{print $1}' /proc/loadavg)")
  http_median "$target" >"$work/k"
  kpi+=("$(cat "$work/k")") kcpu+=("$cpu")
  # "Run Time: real R user U sys S" per statement (seconds); four statements a round.
  sqlite3 "$db" <"$work/raw-rounds.sql" 2>&1 |
    awk '/^Run Time/ {r += $4; c += $6 + $8; if (++n % 4 == 0) {print r, c; r = 0; c = 0}}' >"$work/rounds"
  raw+=("$(awk '{print $1}' "$work/rounds" | ms_median)") rcpu+=("$(awk '{print $2}' "$work/rounds" | ms_median)")
  health+=("$(http_median "$api/health")")
  echo "   run $run: KPIs ${kpi[-1]} ms (server CPU ${kcpu[-1]} ms a call); the four statements in sqlite3 ${raw[-1]} ms" \
    "(CPU ${rcpu[-1]} ms); GET /health ${health[-1]} ms (load ${loads[-1]})"
done
m() { printf '%s\n' "$@" | median; }
# ratio A B: A / B to two decimals ("–" when B is 0, as a tiny smoke run may time it).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
k=$(m "${kpi[@]}") kc=$(m "${kcpu[@]}") r=$(m "${raw[@]}") rc=$(m "${rcpu[@]}") h=$(m "${health[@]}")
{
  echo "| measure (ms, median of $RUNS runs of $REPEAT calls) | Huanxin | reference, same run | ratio | runs | load (1 min) |"
  echo "|---|---|---|---|---|---|"
  echo "| GET /api/v1/assessment/kpis?regionCode=3601&year=$YEAR over HTTP, wall | $k | the store's 4 statements in sqlite3: $r | $(ratio "$k" "$r") × | KPIs ${kpi[*]} · SQL ${raw[*]} | ${loads[*]} |"
  echo "| same, CPU (the server's a call; sqlite3's user + sys) | $kc | $rc | $(ratio "$kc" "$rc") × | KPIs ${kcpu[*]} · SQL ${rcpu[*]} | |"
  echo "| GET /api/v1/health over HTTP, wall (one request's floor) | $h | – | – | ${health[*]} | |"
} | tee "$out/assessment.md"
