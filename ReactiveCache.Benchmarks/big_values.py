"""Big values never stall the others (issue 11): another client's GET latency while a 1M-element value is read,
unlinked, deleted and flushed, on one or more servers in one run, with the figures of each as ratios to the first.

    big_values.py --target rc=PORT [--target redis=PORT2] [--kind hash|set|zset|list] [--n 1000000] [--settle 1.0]
                  [--keys 1000000]

For each target: fill the big key, then run each operation while a second process loops GET on a small key; the
GETs that start between the operation's start and its end plus --settle seconds (what a free or a collection
costs after the reply) are its window. The operation's own time is printed too (UNLINK's is how long it takes to
return). The read is sent on a raw socket and its reply counted in bytes, not parsed, so the client's parsing does
not compete with the GET loop for the CPU. --kind picks the commands; --fill/--read override them
(e.g. --kind set is SADD/SMEMBERS, --kind zset ZADD/ZRANGE 0 -1, --kind list RPUSH/LRANGE 0 -1).
"""
import argparse, multiprocessing as mp, socket, statistics, time

import redis

KINDS = {
    # kind: (fill command, words per element, read command)
    "hash": ("HSET", lambda i: [b"f:%07d" % i, b"vvvvvvvv"], ["HGETALL"]),
    "set": ("SADD", lambda i: [b"m:%07d" % i], ["SMEMBERS"]),
    "zset": ("ZADD", lambda i: [b"%d" % i, b"m:%07d" % i], ["ZRANGE", "{key}", "0", "-1"]),
    "list": ("RPUSH", lambda i: [b"e:%07d" % i], ["LRANGE", "{key}", "0", "-1"]),
}
# The STORE form each kind runs on its big value (into another key), where it has one.
STORES = {"set": ["SUNIONSTORE", "big:copy", "{key}"], "zset": ["ZUNIONSTORE", "big:copy", "1", "{key}"]}
BIG = b"big:value"
CHUNK = 1000


def resp(words):
    words = [w if isinstance(w, bytes) else str(w).encode() for w in words]
    return b"*%d\r\n" % len(words) + b"".join(b"$%d\r\n%s\r\n" % (len(w), w) for w in words)


def bulk_bytes(items):
    return sum(len(b"$%d\r\n" % len(x)) + len(x) + 2 for x in items)


def expected_read_bytes(kind, n):
    """A RESP2 array reply of every element: the same bytes in any order, so it is counted, not parsed."""
    _, words, _ = KINDS[kind]
    items = [w for i in range(n) for w in words(i)]
    if kind == "zset":
        items = [b"m:%07d" % i for i in range(n)]
    return len(b"*%d\r\n" % len(items)) + bulk_bytes(items)


def raw(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def fill(port, kind, n):
    command, words, _ = KINDS[kind]
    blob = bytearray()
    commands = 0
    for start in range(0, n, CHUNK):
        args = [command, BIG]
        for i in range(start, min(n, start + CHUNK)):
            args += words(i)
        blob += resp(args)
        commands += 1
    s = raw(port)
    s.sendall(bytes(blob))
    lines = 0
    while lines < commands:
        data = s.recv(1 << 16)
        if not data:
            raise RuntimeError("server closed while filling")
        lines += data.count(b"\r\n")
    s.close()


def fill_keys(port, n):
    """n small string keys, MSET 1000 at a time: what FLUSHALL of a big keyspace (not a big value) costs."""
    blob = bytearray()
    commands = 0
    for start in range(0, n, CHUNK):
        args = ["MSET"]
        for i in range(start, min(n, start + CHUNK)):
            args += [b"key:%08d" % i, b"v"]
        blob += resp(args)
        commands += 1
    s = raw(port)
    s.sendall(bytes(blob))
    lines = 0
    while lines < commands:
        data = s.recv(1 << 16)
        if not data:
            raise RuntimeError("server closed while filling")
        lines += data.count(b"\r\n")
    s.close()


def read_all(port, kind, want):
    """Sends the read on a raw socket; returns (seconds to the first byte, seconds to the last)."""
    words = [w.replace("{key}", BIG.decode()) for w in KINDS[kind][2]]
    if len(words) == 1:
        words.append(BIG.decode())
    s = raw(port)
    started = time.perf_counter()
    s.sendall(resp(words))
    got, first = 0, None
    while got < want:
        data = s.recv(1 << 20)
        if not data:
            raise RuntimeError("server closed during the read")
        first = first or time.perf_counter()
        got += len(data)
    ended = time.perf_counter()
    s.close()
    return first - started, ended - started


def get_loop(port, stop, out):
    client = redis.Redis(port=port)
    client.set("small", "v")
    samples = []
    while not stop.is_set():
        t = time.perf_counter()
        client.get("small")
        samples.append((t, time.perf_counter() - t))
    out.send(samples)


def stats(samples):
    if not samples:
        return dict(n=0, p50=float("nan"), p99=float("nan"), max=float("nan"))
    lat = sorted(s[1] * 1000 for s in samples)
    return dict(n=len(lat), p50=statistics.median(lat), p99=lat[min(len(lat) - 1, int(len(lat) * 0.99))], max=lat[-1])


def run(name, port, kind, n, settle, keys):
    r = redis.Redis(port=port)
    r.flushall()
    stop = mp.Event()
    receive, send = mp.Pipe(duplex=False)
    getter = mp.Process(target=get_loop, args=(port, stop, send))
    getter.start()
    time.sleep(0.5)
    windows = []

    def op(label, action):
        start = time.perf_counter()
        detail = action()
        end = time.perf_counter()
        time.sleep(settle)
        windows.append((label, start, end, detail))

    op("idle", lambda: time.sleep(1.0))
    fill_at = time.perf_counter()
    fill(port, kind, n)
    print(f"[{name}] filled {n} elements of a {kind} in {time.perf_counter() - fill_at:.1f}s; "
          f"MEMORY USAGE {r.memory_usage(BIG, samples=0)}", flush=True)
    time.sleep(settle)
    want = expected_read_bytes(kind, n)
    op("read", lambda: "first byte %.0f ms, all %.0f ms" % tuple(x * 1000 for x in read_all(port, kind, want)))
    if kind in STORES:
        store = [w.replace("{key}", BIG.decode()) for w in STORES[kind]]
        op(store[0], lambda: r.execute_command(*store))
        r.unlink("big:copy")
    op("UNLINK", lambda: r.unlink(BIG))
    fill(port, kind, n)
    time.sleep(settle)
    op("DEL", lambda: r.delete(BIG))
    fill(port, kind, n)
    time.sleep(settle)
    op("FLUSHALL ASYNC", lambda: r.execute_command("FLUSHALL", "ASYNC"))
    if keys:
        fill_keys(port, keys)
        time.sleep(settle)
        op(f"FLUSHALL {keys} keys", lambda: r.execute_command("FLUSHALL", "ASYNC"))
    r.set("small", "v")
    time.sleep(0.2)
    stop.set()
    samples = receive.recv()
    getter.join()
    results = {}
    for label, start, end, detail in windows:
        inside = [s for s in samples if start <= s[0] <= end + settle]
        results[label] = dict(stats(inside), op_ms=(end - start) * 1000, detail=detail)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", action="append", required=True, help="name=port; the first is the reference of the ratios' numerators")
    parser.add_argument("--kind", choices=sorted(KINDS), default="hash")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--keys", type=int, default=0, help="then fill this many small keys and FLUSHALL ASYNC them")
    parser.add_argument("--fill", help="override the fill command (e.g. SADD)")
    parser.add_argument("--read", help="override the read command words, {key} for the key (e.g. 'SMEMBERS {key}')")
    args = parser.parse_args()
    if args.fill or args.read:
        command, words, read = KINDS[args.kind]
        KINDS[args.kind] = (args.fill or command, words, args.read.split() if args.read else read)
    results = {}
    for target in args.target:
        name, port = target.split("=")
        results[name] = run(name, int(port), args.kind, args.n, args.settle, args.keys)
    names = list(results)
    print(f"\nGET latency (ms) in each window, {args.kind} of {args.n}; the window is the operation plus {args.settle}s")
    for label in results[names[0]]:
        for name in names:
            s = results[name][label]
            print(f"  {label:15} {name:8} op {s['op_ms']:8.1f} ms  gets {s['n']:6}  p50 {s['p50']:6.3f}  p99 {s['p99']:7.3f}  "
                  f"max {s['max']:7.2f}  {s['detail'] if isinstance(s['detail'], str) else ''}")
        if len(names) > 1:
            a, b = results[names[0]][label], results[names[1]][label]
            ratio = lambda k: a[k] / b[k] if b[k] else float("nan")
            print(f"  {label:15} {names[0]}/{names[1]}: op {ratio('op_ms'):.2f}x  p50 {ratio('p50'):.2f}x  "
                  f"p99 {ratio('p99'):.2f}x  max {ratio('max'):.2f}x")


if __name__ == "__main__":
    main()
