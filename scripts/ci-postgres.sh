#!/usr/bin/env bash
# A throwaway PostgreSQL for CI and local test runs against a real server.
#
#   scripts/ci-postgres.sh [start]   install if missing, create and start the cluster (idempotent);
#                                    the last line on stdout is TEST_DATABASE_URL=postgres://…
#   scripts/ci-postgres.sh url       print that line again for a running cluster
#   scripts/ci-postgres.sh stop      stop the cluster and delete its files
#
# Progress goes to stderr, so `export "$(scripts/ci-postgres.sh | tail -n 1)"` sets the variable.
# The cluster listens on 127.0.0.1 only (trust authentication for a password-protected, non-superuser
# role with CREATEDB: the test helper creates one database per test file). initdb refuses to run as
# root, so as root the cluster belongs to the postgres user.
#
# Env: CI_PG_DIR (default ${TMPDIR:-/tmp}/inkop-ci-postgres), CI_PG_PORT (default 55432; the next
# free port is taken when it is busy).
set -euo pipefail

DIR="${CI_PG_DIR:-${TMPDIR:-/tmp}/inkop-ci-postgres}"
DATA="$DIR/data"
PORT_FILE="$DIR/port"
LOG="$DIR/postgres.log"
PG_USER=inkop
PG_PASSWORD=inkop
PG_DB=inkop_test

say() { echo "ci-postgres: $*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgres() {
  say "PostgreSQL server binaries not found; installing from Debian"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install the Debian package postgresql yourself"
    sudo="sudo"
  fi
  $sudo apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql >&2
}

# Runs a command as the cluster's owner (postgres when we are root, else ourselves).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url() { echo "TEST_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$(cat "$PORT_FILE")/$PG_DB"; }

running() {
  [ -f "$DATA/postmaster.pid" ] && [ -f "$PORT_FILE" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_admin() {
  # Over the cluster's own socket directory as the bootstrap superuser.
  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$(cat "$PORT_FILE")" -U postgres -d "${2:-postgres}" -c "$1" >&2
}

start() {
  BIN="$(find_bindir)" || { install_postgres; BIN="$(find_bindir)" || die "initdb still not found after installing postgresql"; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then die "running as root but there is no postgres user to own the cluster"; fi

  if running; then
    say "already running on port $(cat "$PORT_FILE") ($DATA)"
    url
    return 0
  fi

  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  chmod 700 "$DIR"

  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "initialising a cluster in $DATA ($("$BIN/postgres" --version))"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 ||
      as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2
  fi

  local port="${CI_PG_PORT:-55432}"
  local tries=0
  while port_busy "$port"; do
    tries=$((tries + 1))
    [ "$tries" -gt 50 ] && die "no free port from ${CI_PG_PORT:-55432} upwards"
    port=$((port + 1))
  done
  echo "$port" >"$PORT_FILE"

  # A throwaway cluster: no durability across an OS crash is needed, so skip the fsyncs.
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { tail -n 20 "$LOG" >&2 || true; die "PostgreSQL did not start"; }

  psql_admin "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
      END IF;
    END \$\$;"
  if ! as_owner "$BIN/psql" -X -tA -h "$DIR" -p "$port" -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    psql_admin "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi

  # The migrations create pg_trgm and unaccent themselves (both are trusted extensions, so the database
  # owner may). Check here that the server has them, as the test role, so a missing contrib shows now.
  PGPASSWORD="$PG_PASSWORD" "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_USER" -d "$PG_DB" >/dev/null <<'SQL' ||
BEGIN;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
SELECT unaccent('läkemedel'), similarity('handskar', 'handske');
ROLLBACK;
SQL
    die "pg_trgm or unaccent is not available (Debian ships them with the postgresql server package)"

  say "running on 127.0.0.1:$port (data in $DATA; stop with: $0 stop)"
  url
}

stop() {
  if [ ! -d "$DIR" ]; then
    say "nothing to stop ($DIR does not exist)"
    return 0
  fi
  BIN="$(find_bindir)" || die "PostgreSQL binaries not found"
  if [ -f "$DATA/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || say "pg_ctl stop failed; removing the files anyway"
  fi
  rm -rf "$DIR"
  say "stopped and removed $DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url)
    BIN="$(find_bindir)" || die "PostgreSQL binaries not found"
    running || die "not running (start it with: $0)"
    url
    ;;
  *) die "usage: $0 [start|stop|url]" ;;
esac
