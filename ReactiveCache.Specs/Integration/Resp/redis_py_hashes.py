"""redis-py's hash commands and an optimistic transaction on a hash; prints 'ok' when every check holds.

Usage: python3 redis_py_hashes.py PORT
Run by RedisPyHashSpecs; checked against redis-server 7.0.15 the same way.
"""
import sys
import threading

import redis

r = redis.Redis(port=int(sys.argv[1]), socket_timeout=10)
r.flushdb()

assert r.hset('user:1', mapping={'name': 'Ada', 'lang': 'en', 'visits': 0}) == 3
assert r.hset('user:1', 'lang', 'fr') == 0, 'an update is not a new field'
assert r.hsetnx('user:1', 'lang', 'de') == 0 and r.hsetnx('user:1', 'city', 'London') == 1
assert r.hget('user:1', 'name') == b'Ada' and r.hget('user:1', 'missing') is None
assert r.hmget('user:1', ['name', 'missing']) == [b'Ada', None]
assert r.hgetall('user:1') == {b'name': b'Ada', b'lang': b'fr', b'visits': b'0', b'city': b'London'}
assert r.hlen('user:1') == 4 and r.hexists('user:1', 'city') and not r.hexists('user:1', 'zip')
assert sorted(r.hkeys('user:1')) == [b'city', b'lang', b'name', b'visits']
assert sorted(r.hvals('user:1')) == [b'0', b'Ada', b'London', b'fr']
assert r.hstrlen('user:1', 'city') == 6
assert r.type('user:1') == b'hash'

assert r.hincrby('user:1', 'visits', 5) == 5 and r.hincrby('user:1', 'visits', -2) == 3
assert r.hincrbyfloat('user:1', 'score', 0.5) == 0.5 and r.hincrbyfloat('user:1', 'score', 2) == 2.5
try:
    r.hincrby('user:1', 'name', 1)
    raise AssertionError('hincrby on text succeeded')
except redis.ResponseError as error:
    assert str(error) == 'hash value is not an integer', error

assert r.hdel('user:1', 'city', 'missing') == 1 and r.hdel('user:1', 'city') == 0

r.hset('big', mapping={f'f{i}': i for i in range(1000)})
scanned = dict(r.hscan_iter('big', count=100))
assert len(scanned) == 1000 and all(scanned[f'f{i}'.encode()] == str(i).encode() for i in range(1000))
assert sorted(dict(r.hscan_iter('big', match='f99*'))) == [b'f99', b'f990', b'f991', b'f992', b'f993', b'f994', b'f995', b'f996', b'f997', b'f998', b'f999']

r.set('text', 'v')
try:
    r.hget('text', 'f')
    raise AssertionError('hget on a string succeeded')
except redis.ResponseError as error:
    assert str(error) == 'WRONGTYPE Operation against a key holding the wrong kind of value', error

assert r.hdel('user:1', 'name', 'lang', 'visits', 'score') == 4 and r.exists('user:1') == 0, 'an emptied hash is gone'


def move_stock(pipe):
    """Moves one item from the warehouse to the shop only if the warehouse still has one."""
    stock = int(pipe.hget('stock', 'warehouse'))
    pipe.multi()
    if stock > 0:
        pipe.hincrby('stock', 'warehouse', -1)
        pipe.hincrby('stock', 'shop', 1)


r.hset('stock', mapping={'warehouse': 100, 'shop': 0})
workers = [threading.Thread(target=lambda: [r.transaction(move_stock, 'stock') for _ in range(30)]) for _ in range(4)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
assert r.hgetall('stock') == {b'warehouse': b'0', b'shop': b'100'}, r.hgetall('stock')

with r.pipeline() as pipe:
    pipe.watch('stock')
    pipe.multi()
    pipe.hset('stock', 'shop', 0)
    r.hset('stock', 'warehouse', 1)
    try:
        pipe.execute()
        raise AssertionError('EXEC ran although a watched hash changed')
    except redis.WatchError:
        pass
assert r.hget('stock', 'shop') == b'100'

print('ok')
