#!/usr/bin/env bash
# Makes a Docker engine answer: uses one that already does, otherwise (as root on Debian) installs
# docker.io, debootstrap and docker-compose when missing and starts dockerd by hand (there is no
# systemd here) with its data in $SUBSYNC_DOCKER_DATA, which survives between runs.
# The daemon's pid goes to /run/subsync-docker/dockerd.pid so that docker-down.sh stops only it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if docker info >/dev/null 2>&1; then
  say "using the running Docker engine ($(docker info --format '{{.ServerVersion}}'))"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root: start Docker, then run this again"

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "cannot install ${need[*]}: this is not Debian; install Docker and start it"
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

mkdir -p "$SUBSYNC_DOCKER_DATA" "$SUBSYNC_DOCKER_RUN"
# dockerd turns forwarding on; docker-down.sh puts back what was there.
sysctl -n net.ipv4.ip_forward >"$SUBSYNC_DOCKER_RUN/ip_forward"
started=$(date +%s.%N)
# setsid: the daemon must not get the signals of the terminal or CI step that started it.
setsid dockerd --data-root "$SUBSYNC_DOCKER_DATA" --pidfile "$SUBSYNC_DOCKER_RUN/dockerd.pid" \
  >"$SUBSYNC_DOCKER_RUN/dockerd.log" 2>&1 </dev/null &
for _ in $(seq 1 100); do
  docker info >/dev/null 2>&1 && break
  sleep 0.2
done
docker info >/dev/null 2>&1 || { tail -20 "$SUBSYNC_DOCKER_RUN/dockerd.log" >&2; die "dockerd did not answer within 20 s"; }
say "dockerd $(docker info --format '{{.ServerVersion}}') started in $(since "$started") s (data in $SUBSYNC_DOCKER_DATA, log in $SUBSYNC_DOCKER_RUN/dockerd.log)"
