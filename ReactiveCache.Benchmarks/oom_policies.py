#!/usr/bin/env python3
"""noeviction and volatile-ttl through redis-py, for any RESP server started with --maxmemory 4mb --maxmemory-policy noeviction.

usage: oom_policies.py PORT  (fills the store with 1 KB values until -OOM, tries INCR/HSET/APPEND, then GET/DEL/EXISTS/EXPIRE;
then switches to volatile-ttl with 300 keys without and 300 with a TTL and writes until -OOM)."""
import redis, sys
r=redis.Redis(port=int(sys.argv[1]))
v=b'x'*1024
n=0
try:
    while True:
        r.set(f'k{n}',v); n+=1
except redis.exceptions.ResponseError as e:
    print(f"noeviction: after {n} SETs: -{e}")
for name, call in [("INCR", lambda: r.incr('counter')), ("HSET", lambda: r.hset('h','f','v')), ("APPEND", lambda: r.append('k2','y'))]:
    try: print(name, "->", call())
    except redis.exceptions.ResponseError as e: print(name, "-> -" + str(e))
print("GET k0 ->", len(r.get('k0')), "bytes; DEL k1 ->", r.delete('k1'), "; EXISTS k2 ->", r.exists('k2'), "; EXPIRE k2 ->", r.expire('k2',100))
m=r.info('memory'); print("evicted_keys", r.info('stats')['evicted_keys'], "; used_memory", m['used_memory'], "maxmemory", m['maxmemory'])
r.flushall(); r.config_set('maxmemory-policy','volatile-ttl')
for i in range(300): r.set(f'p{i}', v)
for i in range(300): r.set(f't{i}', v, ex=1000+i)
n=0
try:
    while True: r.set(f'new{n}', v); n+=1
except redis.exceptions.ResponseError as e: print(f"volatile-ttl: {n} new SETs made room from TTL keys, then: -{e}")
print("persistent keys left", sum(r.exists(f'p{i}') for i in range(300)), "of 300; TTL keys left", sum(r.exists(f't{i}') for i in range(300)), "of 300; evicted_keys", r.info('stats')['evicted_keys'])
