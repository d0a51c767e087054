#!/usr/bin/env bash
# Undoes docker-up.sh and what the suites left: removes Testcontainers' containers and networks (by
# label; Ryuk cannot run without a registry, so nothing else would), and when docker-up.sh started
# the daemon, stops it by its pid and removes the network state Docker leaves behind (the docker0
# bridge, its nft tables, IP forwarding). Images and the data folder stay for the next run.
# Usage: docker-down.sh [--containers-only] (only the containers; the daemon keeps running).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

if docker info >/dev/null 2>&1; then
  leftovers=$(docker ps -aq --filter label=org.testcontainers=true)
  [ -z "$leftovers" ] || { say "removing $(wc -w <<<"$leftovers") Testcontainers container(s)"; docker rm -f $leftovers >/dev/null; }
  networks=$(docker network ls -q --filter label=org.testcontainers=true)
  [ -z "$networks" ] || docker network rm $networks >/dev/null
fi

pidfile="$SUBSYNC_DOCKER_RUN/dockerd.pid"
[ "${1:-}" != --containers-only ] && [ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { say "dockerd ($pid) still running after 30 s; killing it"; kill -KILL "$pid"; }
fi
rm -f "$pidfile"
# Put back what the machine had before the daemon: no bridge, no Docker rules (iptables-nft
# leaves the nat and filter tables behind), and the forwarding setting docker-up.sh recorded.
ip link delete docker0 2>/dev/null
if command -v nft >/dev/null 2>&1; then
  nft delete table ip nat 2>/dev/null
  nft delete table ip filter 2>/dev/null
else
  for table in nat filter; do iptables -t "$table" -F; iptables -t "$table" -X; done 2>/dev/null
  iptables -P FORWARD ACCEPT 2>/dev/null
fi
sysctl -qw "net.ipv4.ip_forward=$(cat "$SUBSYNC_DOCKER_RUN/ip_forward" 2>/dev/null || echo 0)"
say "dockerd ($pid) stopped and its network state removed"
