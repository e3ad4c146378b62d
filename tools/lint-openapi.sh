#!/usr/bin/env bash
# tools/lint-openapi.sh MERGED.json — lints the merged API description (build/dev/openapi.json,
# made by the build from src/http/openapi/*.json) with Redocly CLI's recommended ruleset
# (src/http/openapi/redocly.yaml). Fails on any error; warnings are printed and allowed.
#
# It then proves it can fail: a copy of the document with one injected error (a schema with
# `nullable` and no `type`) must be refused, or this script fails.
#
# Redocly CLI comes from web/node_modules (pinned in web/package.json; `cd web && npm ci`). It
# runs without network: telemetry and the update check are off.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:?usage: tools/lint-openapi.sh MERGED.json}
redocly=$root/web/node_modules/.bin/redocly
config=$root/src/http/openapi/redocly.yaml
[ -f "$doc" ] || { echo "lint-openapi: no such file: $doc (build first: cmake --build --preset dev)" >&2; exit 1; }
[ -x "$redocly" ] || { echo "lint-openapi: $redocly is missing (cd web && npm ci)" >&2; exit 1; }
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true NO_COLOR=1

work=$(mktemp -d -t hx-lint-openapi.XXXXXX)
trap 'rm -rf "$work"' EXIT

# lint FILE LOG → Redocly's exit code. The boxed notice Redocly prints on Node.js 20 is dropped.
lint() {
  local rc=0
  timeout 120 "$redocly" lint --config "$config" --format codeframe "$1" >"$2.raw" 2>&1 || rc=$?
  grep -v '^[[:space:]]*[╔║╚]' "$2.raw" | sed '/^[[:space:]]*$/N;/^\n$/D' >"$2" || true
  return "$rc"
}

# The broken copy: one property with `nullable` and no `type` in the first object schema.
node --input-type=module - "$doc" "$work/broken.json" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const [src, dst] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(src, 'utf8'));
const target = Object.values(doc.components?.schemas ?? {}).find((s) => s.properties);
if (!target) throw new Error('no object schema to break');
target.properties.hxInjectedError = { nullable: true, description: 'injected by tools/lint-openapi.sh' };
writeFileSync(dst, JSON.stringify(doc, null, 2));
JS

# Both runs at once: each is a second or two of one core.
lint "$doc" "$work/real.log" & real_pid=$!
lint "$work/broken.json" "$work/broken.log" & broken_pid=$!
real_rc=0; wait "$real_pid" || real_rc=$?
broken_rc=0; wait "$broken_pid" || broken_rc=$?

cat "$work/real.log"
if [ "$real_rc" -ne 0 ]; then
  echo "lint-openapi: $doc has errors (exit $real_rc); fix them in src/http/openapi/" >&2
  exit 1
fi
if [ "$broken_rc" -eq 0 ] || ! grep -q 'nullable-type-sibling' "$work/broken.log"; then
  echo "lint-openapi: self-check FAILED: the copy with an injected error (nullable without type) was" >&2
  echo "not refused for it (exit $broken_rc); the linter is not checking. Its output:" >&2
  cat "$work/broken.log" >&2
  exit 1
fi
echo "lint-openapi: self-check ok: the copy with an injected nullable-type-sibling error was refused (exit $broken_rc)"
