#!/usr/bin/env bash
# Lints the OpenAPI document that the built application serves at /v3/api-docs with Redocly's CLI (recommended
# ruleset, pinned in package.json / package-lock.json). Fails on any error and on any warning that is not listed,
# with its reason, in .redocly.lint-ignore.yaml beside this script.
#
# usage: .ci/openapi/lint.sh [path/to/cjm-flow.jar]   (default: the jar under target/, built by ./mvnw verify/package)
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "${HERE}/../.." && pwd)"
JAR="${1:-$(ls "${ROOT}"/target/cjm-flow-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -1 || true)}"
[[ -n "${JAR}" && -f "${JAR}" ]] || { echo "openapi lint: no application jar (run ./mvnw package first)" >&2; exit 1; }

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
# shellcheck source=../demo-app.sh
source "${HERE}/../demo-app.sh"
start_demo_app openapi-lint "${JAR}"

# A demo user (password = user id): the document is behind the same HTTP Basic as the API.
fetch() {
  curl -sf -u anna:anna -o "$2" "${BASE}$1" || {
    echo "openapi lint: GET $1 failed: $(curl -s -o /dev/null -w '%{http_code}' -u anna:anna "${BASE}$1")" >&2
    return 1
  }
}
fetch /v3/api-docs "${WORK}/cjm-flow.json"
fetch /v3/engine-rest/openapi.json /dev/null
echo "fetched /v3/api-docs ($(wc -c <"${WORK}/cjm-flow.json") bytes) and /v3/engine-rest/openapi.json"
cp "${WORK}/cjm-flow.json" "${HERE}/cjm-flow.json"   # the linted document, for a look afterwards (git-ignored)

cd "${HERE}"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install redocly lint --extends recommended --format stylish cjm-flow.json || true
npx --no-install redocly lint --extends recommended --format json cjm-flow.json >"${WORK}/lint.json" 2>/dev/null || true
python3 - "${WORK}/lint.json" <<'PY'
import json, sys

totals = json.load(open(sys.argv[1]))["totals"]
print(f"redocly recommended: {totals['errors']} errors, {totals['warnings']} warnings, {totals['ignored']} ignored "
      "(an ignored problem needs its line, with the reason, in .ci/openapi/.redocly.lint-ignore.yaml)")
sys.exit(1 if totals["errors"] or totals["warnings"] else 0)
PY
