#!/bin/bash
# The official postgres image's first-start contract, reimplemented for Debian's PostgreSQL: an
# empty PGDATA is initialised with POSTGRES_USER/POSTGRES_PASSWORD, POSTGRES_DB is created and the
# init scripts run on a server that listens on no TCP port (so a health check over TCP only passes
# once the real server is up), then `postgres` runs as the container's process.
set -euo pipefail
[ "${1:-}" = postgres ] || exec "$@"
shift

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
    echo 'Error: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust for a password-less server)' >&2
    exit 1
  fi
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  pwfile=$(mktemp)
  printf '%s' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of flags, as in the official image.
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"

  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$user" --dbname postgres)
  [ "$db" = postgres ] || "${psql[@]}" -q -c "CREATE DATABASE \"$db\""
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sh) echo "running $file"; . "$file" ;;
      *.sql) echo "running $file"; "${psql[@]}" --dbname "$db" -f "$file" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo 'PostgreSQL init process complete; ready for start up.'
fi
exec postgres "$@"
