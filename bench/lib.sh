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
