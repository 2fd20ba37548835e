#!/usr/bin/env bash
# Sourced by the CI steps that need the built application running (.ci/openapi/lint.sh, .ci/browser/run.sh):
# start_demo_app NAME JAR starts it on a free port with an in-memory H2 database and the demo users (no job executor,
# no mail dispatcher), waits until the demo users can call the API, and stops it when the calling script exits.
# Sets WORK (a temporary folder with app.log), APP_PID, PORT and BASE.

start_demo_app() {
  local name="$1" jar="$2"
  WORK="$(mktemp -d)"
  APP_PID=""
  trap stop_demo_app EXIT
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  BASE="http://127.0.0.1:${PORT}"
  echo "+ java -jar ${jar} (H2 in memory, demo users, port ${PORT})"
  java -jar "${jar}" --server.address=127.0.0.1 --server.port="${PORT}" \
    --spring.datasource.url="jdbc:h2:mem:${name};DB_CLOSE_DELAY=-1" \
    --cjm.demo-data.enabled=true --camunda.bpm.job-execution.enabled=false \
    --cjm.notifications.dispatcher.enabled=false >"${WORK}/app.log" 2>&1 &
  APP_PID=$!
  # health answers before the start-up listeners have created the demo users: wait for an authenticated call
  for _ in $(seq 1 240); do
    if curl -sf -u anna:anna -o /dev/null "${BASE}/api/v1/crm/sla/calendars"; then return 0; fi
    if ! kill -0 "${APP_PID}" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "${name}: the application did not come up; its log ends with:" >&2
  tail -50 "${WORK}/app.log" >&2
  return 1
}

stop_demo_app() {
  if [[ -n "${APP_PID}" ]] && kill -0 "${APP_PID}" 2>/dev/null; then
    kill "${APP_PID}" 2>/dev/null || true
    wait "${APP_PID}" 2>/dev/null || true
  fi
  rm -rf "${WORK}"
}
