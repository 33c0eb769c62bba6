"""redis-py's set commands, a big SMEMBERS and an optimistic transaction on a set; prints 'ok' when every check holds.

Usage: python3 redis_py_sets.py PORT
Run by RedisPySetSpecs; checked against redis-server 7.0.15 the same way.
"""
import sys

import redis

r = redis.Redis(port=int(sys.argv[1]), socket_timeout=10)
r.flushdb()

assert r.sadd('tags', 'a', 'b', 'a', 'c') == 3
assert r.sadd('tags', 'a') == 0
assert r.smembers('tags') == {b'a', b'b', b'c'}
assert r.sismember('tags', 'a') and not r.sismember('tags', 'zz')
assert r.smismember('tags', ['a', 'zz']) == [1, 0]
assert r.scard('tags') == 3 and r.scard('missing') == 0
assert r.type('tags') == b'set'
assert r.srem('tags', 'c', 'zz') == 1

r.sadd('n', 3, 1, 2)
assert r.object('encoding', 'n') == b'intset'
assert r.smembers('n') == {b'1', b'2', b'3'}
r.sadd('n', 'x')
assert r.object('encoding', 'n') == b'hashtable'

assert r.smove('tags', 'other', 'a') and not r.smove('tags', 'other', 'a')
assert r.spop('other') == b'a' and r.exists('other') == 0

r.sadd('s1', 'a', 'b', 'c')
r.sadd('s2', 'b', 'c', 'd')
assert r.sinter('s1', 's2') == {b'b', b'c'}
assert r.sunion('s1', 's2') == {b'a', b'b', b'c', b'd'}
assert r.sdiff('s1', 's2') == {b'a'}
assert r.sinterstore('dst', ['s1', 's2']) == 2 and r.smembers('dst') == {b'b', b'c'}
assert r.sunionstore('dst', ['s1', 's2']) == 4
assert r.sdiffstore('dst', ['s1', 's1']) == 0 and r.exists('dst') == 0
assert r.sintercard(2, ['s1', 's2']) == 2 and r.sintercard(2, ['s1', 's2'], limit=1) == 1

assert r.srandmember('s1') in {b'a', b'b', b'c'}
assert len(r.srandmember('s1', -10)) == 10 and set(r.srandmember('s1', 10)) == {b'a', b'b', b'c'}
assert set(r.spop('s1', 10)) == {b'a', b'b', b'c'} and r.exists('s1') == 0

r.sadd('big', *[f'm{i}' for i in range(20000)])
assert len(r.smembers('big')) == 20000
assert set(r.sscan_iter('big', count=500)) == {f'm{i}'.encode() for i in range(20000)}
assert sorted(r.sscan_iter('big', match='m1999*')) == sorted(f'm1999{d}'.encode() for d in [''] + list('0123456789'))
assert len(r.sunion('big', 's2')) == 20003
assert r.ping()

r.set('text', 'v')
try:
    r.sadd('text', 'a')
    raise AssertionError('sadd on a string succeeded')
except redis.ResponseError as error:
    assert str(error) == 'WRONGTYPE Operation against a key holding the wrong kind of value', error

# WATCH on a set: another client's SADD makes the transaction fail; a no-op SMOVE into it does not.
r.sadd('watched', 'a')
r.sadd('source', 'a')
with r.pipeline() as pipe:
    pipe.watch('watched')
    redis.Redis(port=int(sys.argv[1])).smove('source', 'watched', 'a')
    pipe.multi()
    pipe.sadd('watched', 'b')
    assert pipe.execute() == [1], 'a member the destination had changes nothing'
with r.pipeline() as pipe:
    pipe.watch('watched')
    redis.Redis(port=int(sys.argv[1])).sadd('watched', 'c')
    pipe.multi()
    pipe.sadd('watched', 'd')
    try:
        pipe.execute()
        raise AssertionError('a watched set changed and EXEC ran')
    except redis.WatchError:
        pass

print('ok')
