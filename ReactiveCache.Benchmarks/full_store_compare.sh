#!/usr/bin/env bash
# full_store_compare.sh A_PORT A_PID B_PORT B_PID [ROUNDS]
#
# The cost of writing into a full store: both servers must run under the same limit and policy, e.g.
#   ../shared/bench/peers.sh start redis 6391 -- --maxmemory 64mb --maxmemory-policy allkeys-lru
#   ReactiveCache --resp-port 16391 --maxmemory 64mb --maxmemory-policy allkeys-lru
# Each is first filled past its limit (300 000 values of 1 KB under random keys), then compare.sh runs SET of
# 1 KB values under random keys from a space of ten million, so nearly every SET is a new key that evicts one,
# at pipeline 1 and 16, with server CPU per request. Labels: LABEL_A, LABEL_B (default redis, reactivecache).
set -euo pipefail
a_port=$1 a_pid=$2 b_port=$3 b_pid=$4 rounds=${5:-3}
bench=$(cd "$(dirname "$0")/../../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)
for port in "$a_port" "$b_port"; do
  redis-benchmark -h 127.0.0.1 -p "$port" -q -t set -n 300000 -r 10000000 -d 1024 -P 16 -c 20 > /dev/null
  redis-cli -h 127.0.0.1 -p "$port" info memory | grep -E '^(used_memory|maxmemory|maxmemory_policy):' | tr -d '\r' | sed "s/^/$port /" || true
  redis-cli -h 127.0.0.1 -p "$port" info stats | grep -E '^evicted_keys:' | tr -d '\r' | sed "s/^/$port /" || true
done
cd "$bench"
LABEL_A=${LABEL_A:-redis} LABEL_B=${LABEL_B:-reactivecache} TESTS=set DATA_SIZE=1024 KEYSPACE=10000000 \
  N_P1=${N_P1:-100000} N_P16=${N_P16:-600000} SERVER_PID_A=$a_pid SERVER_PID_B=$b_pid \
  ./compare.sh resp "127.0.0.1:$a_port" "127.0.0.1:$b_port" "$rounds"
for port in "$a_port" "$b_port"; do
  redis-cli -h 127.0.0.1 -p "$port" info memory | grep -E '^(used_memory|used_memory_rss|maxmemory):' | tr -d '\r' | sed "s/^/after $port /" || true
done
