#!/usr/bin/env bash
# One entry point that sets up a fresh machine and runs an npm script:
#   bash scripts/run.sh start   # the app, with the built-in demo store
#   bash scripts/run.sh test    # every test
# It provisions Node 24, installs dependencies when package-lock.json has
# changed since the last install, and installs Debian's Chromium (used by
# browser mode and the end-to-end tests) when it is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
eval "$(bash scripts/provision-node.sh --env)"

# Electron's own binary comes from the internet at install time; skip that
# download unless asked (set WIZARD_FETCH_ELECTRON=1 on a connected machine).
if [ "${WIZARD_FETCH_ELECTRON:-0}" != "1" ]; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
fi

stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "run.sh: installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing Debian's chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "run.sh: Chromium not found at $chromium_path." >&2
    echo "  Install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

script=${1:-start}
shift || true
exec npm run "$script" -- "$@"
