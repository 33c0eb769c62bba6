"""SCAN COUNT 10 page time over N keys, and another client's GET latency while pages are read back to back."""
import sys, time, threading, statistics, redis
port = int(sys.argv[1]); n = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
r = redis.Redis(port=port)
r.flushall()
pipe = r.pipeline(transaction=False)
for i in range(n):
    pipe.set(f"key:{i}", "v")
    if i % 10000 == 9999: pipe.execute()
pipe.execute()
assert r.dbsize() == n, r.dbsize()
stop = False; gets = []
def getter():
    g = redis.Redis(port=port)
    while not stop:
        t = time.perf_counter(); g.get("key:1"); gets.append(time.perf_counter() - t)
th = threading.Thread(target=getter); th.start()
pages = []; cursor = 0; deadline = time.time() + 10
while time.time() < deadline:
    t = time.perf_counter(); cursor, keys = r.scan(cursor, count=10); pages.append(time.perf_counter() - t)
stop = True; th.join()
q = lambda xs, p: sorted(xs)[int(len(xs) * p)] * 1000
print(f"keys={n} pages={len(pages)} page_ms p50={q(pages,.5):.3f} p99={q(pages,.99):.3f} max={max(pages)*1000:.3f} | "
      f"gets={len(gets)} get_ms p50={q(gets,.5):.3f} p99={q(gets,.99):.3f} max={max(gets)*1000:.3f}")
