#!/usr/bin/env python3
"""Writes 300 MB of 1 KB values through RESP into a server under a memory limit, reading a small hot set between
the writes, and reports what stayed: used_memory against maxmemory, the hot keys kept, the evictions published as
keyspace events, and the process's resident memory (idle, peak, final).

usage: eviction_burst.py HOST PORT PID [TOTAL_MB] [HOT_KEYS]
The server must already run with its limit and policy, e.g. `--maxmemory 64mb --maxmemory-policy allkeys-lru`
(redis-server and ReactiveCache take the same options). Only the standard library is used.
"""
import os
import socket
import sys
import threading
import time


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def command(*words):
    parts = [b"*%d\r\n" % len(words)]
    for word in words:
        data = word if isinstance(word, bytes) else str(word).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


class Connection:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer += chunk

    def _line(self):
        while b"\r\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b":"):
            return rest
        if kind == b"-":
            return Exception(rest.decode())
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            while len(self.buffer) < length + 2:
                self._fill()
            data, self.buffer = self.buffer[:length], self.buffer[length + 2:]
            return data
        if kind == b"*":
            return [self.reply() for _ in range(int(rest))]
        raise ValueError(f"unexpected reply {line!r}")

    def call(self, *words):
        self.send(command(*words))
        return self.reply()


def info(connection, section):
    text = connection.call("INFO", section).decode()
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)


def main():
    host, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    total_mb = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    hot_count = int(sys.argv[5]) if len(sys.argv) > 5 else 500
    value = b"v" * 1024
    writes = total_mb * 1024
    batch = 100

    control = Connection(host, port)
    listening = os.environ.get("EVICTION_EVENTS", "1") != "0"
    if listening:
        control.call("CONFIG", "SET", "notify-keyspace-events", "Ee")
    idle_rss = rss_kb(pid)

    evicted_events = [0]
    subscriber = Connection(host, port)
    if listening:
        subscriber.call("SUBSCRIBE", "__keyevent@0__:evicted")

    def listen():
        try:
            while True:
                message = subscriber.reply()
                if isinstance(message, list) and message[0] == b"message":
                    evicted_events[0] += 1
        except (ConnectionError, OSError):
            pass

    threading.Thread(target=listen, daemon=True).start()

    hot = [b"hot:%d" % i for i in range(hot_count)]
    writer = Connection(host, port)
    writer.send(b"".join(command("SET", key, value) for key in hot))
    for _ in hot:
        writer.reply()

    peak_rss = idle_rss
    hot_cursor = 0
    errors = 0
    started = time.monotonic()
    for start in range(0, writes, batch):
        requests = [command("SET", b"cold:%d" % n, value) for n in range(start, min(start + batch, writes))]
        reads = [hot[(hot_cursor + i) % hot_count] for i in range(50)]
        hot_cursor = (hot_cursor + 50) % hot_count
        requests.extend(command("GET", key) for key in reads)
        writer.send(b"".join(requests))
        for _ in requests:
            if isinstance(writer.reply(), Exception):
                errors += 1
        if start % (batch * 100) == 0:
            peak_rss = max(peak_rss, rss_kb(pid))
    elapsed = time.monotonic() - started
    peak_rss = max(peak_rss, rss_kb(pid))

    kept = sum(1 for key in hot if control.call("EXISTS", key) == b"1")
    memory = info(control, "memory")
    stats = info(control, "stats")
    deadline = time.monotonic() + 5
    evicted_keys = int(stats.get("evicted_keys", "0"))
    while listening and evicted_events[0] < evicted_keys and time.monotonic() < deadline:
        time.sleep(0.05)
    final_rss = rss_kb(pid)

    used = int(memory["used_memory"])
    limit = int(memory.get("maxmemory", "0"))
    print(f"wrote {writes} values of 1 KB ({total_mb} MB) in {elapsed:.1f} s, {errors} error replies")
    print(f"used_memory {used} ({used / 1048576:.1f} MiB) maxmemory {limit} ({limit / 1048576:.1f} MiB): {'within' if used <= limit else 'OVER'} the limit")
    print(f"mem_not_counted_for_evict {memory.get('mem_not_counted_for_evict', '?')}")
    print(f"hot keys kept {kept} of {hot_count} ({100.0 * kept / hot_count:.1f}%)")
    print(f"evicted_keys {evicted_keys}, evicted events received {evicted_events[0]}")
    print(f"RSS idle {idle_rss / 1024:.1f} MiB, peak {peak_rss / 1024:.1f} MiB, final {final_rss / 1024:.1f} MiB; "
          f"final RSS / used_memory {final_rss * 1024 / max(used, 1):.2f}")


if __name__ == "__main__":
    main()
