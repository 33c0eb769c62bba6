#!/usr/bin/python3
"""How soon a client blocked in BLPOP gets the element another connection pushes.

    wake_latency.py PORT [ROUNDS]

One connection blocks in BLPOP; once the server lists it as blocked (CLIENT LIST flags=b), a second connection
RPUSHes and the time from sending RPUSH to the BLPOP reply is taken. Prints p50/p99/max in milliseconds.
"""
import sys
import threading
import time

import redis

port = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
waiter = redis.Redis(port=port)
pusher = redis.Redis(port=port)
samples = []
for i in range(rounds):
    got = {}

    def wait():
        got['reply'] = waiter.blpop('wake:q', 5)
        got['at'] = time.perf_counter()

    thread = threading.Thread(target=wait)
    thread.start()
    while 'flags=b' not in pusher.execute_command('CLIENT', 'LIST').decode():
        time.sleep(0.0005)
    sent = time.perf_counter()
    pusher.rpush('wake:q', i)
    thread.join()
    assert got['reply'] == (b'wake:q', str(i).encode()), got
    samples.append((got['at'] - sent) * 1000)

samples.sort()
print(f"rounds {rounds}  p50 {samples[len(samples) // 2]:.3f} ms  p99 {samples[int(len(samples) * 0.99) - 1]:.3f} ms  max {samples[-1]:.3f} ms")
