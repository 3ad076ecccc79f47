#!/usr/bin/env bash
# Runs the example deployment for real with Podman (rootful) and checks it end to end:
# builds the Paja image from deploy/Dockerfile, starts deploy/compose.yaml (PostgreSQL, Redis,
# three Paja instances, nginx), waits until the health checks pass, puts two people on one
# board through nginx on two different instances (server/test/deploymentCheck.ts), kill -9s the
# instance of one of them and sees both reconnect and converge, takes a pg_dump, restores it
# into a fresh database and compares, and stops everything (volumes removed; images kept).
# Not part of `npm test`: it needs root, Podman and a few minutes. README.md, "Several
# instances", says what it showed.
#
#   sudo deploy/try-with-podman.sh            (from the repository; PAJA_HTTP_PORT, default 18080)
#
# Where no image registry answers (docker.io, mirror.gcr.io, quay.io, ghcr.io, public.ecr.aws),
# the images the compose file names are replaced by ones built here from Debian's packages
# (deploy/local-images/, deploy/compose.local-images.yaml): a bookworm rootfs from
# debootstrap, this machine's Node 20, and Debian's PostgreSQL 15, Redis 7.0 and nginx 1.22.
# The secrets are made up per run and live only in this process's environment.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${PAJA_TRY_WORK:-/var/tmp/paja-podman}
export PAJA_HTTP_PORT=${PAJA_HTTP_PORT:-18080}
PROJECT=pajatry
mkdir -p "$WORK"

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

# --- Podman itself -------------------------------------------------------------------------
if ! command -v podman >/dev/null || ! command -v podman-compose >/dev/null; then
  step "Installing podman and podman-compose from Debian"
  apt-get install -y podman podman-compose runc debootstrap
fi
# A configuration of our own (not /etc/containers): containers may not raise their limits
# above ours (no CAP_SYS_RESOURCE where this was tried), and crun refuses a machine with
# cgroups v1 and v2 mounted side by side ("hybrid"), which runc runs on.
{
  echo '[containers]'
  echo "default_ulimits = [\"nofile=$(ulimit -Hn):$(ulimit -Hn)\", \"nproc=32768:32768\"]"
  if [ -d /sys/fs/cgroup/unified ]; then
    echo '[engine]'
    echo 'runtime = "runc"'
  fi
} >"$WORK/containers.conf"
export CONTAINERS_CONF="$WORK/containers.conf"

# --- Images --------------------------------------------------------------------------------
step "Which image registries answer"
REGISTRY_ANSWERS=no
for host in registry-1.docker.io mirror.gcr.io quay.io ghcr.io public.ecr.aws; do
  if code=$(curl -s -o /dev/null -m 8 -w '%{http_code}' "https://$host/v2/") && [ "$code" != 000 ]; then
    echo "$host answers ($code)"
    [ "$host" = registry-1.docker.io ] && REGISTRY_ANSWERS=yes
  else
    echo "$host: no answer"
  fi
done

COMPOSE=(podman-compose -p "$PROJECT" -f deploy/compose.yaml)
BUILD_ARGS=()
if [ "$REGISTRY_ANSWERS" = no ]; then
  COMPOSE+=(-f deploy/compose.local-images.yaml)
  NODE_IMAGE=localhost/paja-node:20-bookworm
  BUILD_ARGS=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
  if ! podman image exists localhost/paja-bookworm:base; then
    step "Debian bookworm rootfs (debootstrap, from deb.debian.org)"
    rm -rf "$WORK/rootfs"
    debootstrap --variant=minbase bookworm "$WORK/rootfs" http://deb.debian.org/debian
    rm -f "$WORK/rootfs"/var/cache/apt/archives/*.deb
    tar -C "$WORK/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - localhost/paja-bookworm:base
  fi
  if ! podman image exists "$NODE_IMAGE"; then
    step "Node image: this machine's Node $(node --version), npm and headers on the rootfs"
    context="$WORK/node-context"
    rm -rf "$context" && mkdir -p "$context"
    cp "$(readlink -f "$(command -v node)")" "$context/node"
    cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$context/npm"
    cp -r "$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")/include/node" "$context/include"
    cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" "$context/ca-certificates.crt"
    podman build -t "$NODE_IMAGE" -f deploy/local-images/node.Containerfile "$context"
  fi
  for image in postgres redis nginx; do
    if ! podman image exists "localhost/paja-$image:bookworm"; then
      step "Image localhost/paja-$image:bookworm from Debian's package"
      podman build -t "localhost/paja-$image:bookworm" \
        -f "deploy/local-images/$image.Containerfile" deploy/local-images
    fi
  done
fi

step "Building the Paja image (deploy/Dockerfile)"
# The Docker format keeps the Dockerfile's HEALTHCHECK (OCI images have none).
podman build --format docker "${BUILD_ARGS[@]}" -t localhost/paja:local -f deploy/Dockerfile .
podman image ls localhost/paja:local

# --- Up ------------------------------------------------------------------------------------
PAJA_SECRET=$(openssl rand -base64 32)
PAJA_DB_PASSWORD=$(openssl rand -hex 16)
export PAJA_SECRET PAJA_DB_PASSWORD PAJA_PUBLIC_URL="http://localhost:$PAJA_HTTP_PORT"
down() {
  step "${1:-Stopping everything (volumes removed)}"
  "${COMPOSE[@]}" down -v >/dev/null 2>&1 || true
  podman volume rm -f "${PROJECT}_pgdata" >/dev/null 2>&1 || true
  podman network rm -f "${PROJECT}_default" >/dev/null 2>&1 || true
}
trap down EXIT
down "Removing what an earlier run left"

step "Starting the compose file"
"${COMPOSE[@]}" up -d
container() { echo "${PROJECT}_$1_1"; }

step "Health checks"
# Podman schedules health checks with systemd timers; without systemd, run them here.
for service in postgres paja1 paja2 paja3; do
  for _ in $(seq 60); do
    if podman healthcheck run "$(container "$service")" >/dev/null 2>&1; then break; fi
    sleep 2
  done
done
podman ps --filter "name=$PROJECT" --format '{{.Names}}  {{.Status}}'

# --- Two people through nginx, kill -9 ----------------------------------------------------
step "Two people on one board through nginx, then kill -9 of one instance"
instances=()
for n in 1 2 3; do
  ip=$(podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(container "paja$n")")
  instances+=("http://$ip:8080")
done
coproc CHECK {
  pnpm --silent --filter @paja/server exec tsx test/deploymentCheck.ts open \
    "http://127.0.0.1:$PAJA_HTTP_PORT" "${instances[@]}" 2>&1
}
check_ok=no
while IFS= read -r line <&"${CHECK[0]}"; do
  echo "  $line"
  case "$line" in
  *'"step":"ready to kill"'*)
    victim=$(sed -E 's/.*"instances":\[([0-9]+).*/\1/' <<<"$line")
    # A crash, not a stop: kill -9 of the server process (podman kill counts as a stop, and
    # restart: unless-stopped would then leave the container down).
    pid=$(podman inspect -f '{{.State.Pid}}' "$(container "paja$victim")")
    kill -9 "$pid"
    echo "  (kill -9 $pid: node in $(container "paja$victim"))"
    echo "$victim" >&"${CHECK[1]}"
    ;;
  *'"step":"done"'*)
    check_ok=yes
    board=$(sed -E 's/.*"board":"([^"]+)".*/\1/' <<<"$line")
    ;;
  esac
done
[ "$check_ok" = yes ] || { echo "the two-person check failed"; exit 1; }
step "The killed instance comes back (restart: unless-stopped)"
for _ in $(seq 30); do
  if podman healthcheck run "$(container "paja$victim")" >/dev/null 2>&1; then break; fi
  sleep 2
done
podman inspect -f '{{.Name}}: restarted {{.RestartCount}} time(s), {{.State.Status}}' \
  "$(container "paja$victim")"
podman ps -a --filter "name=$PROJECT" --format '{{.Names}}  {{.Status}}'

# --- Backup and restore --------------------------------------------------------------------
step "pg_dump, restored into a fresh database"
pg() { podman exec -i "$(container postgres)" "$@"; }
pg pg_dump -U paja -Fc paja >"$WORK/paja.dump"
ls -l "$WORK/paja.dump"
pg dropdb -U paja --if-exists paja_restored
pg createdb -U paja paja_restored
pg pg_restore -U paja -d paja_restored --no-owner <"$WORK/paja.dump"
# The data of both as SQL, without comments and pg_dump's per-run \restrict key.
for db in paja paja_restored; do
  pg pg_dump -U paja --data-only "$db" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' >"$WORK/$db.sql"
done
pg psql -U paja -d paja_restored -Atc \
  "select 'boards ' || count(*) from boards union all select 'updates ' || count(*) from board_updates"
if cmp -s "$WORK/paja.sql" "$WORK/paja_restored.sql"; then
  echo "the restored database holds the same data ($(wc -c <"$WORK/paja.sql") bytes as SQL)"
else
  echo "the restored database differs"; diff "$WORK/paja.sql" "$WORK/paja_restored.sql" | head; exit 1
fi
rm -f "$WORK/paja.sql" "$WORK/paja_restored.sql" "$WORK/paja.dump"
# And Paja reads it: the image's compiled command line exports the board from the restored copy.
podman run --rm --network "${PROJECT}_default" \
  -e PAJA_DATABASE_URL="postgres://paja:$PAJA_DB_PASSWORD@postgres:5432/paja_restored" \
  -e PAJA_SECRET localhost/paja:local \
  sh -c "node server/dist/cli.mjs export --board $board --format md --out /tmp/board.md >&2 && cat /tmp/board.md" \
  2>/dev/null | tee "$WORK/restored-board.md" | sed -n '1,12p'
grep -q Uimahalli "$WORK/restored-board.md" || { echo "the restored board lacks a note"; exit 1; }
echo
echo "All checks passed."
