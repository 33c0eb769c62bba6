"""pymemcache filling a memcached port that has a memory limit: prints one JSON line of what it saw.

Usage: python3 pymemcache_eviction.py PORT WRITES HOT VALUE_BYTES
Run by MemcachedMemoryLimitIntegrationSpecs. Stores HOT keys first, then WRITES more of VALUE_BYTES each; between every
ten writes it reads the hot keys back, as an application reads what it uses. Then reports how many hot keys are still
there, how many sets the server refused, and the server's stats.
"""
import json
import sys

from pymemcache.client.base import Client
from pymemcache.exceptions import MemcacheServerError


def run(port, writes, hot, value_bytes):
    client = Client(("127.0.0.1", port), default_noreply=False, connect_timeout=5, timeout=30)
    value = b"v" * value_bytes
    hot_keys = ["hot:%d" % i for i in range(hot)]
    for key in hot_keys:
        client.set(key, value)

    refused = 0
    for i in range(writes):
        try:
            client.set("cold:%d" % i, value)
        except MemcacheServerError:
            refused += 1
        if i % 10 == 9:
            client.get_many(hot_keys)

    kept = len(client.get_many(hot_keys))
    # pymemcache turns the stats it knows into numbers and leaves the rest as bytes.
    stats = {key.decode(): value.decode() if isinstance(value, bytes) else str(value) for key, value in client.stats().items()}
    client.close()
    return {"hot_kept": kept, "refused": refused, "stats": stats}


if __name__ == "__main__":
    port, writes, hot, value_bytes = (int(arg) for arg in sys.argv[1:5])
    print(json.dumps(run(port, writes, hot, value_bytes)))
