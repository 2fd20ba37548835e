#!/usr/bin/env bash
# Browser tests (README "Browser tests"): starts the built jar (H2 in memory, demo users), seeds orders over the API,
# and drives Debian's Chromium with playwright-core: a sales manager works a fresh order's task in Tasklist, the head
# of sales opens the dashboard. Screenshots land in .ci/browser/screenshots (kept as CI artefacts).
# Installs what it needs: the chromium package (apt) and playwright-core (npm ci). Never downloads a browser.
#
# usage: .ci/browser/run.sh [path/to/cjm-flow.jar]
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "${HERE}/../.." && pwd)"
JAR="${1:-$(ls "${ROOT}"/target/cjm-flow-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -1 || true)}"
[[ -n "${JAR}" && -f "${JAR}" ]] || { echo "browser tests: no application jar (run ./mvnw package first)" >&2; exit 1; }

if [[ ! -x /usr/bin/chromium ]]; then
  echo "+ apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "${HERE}" && npm ci --no-audit --no-fund --loglevel=error)

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
  --spring.datasource.url="jdbc:h2:mem:browser-tests;DB_CLOSE_DELAY=-1" \
  --cjm.demo-data.enabled=true --camunda.bpm.job-execution.enabled=false \
  --cjm.notifications.dispatcher.enabled=false >"${WORK}/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:${PORT}"
for _ in $(seq 1 240); do
  if curl -sf -u anna:anna -o /dev/null "${BASE}/api/v1/crm/sla/calendars"; then break; fi
  if ! kill -0 "${APP_PID}" 2>/dev/null; then break; fi
  sleep 1
done
curl -sf -u anna:anna -o /dev/null "${BASE}/api/v1/crm/sla/calendars" || {
  echo "browser tests: the application did not come up; its log ends with:" >&2; tail -50 "${WORK}/app.log" >&2; exit 1; }

cd "${HERE}"
rm -rf screenshots && mkdir -p screenshots
BASE_URL="${BASE}" node test.js || {
  echo "browser tests: failed (screenshots in .ci/browser/screenshots); the application log ends with:" >&2
  tail -40 "${WORK}/app.log" >&2
  exit 1
}
