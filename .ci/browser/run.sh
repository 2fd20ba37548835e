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

# shellcheck source=../demo-app.sh
source "${HERE}/../demo-app.sh"
start_demo_app browser-tests "${JAR}"

cd "${HERE}"
rm -rf screenshots && mkdir -p screenshots
BASE_URL="${BASE}" node test.js || {
  echo "browser tests: failed (screenshots in .ci/browser/screenshots); the application log ends with:" >&2
  tail -40 "${WORK}/app.log" >&2
  exit 1
}
