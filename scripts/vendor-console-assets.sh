#!/usr/bin/env bash
# Vendors the console's front-end assets into src/WalletFlow.Console/wwwroot/lib so the console is served same-origin,
# works offline and builds without npm. Run it only to change a version; commit what it writes.
set -euo pipefail

fluent_version="2.6.1"
repository_root="$(cd "$(dirname "$0")/.." && pwd)"
target="$repository_root/src/WalletFlow.Console/wwwroot/lib/fluentui"
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT

cd "$workspace"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "@fluentui/web-components@$fluent_version" >/dev/null

mkdir -p "$target"
cp node_modules/@fluentui/web-components/dist/web-components.min.js "$target/web-components.min.js"
installed="$(node -p "require('./node_modules/@fluentui/web-components/package.json').version")"
license="$(node -p "require('./node_modules/@fluentui/web-components/package.json').license")"
{
  echo "@fluentui/web-components $installed (licence $license, https://github.com/microsoft/fluentui)"
  echo "file web-components.min.js sha256 $(sha256sum "$target/web-components.min.js" | cut -d' ' -f1)"
} >"$target/VERSIONS"
echo "Vendored @fluentui/web-components $installed into $target" >&2
