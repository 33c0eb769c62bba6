#!/bin/sh
# Runs one unit of the upstream Redis Tcl suite against a server started here on a free port, then stops that
# server by its pid. Fetches nothing: give it a checkout of the suite (github:redis/redis at tag 7.0.15, at
# least runtest, tests/ and utils/) and a server binary.
#
#   upstream_suite.sh SUITE_DIR SERVER_BINARY UNIT [extra runtest arguments...]
#   upstream_suite.sh /tmp/redis-7.0.15 /tmp/rc/ReactiveCache unit/multi
#   upstream_suite.sh /tmp/redis-7.0.15 /usr/bin/redis-server unit/multi     # the reference, for comparison
#
# The suite runs in external mode (--host/--port), which skips what needs DEBUG or replication via the tags
# below. A binary named redis-server is started as Redis; anything else as ReactiveCache (RESP only).
set -eu

if [ $# -lt 3 ]; then
    echo "usage: $0 SUITE_DIR SERVER_BINARY UNIT [runtest arguments...]" >&2
    exit 2
fi

suite=$(cd "$1" && pwd)
binary=$2
unit=$3
shift 3

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)

case $(basename "$binary") in
    redis-server)
        "$binary" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$log" 2>&1 &
        ;;
    *)
        "$binary" --resp-port "$port" --port 0 --memcached-port 0 --log-level Warning >"$log" 2>&1 &
        ;;
esac
server=$!

stop() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap stop EXIT INT TERM

# Wait (at most 20 s) until the server answers PING.
tries=0
until redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ $tries -gt 200 ] || ! kill -0 "$server" 2>/dev/null; then
        echo "server did not start; its output:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done

echo "server pid $server on 127.0.0.1:$port ($binary)"
cd "$suite"
status=0
./runtest --host 127.0.0.1 --port "$port" --single "$unit" --tags "-needs:debug -needs:repl" --clients 1 "$@" || status=$?
rm -f "$log"
exit $status
