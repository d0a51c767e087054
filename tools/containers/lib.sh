# Shared by the scripts in tools/containers: names, paths and small helpers. Sourced, not run.

# Image names. The build script produces these; `npm run test:containers` hands the Kafka and
# PostgreSQL ones to the test kit (which otherwise uses the official apache/kafka and postgres).
: "${SUBSYNC_BASE_IMAGE:=subsync/debian:trixie}"
: "${SUBSYNC_KAFKA_IMAGE:=subsync/kafka:$(sed -n "s/^export const KAFKA_VERSION = '\(.*\)';/\1/p" "$(dirname "${BASH_SOURCE[0]}")/../../libs/local-infra/src/kafka/kafka-version.ts")}"
: "${SUBSYNC_POSTGRES_IMAGE:=subsync/postgres:17}"
: "${SUBSYNC_IMAGE:=subsync/subsync:latest}"
export SUBSYNC_BASE_IMAGE SUBSYNC_KAFKA_IMAGE SUBSYNC_POSTGRES_IMAGE SUBSYNC_IMAGE

# Docker's images and layers live here between runs, so a second run builds nothing.
: "${SUBSYNC_DOCKER_DATA:=/var/lib/subsync-docker}"
# What docker-up.sh started, for docker-down.sh: the daemon's pid and log.
SUBSYNC_DOCKER_RUN=/run/subsync-docker

CONTAINERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CONTAINERS_DIR/../.." && pwd)"

say() { printf '[containers] %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# Runs a command with its output kept aside, shown (the last 40 lines) only when it fails.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  [ $status -eq 0 ] || { tail -40 "$log" >&2; say "failed ($status): $*"; }
  rm -f "$log"
  return $status
}
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
# Seconds since $1 (a `date +%s.%N` value), one decimal.
since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }
