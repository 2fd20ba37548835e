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
WORK="$(mktemp -d)"
APP_PID=""
cleanup() {
  if [[ -n "${APP_PID}" ]] && kill -0 "${APP_PID}" 2>/dev/null; then
    kill "${APP_PID}" 2>/dev/null || true
    wait "${APP_PID}" 2>/dev/null || true
  fi
  rm -rf "${WORK}"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
echo "+ java -jar ${JAR#"${ROOT}/"} (H2 in memory, demo users, port ${PORT})"
java -jar "${JAR}" --server.address=127.0.0.1 --server.port="${PORT}" \
  --spring.datasource.url="jdbc:h2:mem:openapi-lint;DB_CLOSE_DELAY=-1" \
  --cjm.demo-data.enabled=true --camunda.bpm.job-execution.enabled=false \
  --cjm.notifications.dispatcher.enabled=false >"${WORK}/app.log" 2>&1 &
APP_PID=$!

for _ in $(seq 1 240); do
  if curl -sf -o /dev/null "http://127.0.0.1:${PORT}/actuator/health"; then break; fi
  if ! kill -0 "${APP_PID}" 2>/dev/null; then break; fi
  sleep 1
done
if ! curl -sf -o /dev/null "http://127.0.0.1:${PORT}/actuator/health"; then
  echo "openapi lint: the application did not become healthy; its log ends with:" >&2
  tail -50 "${WORK}/app.log" >&2
  exit 1
fi

# A demo user (password = user id); the document is behind the same HTTP Basic as the API. Health answers before
# the start-up listeners have created the demo users, so the first calls may still be refused: retry for a while.
fetch() {
  for _ in $(seq 1 60); do
    if curl -sf -u anna:anna -o "$2" "http://127.0.0.1:${PORT}$1"; then return 0; fi
    sleep 1
  done
  echo "openapi lint: GET $1 kept failing: $(curl -s -o /dev/null -w '%{http_code}' -u anna:anna "http://127.0.0.1:${PORT}$1")" >&2
  return 1
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
