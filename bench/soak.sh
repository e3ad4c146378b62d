#!/usr/bin/env bash
# Soak (issue #6), not run in CI: the release server on SQLite holding the demo county plus a
# synthetic 100 000-dwelling district (青云谱区, 360104), under a steady mixed load: the district's
# estate list, the demo consultation's tally, and durable door-to-door ballots.
#
# 1. Calibration: the three loads run unthrottled at once for CALIBRATE seconds; each one's rate is
#    its capacity while the other two also run.
# 2. Soak: the same three loads at once, each throttled to LOAD_FRACTION of its capacity (a wrk Lua
#    delay() that corrects itself every 10 s towards the target rate), for DURATION seconds in
#    consecutive INTERVAL-long wrk runs. After every slice it prints the server's resident memory
#    (VmRSS), its peak under load (VmHWM, reset after start-up), each load's rate and the cumulative
#    non-2xx answers and socket errors per load.
#
# Fails on any non-2xx answer, any connect/read/write socket error, a server that died, or when RSS
# at the end exceeds RSS after the first slice (warm-up) by more than GROWTH_PERCENT. The report is
# saved as build/bench/soak.txt.
#
# Environment: DURATION (1800, seconds), INTERVAL (60), CALIBRATE (10), LOAD_FRACTION (0.5),
# DISTRICT_ESTATES (600; about 165 dwellings each), GROWTH_PERCENT (50), BIN (build/release/bin).
# The ballot history grows during the run (every PUT appends events the tally reads back), so some
# growth follows the data; LeakSanitizer covers leaks in the API suites.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
DURATION=${DURATION:-1800}
INTERVAL=${INTERVAL:-60}
CALIBRATE=${CALIBRATE:-10}
LOAD_FRACTION=${LOAD_FRACTION:-0.5}
DISTRICT_ESTATES=${DISTRICT_ESTATES:-600}
GROWTH_PERCENT=${GROWTH_PERCENT:-50}
BIN=${BIN:-$root/build/release/bin}
district=360104
out="$root/build/bench"
work=$(mktemp -d -t hx-soak.XXXXXX)
mkdir -p "$out"
port=18186
cleanup() {
  [ -n "${load:-}" ] && kill $load 2>/dev/null || true
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
report="$work/report.txt"
say() { echo "$*" | tee -a "$report"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }
mib() { echo $(( $1 / 1024 )); }

# The database: demo county (migrations, regions under 3601, demo estates), then the district.
db="sqlite:$work/soak.db"
HUANXIN_ADMIN_PASSWORD='Soak#2026pass' "$BIN/huanxin" demo --db "$db" --var-dir "$work/var" --regions-prefix 3601 >/dev/null
if [ "$DISTRICT_ESTATES" -gt 0 ]; then
  "$BIN/huanxin" --db "$db" gen --estates "$DISTRICT_ESTATES" --region "$district" >/dev/null
fi
read -r d_estates d_dwellings < <(sqlite3 -separator ' ' "$work/soak.db" \
  "SELECT (SELECT count(*) FROM estate WHERE region_code LIKE '$district%'),
          (SELECT count(*) FROM dwelling WHERE region_code LIKE '$district%')")
say "district $district: $d_estates estates, $d_dwellings dwellings (demo county + $DISTRICT_ESTATES generated estates)"

HUANXIN_ADMIN_PASSWORD='Soak#2026pass' "$BIN/huanxin" serve --db "$db" --var-dir "$work/var" --port "$port" \
  --no-access-log >"$work/server.log" 2>&1 &
pid=$!
api="http://127.0.0.1:$port/api/v1"
for _ in $(seq 1 120); do curl -fs "$api/health" >/dev/null 2>&1 && break; sleep 0.5; done
token=$(curl -fs -X POST "$api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Soak#2026pass"}' | json 'd["token"]')
consultation=$(curl -fs "$api/consultations/1" -H "Authorization: Bearer $token")
estate=$(echo "$consultation" | json 'd["estateId"]')
dwellings=$(curl -fs "$api/estates/$estate/dwellings" -H "Authorization: Bearer $token" | json '",".join(str(x["id"]) for x in d["items"])')
# Round 1 covers every item; the demo's round 2 targets three — vote on round 2's items.
round_items=$(echo "$consultation" | json '",".join(str(i) for i in d["rounds"][-1]["itemIds"])')
IFS=, read -r a b _ <<<"$round_items"
write_ballot_lua "$work/ballots.lua" "$token" 1 "$dwellings" \
  "{\"choices\":{\"$a\":\"agree\",\"$b\":\"agree\"},\"channel\":\"door\",\"applyToOwnerDwellings\":true}"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$work/get.lua"
listed=$(curl -fs "$api/estates?regionCode=$district&page=1" -H "Authorization: Bearer $token" | json 'd["total"]')
[ "$listed" -ge "$d_estates" ] || { echo "soak: the district list shows $listed estates, expected $d_estates" >&2; exit 1; }

# The three loads: name, connections, URL, base script.
names=(list tally ballots)
conns=(8 2 4)
urls=("$api/estates?regionCode=$district&page=1" "$api/consultations/1/tally" "http://127.0.0.1:$port")
bases=("$work/get.lua" "$work/get.lua" "$work/ballots.lua")

# paced_lua BASE RATE CONNS DELAY_MS: BASE plus a delay() holding one wrk thread's connections to
# RATE req/s in total. Every 10 s it measures the rate r it reached and moves the per-request delay
# by CONNS/RATE - CONNS/r (the latency it cannot see); done() prints the delay it ended with.
paced_lua() {
  cat "$1"
  cat <<LUA
local target, conns = $2, $3
d = $4
local mark, count = nil, 0
delay = function()
  local now = os.time()
  if mark == nil then mark = now end
  count = count + 1
  if now - mark >= 10 then
    local r = count / (now - mark)
    d = math.max(0, d + conns * 1000 / target - conns * 1000 / r)
    mark, count = now, 0
  end
  return math.floor(d + math.random())
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function()
  for _, t in ipairs(threads) do io.write(string.format("pacing delay %.3f ms\n", t:get("d"))) end
end
LUA
}

# run_loads SECONDS SUFFIX [paced]: the three loads at once, outputs in $work/NAME.SUFFIX.
run_loads() {
  load=
  for i in 0 1 2; do
    local script="${bases[$i]}"
    if [ "${3:-}" = paced ]; then
      script="$work/${names[$i]}.paced.lua"
      paced_lua "${bases[$i]}" "${targets[$i]}" "${conns[$i]}" "${delays[$i]}" >"$script"
    fi
    wrk -t1 -c"${conns[$i]}" -d"${1}s" -s "$script" "${urls[$i]}" >"$work/${names[$i]}.$2" 2>&1 &
    load="$load $!"
  done
  wait $load || true
  load=
}
field() { # field FILE WHAT: a number from a wrk report
  case $2 in
    rate) awk '/Requests\/sec/ {print $2}' "$1" ;;
    requests) awk '/requests in/ {print $1}' "$1" ;;
    seconds) # wrk writes the run time with a unit: 950.00ms, 10.01s, 1.00m
      awk '/requests in/ {v = $4; sub(/,$/, "", v); u = v; sub(/^[0-9.]+/, "", u)
        print v * (u == "ms" ? 0.001 : u == "m" ? 60 : u == "h" ? 3600 : 1)}' "$1" ;;
    non2xx) awk '/Non-2xx/ {n = $NF} END {print n + 0}' "$1" ;;
    timeouts) awk '/Socket errors/ {n = $NF} END {print n + 0}' "$1" ;;
    sockerr) awk -F'[ ,]+' '/Socket errors/ {n = $5 + $7 + $9} END {print n + 0}' "$1" ;;
    delay) awk '/pacing delay/ {print $3}' "$1" ;;
  esac
}

idle=$(rss)
# Start-up and the login each hash a password with argon2id (64 MiB, freed at once): report that
# peak, then reset VmHWM (clear_refs 5) so the peaks below are those under load.
say "RSS idle after start and login: $(mib "$idle") MiB; peak so far (VmHWM, start-up and login): $(mib "$(hwm)") MiB"
echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || say "(could not reset VmHWM: peaks below include start-up)"
run_loads "$CALIBRATE" calib
targets=()
delays=()
line="calibration (${CALIBRATE} s, all three at once), target = ${LOAD_FRACTION} x capacity:"
for i in 0 1 2; do
  f="$work/${names[$i]}.calib"
  [ -n "$(field "$f" rate)" ] || { echo "soak: calibration of ${names[$i]} failed:" >&2; cat "$f" >&2; exit 1; }
  cap=$(field "$f" rate)
  targets[i]=$(awk -v c="$cap" -v f="$LOAD_FRACTION" 'BEGIN {printf "%.1f", c * f}')
  delays[i]=$(awk -v r="${targets[$i]}" -v n="${conns[$i]}" 'BEGIN {printf "%.3f", n * 1000 / r}')
  line="$line ${names[$i]} ${conns[$i]} conn. ${cap} req/s -> ${targets[$i]} req/s;"
  if [ "$(field "$f" non2xx)" != 0 ]; then echo "soak: non-2xx answers while calibrating ${names[$i]}:" >&2; cat "$f" >&2; exit 1; fi
done
say "$line"
say "RSS after calibration: $(mib "$(rss)") MiB (peak under load so far, VmHWM: $(mib "$(hwm)") MiB)"

say ""
say "soak: ${DURATION} s in ${INTERVAL} s slices; rates per slice; errors cumulative, non-2xx/socket (timeouts)"
say "$(printf '%6s %9s %9s %9s %9s %9s %12s %12s %12s' 't (s)' 'RSS MiB' 'HWM MiB' 'list/s' 'tally/s' 'ballot/s' 'err list' 'err tally' 'err ballot')"
samples=()
n2xx=(0 0 0)
sock=(0 0 0)
tmo=(0 0 0)
reqs=(0 0 0)
secs=(0 0 0)
failed=0
start=$SECONDS
for ((s = 1; s * INTERVAL <= DURATION; s++)); do
  run_loads "$INTERVAL" slice paced
  kill -0 "$pid" 2>/dev/null || { echo "soak: the server died; its log:" >&2; cat "$work/server.log" >&2; exit 1; }
  samples+=("$(rss)")
  rates=()
  errs=()
  for i in 0 1 2; do
    f="$work/${names[$i]}.slice"
    rates[i]=$(field "$f" rate)
    [ -n "${rates[$i]}" ] || { echo "soak: ${names[$i]} slice failed:" >&2; cat "$f" >&2; exit 1; }
    n2xx[i]=$(( n2xx[i] + $(field "$f" non2xx) ))
    sock[i]=$(( sock[i] + $(field "$f" sockerr) ))
    tmo[i]=$(( tmo[i] + $(field "$f" timeouts) ))
    reqs[i]=$(( reqs[i] + $(field "$f" requests) ))
    secs[i]=$(awk -v a="${secs[$i]}" -v b="$(field "$f" seconds)" 'BEGIN {print a + b}')
    errs[i]="${n2xx[$i]}/${sock[$i]} (${tmo[$i]})"
    d=$(field "$f" delay)
    [ -n "$d" ] && delays[i]=$d
    if [ "$(field "$f" non2xx)" != 0 ] && [ "$failed" = 0 ]; then
      echo "soak: non-2xx answers in ${names[$i]}:" >&2; cat "$f" >&2; failed=1
    fi
  done
  say "$(printf '%6d %9d %9d %9s %9s %9s %12s %12s %12s' $((SECONDS - start)) "$(mib "${samples[-1]}")" "$(mib "$(hwm)")" \
    "${rates[@]}" "${errs[@]}")"
done
peak=$(hwm)
warm=${samples[0]}
end=${samples[-1]}
growth=$(( (end - warm) * 100 / warm ))
achieved=""
for i in 0 1 2; do
  achieved="$achieved ${names[$i]} $(awk -v r="${reqs[$i]}" -v s="${secs[$i]}" 'BEGIN {printf "%.1f", r / s}') req/s (target ${targets[$i]}),"
done
say ""
say "achieved over the soak:${achieved%,}"
say "ballots written during the soak: ${reqs[2]}; errors non-2xx/socket (timeouts): list ${n2xx[0]}/${sock[0]} (${tmo[0]}), tally ${n2xx[1]}/${sock[1]} (${tmo[1]}), ballots ${n2xx[2]}/${sock[2]} (${tmo[2]})"
say "soak ${DURATION}s at ${LOAD_FRACTION} x capacity, district of $d_dwellings dwellings: RSS idle $(mib "$idle") MiB, after warm-up $(mib "$warm") MiB, peak under load (VmHWM) $(mib "$peak") MiB, end $(mib "$end") MiB (${growth} % over warm-up)"
cp "$report" "$out/soak.txt"
[ "$failed" = 0 ] || exit 1
[ $(( sock[0] + sock[1] + sock[2] )) = 0 ] || { echo "soak: socket errors (see the table)" >&2; exit 1; }
[ "$growth" -le "$GROWTH_PERCENT" ] || { echo "soak: RSS grew by ${growth} % (limit ${GROWTH_PERCENT} %)" >&2; exit 1; }
