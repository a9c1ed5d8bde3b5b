#!/usr/bin/env bash
# `npm run test:all`: every test, as CI runs them.
#   1. the unit and integration suites on the embedded database (PGlite);
#   2. the same suites against a real PostgreSQL (a throwaway cluster on loopback, scripts/ci-postgres.sh);
#   3. the end-to-end tests: the bot and the Microsoft 365 Agents Playground driven in Debian's Chromium.
# System packages (postgresql, chromium) are installed from Debian when missing and we may (root or sudo).
# Extra arguments go to jest in steps 1 and 2 (e.g. --ci --json --outputFile=...).
set -euo pipefail
cd "$(dirname "$0")/.."

JEST=(node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js)
out_arg() { # --outputFile=x.json -> --outputFile=x.<suffix>.json, so the two database runs keep separate reports
  local suffix="$1"; shift
  for a in "$@"; do
    case "$a" in --outputFile=*.json) echo "${a%.json}.$suffix.json" ;; *) echo "$a" ;; esac
  done
}

ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "== Chromium not found; installing Debian's chromium and chromium-driver" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-color-emoji >&2
}

echo "== 1/3 unit and integration tests, embedded database (PGlite)"
mapfile -t args < <(out_arg pglite "$@")
"${JEST[@]}" "${args[@]}"

echo "== 2/3 the same suites against PostgreSQL"
export "$(scripts/ci-postgres.sh start | tail -n 1)"
trap 'scripts/ci-postgres.sh stop >/dev/null 2>&1 || true' EXIT
mapfile -t args < <(out_arg postgres "$@")
"${JEST[@]}" "${args[@]}"
unset TEST_DATABASE_URL

echo "== 3/3 end-to-end: Agents Playground in Chromium"
ensure_chromium
npm run test:e2e --silent
