#!/usr/bin/env bash
# Builds the images that are missing: a Debian base, Kafka, PostgreSQL and subsync. Nothing is
# pulled except the base, and only when a registry answers; otherwise the base comes from the
# Debian mirror through debootstrap, and the Dockerfiles install the rest with apt over plain
# HTTP. The subsync image carries a hash of the sources it was built from and is rebuilt when
# they change. Usage: build-images.sh [base|kafka|postgres|subsync]... (default: all of them).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SUITE=trixie
built=()
work=$(mktemp -d /var/tmp/subsync-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

mirror() {
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / && $2 ~ /^http/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_base() {
  if timeout 120 docker pull -q "debian:$SUITE-slim" >/dev/null 2>&1; then
    docker tag "debian:$SUITE-slim" "$SUBSYNC_BASE_IMAGE"
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || die "no registry answers and debootstrap is missing (apt-get install debootstrap)"
  local rootfs=$work/rootfs url
  url=$(mirror)
  say "no registry: debootstrap $SUITE from $url"
  quietly debootstrap --variant=minbase "$SUITE" "$rootfs" "$url"
  # What Docker's own Debian images carry: the same suites as a release, no services started by
  # package scripts, no recommended packages.
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $url
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${url%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod +x "$rootfs/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$rootfs/etc/apt/apt.conf.d/90subsync"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$SUBSYNC_BASE_IMAGE" >/dev/null
}

build_kafka() {
  local context=$work/kafka version
  mkdir "$context"
  version=${SUBSYNC_KAFKA_IMAGE##*:}
  cp "$CONTAINERS_DIR"/kafka/{Dockerfile,run} "$REPO_ROOT/libs/local-infra/src/kafka/log4j2.xml" "$context/"
  # The jars the local broker uses, from the project's own pom (cached in ~/.m2).
  command -v mvn >/dev/null 2>&1 || die "building the Kafka image needs Maven and Java on this machine (apt-get install maven openjdk-17-jre-headless)"
  cp "$REPO_ROOT/libs/local-infra/src/kafka/pom.xml" "$context/"
  (cd "$context" && quietly mvn -B -q "-Dkafka.version=$version" dependency:copy-dependencies \
    -DoutputDirectory=jars -DincludeScope=runtime && rm -rf pom.xml target)
  quietly docker build --build-arg "BASE_IMAGE=$SUBSYNC_BASE_IMAGE" -t "$SUBSYNC_KAFKA_IMAGE" "$context"
}

build_postgres() {
  quietly docker build --build-arg "BASE_IMAGE=$SUBSYNC_BASE_IMAGE" -t "$SUBSYNC_POSTGRES_IMAGE" "$CONTAINERS_DIR/postgres"
}

# The sources the subsync image is built from, tracked or new: a change to any of them rebuilds it.
subsync_source_hash() {
  (cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard -- apps libs tools/dev tools/containers/subsync package.json package-lock.json \
    | xargs -0 sha256sum 2>/dev/null | sha256sum | cut -c1-16)
}

subsync_up_to_date() {
  [ "$(docker image inspect -f '{{index .Config.Labels "subsync.source"}}' "$SUBSYNC_IMAGE" 2>/dev/null)" = "$1" ]
}

build_subsync() {
  local context=$work/subsync hash=$1
  mkdir "$context"
  (cd "$REPO_ROOT" && quietly npm run -s build)
  cp -r "$REPO_ROOT/dist" "$CONTAINERS_DIR"/subsync/{Dockerfile,subsync,healthcheck.js} "$REPO_ROOT/package.json" "$REPO_ROOT/package-lock.json" "$context/"
  rm -f "$context/dist/.swcrc"
  (cd "$context" && quietly npm ci -s --omit=dev --omit=optional --omit=peer --ignore-scripts --no-audit --no-fund && rm package-lock.json)
  quietly docker build --build-arg "BASE_IMAGE=$SUBSYNC_BASE_IMAGE" --label "subsync.source=$hash" \
    -t "$SUBSYNC_IMAGE" "$context"
  # The image it replaces, now untagged, would pile up in the kept data folder.
  docker image prune -f --filter label=subsync.source >/dev/null
}

# One image: build it when missing (or, for subsync, out of date), timed.
ensure() {
  local name=$1 image=$2 hash=${3:-} started
  if [ -n "$hash" ] && subsync_up_to_date "$hash"; then return; fi
  if [ -z "$hash" ] && have_image "$image"; then return; fi
  say "building $image"
  started=$(date +%s.%N)
  "build_$name" "$hash"
  say "built $image in $(since "$started") s ($(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%d MB", $1 / 1e6 }'))"
  built+=("$image")
}

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(base kafka postgres subsync)
started=$(date +%s.%N)
for name in "${wanted[@]}"; do
  case "$name" in
    base) ensure base "$SUBSYNC_BASE_IMAGE" ;;
    kafka) ensure base "$SUBSYNC_BASE_IMAGE"; ensure kafka "$SUBSYNC_KAFKA_IMAGE" ;;
    postgres) ensure base "$SUBSYNC_BASE_IMAGE"; ensure postgres "$SUBSYNC_POSTGRES_IMAGE" ;;
    subsync) ensure base "$SUBSYNC_BASE_IMAGE"; ensure subsync "$SUBSYNC_IMAGE" "$(subsync_source_hash)" ;;
    *) die "unknown image $name (base, kafka, postgres, subsync)" ;;
  esac
done
if [ ${#built[@]} -eq 0 ]; then
  say "images up to date: ${wanted[*]} (nothing built, $(since "$started") s)"
else
  say "built ${built[*]} in $(since "$started") s"
fi
