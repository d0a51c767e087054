#!/usr/bin/env bash
# `npm run test:containers`: the Testcontainers path, end to end. Makes Docker answer (installing
# and starting it as root on Debian when needed), builds the missing images, then runs the int and
# e2e suites with SUBSYNC_INFRA=testcontainers on those images, and the suites that start their
# own containers (*.containers.spec.ts, the README's SubsyncContainer example). Whatever the
# outcome, it removes the containers the suites left and stops a daemon it started itself.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

# A daemon started earlier by docker-up.sh (its pid file exists) is the developer's: keep it.
started_daemon=false
docker info >/dev/null 2>&1 || [ -f "$SUBSYNC_DOCKER_RUN/dockerd.pid" ] || started_daemon=true
cleanup() {
  if $started_daemon; then "$CONTAINERS_DIR/docker-down.sh"; else "$CONTAINERS_DIR/docker-down.sh" --containers-only; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

begun=$(date +%s.%N)
"$CONTAINERS_DIR/docker-up.sh"
"$CONTAINERS_DIR/build-images.sh"
say "images ready after $(since "$begun") s"

# Ryuk (Testcontainers' reaper) is an image from a registry: cleanup is by label instead. This
# machine has a /.dockerenv, which makes Testcontainers look for the host elsewhere: it is here.
export SUBSYNC_INFRA=testcontainers TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
npm run -s build
for project in int e2e containers; do
  step=$(date +%s.%N)
  npx jest --selectProjects "$project" --runInBand
  say "$project suites on Testcontainers: $(since "$step") s"
done
say "test:containers passed in $(since "$begun") s"
