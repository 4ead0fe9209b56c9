#!/usr/bin/env bash
# Makes `docker-compose` available for test/docker/compose.test.ts, which validates docker-compose.yml with
# `docker-compose config -q` (no Docker engine needed). Idempotent: does nothing when the binary is already there.
# Installs Debian's docker-compose package (root, or passwordless sudo); without recommends, so no Docker engine.
set -euo pipefail

if command -v docker-compose >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-docker-compose: docker-compose is missing and this user cannot install it (need root or sudo)." >&2
  echo "Install it yourself, e.g.: sudo apt-get install -y docker-compose" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-docker-compose: docker-compose is missing and apt-get is not available; install docker-compose." >&2
  exit 1
fi

echo "ensure-docker-compose: installing Debian's docker-compose..." >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
command -v docker-compose >/dev/null
