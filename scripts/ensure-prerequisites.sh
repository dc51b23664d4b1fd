#!/usr/bin/env bash
# Installs what WalletFlow needs on a fresh Debian machine of the kind it is developed on, and only what is missing.
# As root it uses apt directly; otherwise it says what to install.
set -euo pipefail

missing=()

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 || {
    echo "The .NET SDK 10 is required (dotnet on PATH): https://dotnet.microsoft.com/download" >&2
    exit 1
  }
}

have_postgres_server() {
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

need_dotnet
have_postgres_server || missing+=(postgresql)
# Redis is a resource of the AppHost (an accelerator, never the source of truth), run from Debian's binary.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v setsid >/dev/null 2>&1 || missing+=(util-linux)
# The interop tests run real npm clients (the Formance SDK) with node.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The console's browser tests drive Debian's chromium; Playwright never downloads a browser here.
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

# Debian's postgresql and redis-server packages may start system services; WalletFlow never uses them (it runs its own).
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another install holding the package manager's lock (a second clone, another tool) is waited for, not a failure.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
