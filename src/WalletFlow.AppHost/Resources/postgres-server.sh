#!/usr/bin/env bash
# Runs WalletFlow's Postgres cluster in the foreground for the AppHost (an executable resource):
#   postgres-server.sh <bin dir> <cluster dir> <port> [<os user>]
# It initialises the cluster on first use, stops a server a killed run left on the same data, and turns the
# orchestrator's SIGTERM into Postgres's fast shutdown (roll back, checkpoint, exit) instead of a "smart" one that
# would wait for every client to leave. Durable: fsync, synchronous commit and full-page writes stay on.
set -euo pipefail

bin="$1"
cluster="$2"
port="$3"
os_user="${4:-}"
data="$cluster/data"

as_user() {
  if [ -n "$os_user" ]; then
    setpriv --reuid="$os_user" --regid="$os_user" --init-groups --reset-env "$@"
  else
    "$@"
  fi
}

mkdir -p "$cluster"
if [ -n "$os_user" ]; then
  chown "$os_user:" "$cluster"
fi
# The server's user may not be able to enter the folder we were started in (a data folder under /root).
cd "$cluster"

if [ -f "$data/postmaster.pid" ]; then
  stale="$(head -n 1 "$data/postmaster.pid")"
  if [ -n "$stale" ] && grep -q postgres "/proc/$stale/cmdline" 2>/dev/null; then
    echo "stopping the server a previous run left on $data (pid $stale)"
    kill -INT "$stale" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$stale" 2>/dev/null || break
      sleep 0.1
    done
  fi
fi

if [ ! -f "$data/PG_VERSION" ]; then
  echo "initialising a new cluster in $data"
  as_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C
fi

server_arguments=(-D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200)
echo "cluster $cluster, port $port"
# Started directly (setpriv execs in place), so $! is the server's own pid and the trap below signals the server.
if [ -n "$os_user" ]; then
  setpriv --reuid="$os_user" --regid="$os_user" --init-groups --reset-env "$bin/postgres" "${server_arguments[@]}" &
else
  "$bin/postgres" "${server_arguments[@]}" &
fi
server=$!
trap 'kill -INT "$server" 2>/dev/null || true' TERM INT
# wait returns early when a trapped signal arrives: wait again until the server has really gone.
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server" || status=$?
done
exit "$status"
