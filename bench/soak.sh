#!/usr/bin/env bash
# Soak (issue #6): the release server on the demo county under a steady mixed load — estate list
# pages, tallies and durable ballots — for DURATION, sampling its resident memory (VmRSS) every
# INTERVAL seconds. Fails on any non-2xx answer or when RSS at the end exceeds RSS after warm-up by
# more than GROWTH_PERCENT. Prints the samples and a summary line; saves them under build/bench/.
#
# Environment: DURATION (60, seconds), INTERVAL (5), GROWTH_PERCENT (50), BIN (build/release/bin).
# The ballot history grows during the run (every PUT appends events the tally reads back), so some
# growth follows the data; LeakSanitizer covers leaks in the API suites.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
DURATION=${DURATION:-60}
INTERVAL=${INTERVAL:-5}
GROWTH_PERCENT=${GROWTH_PERCENT:-50}
BIN=${BIN:-$root/build/release/bin}
out="$root/build/bench"
work=$(mktemp -d -t hx-soak.XXXXXX)
mkdir -p "$out"
port=18186
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -n "${load:-}" ] && kill $load 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

HUANXIN_ADMIN_PASSWORD='Soak#2026pass' "$BIN/huanxin" demo --db "sqlite:$work/soak.db" --var-dir "$work/var" --regions-prefix 3601 >/dev/null
HUANXIN_ADMIN_PASSWORD='Soak#2026pass' "$BIN/huanxin" serve --db "sqlite:$work/soak.db" --var-dir "$work/var" --port "$port" \
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
wrk -t1 -c8 -d"${DURATION}s" -H "Authorization: Bearer $token" "$api/estates?page=1" >"$work/list.txt" &
load="$!"
wrk -t1 -c2 -d"${DURATION}s" -H "Authorization: Bearer $token" "$api/consultations/1/tally" >"$work/tally.txt" &
load="$load $!"
wrk -t1 -c4 -d"${DURATION}s" -s "$work/ballots.lua" "http://127.0.0.1:$port" >"$work/ballots.txt" &
load="$load $!"
samples=()
for ((t = 0; t <= DURATION; t += INTERVAL)); do
  samples+=("$(rss)")
  echo "   t=${t}s RSS $(( ${samples[-1]} / 1024 )) MiB"
  sleep "$INTERVAL"
done
wait $load 2>/dev/null || true
load=
errors=0
for f in list tally ballots; do
  if grep -q "Non-2xx" "$work/$f.txt"; then echo "soak: non-2xx answers in $f:" >&2; cat "$work/$f.txt" >&2; errors=1; fi
done
warm=${samples[1]:-${samples[0]}}
end=${samples[-1]}
peak=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
growth=$(( (end - warm) * 100 / warm ))
summary="soak ${DURATION}s: RSS after warm-up $((warm / 1024)) MiB, peak $((peak / 1024)) MiB, end $((end / 1024)) MiB (${growth} %); \
list $(awk '/Requests\/sec/ {print $2}' "$work/list.txt") req/s, tally $(awk '/Requests\/sec/ {print $2}' "$work/tally.txt") req/s, \
ballots $(awk '/Requests\/sec/ {print $2}' "$work/ballots.txt") req/s"
echo "$summary" | tee "$out/soak.txt"
[ "$errors" = 0 ] || exit 1
[ "$growth" -le "$GROWTH_PERCENT" ] || { echo "soak: RSS grew by ${growth} % (limit ${GROWTH_PERCENT} %)" >&2; exit 1; }
