"""redis-py's sorted-set commands: ZADD's options, ZRANGE's forms with scores, the scores' text, BZPOPMIN's timeout
and wake, ZUNIONSTORE; prints 'ok' when every check holds.

Usage: python3 redis_py_sorted_sets.py PORT
Run by RedisPySortedSetSpecs; checked against redis-server 7.0.15 the same way.
"""
import sys
import threading

import redis

port = int(sys.argv[1])
r = redis.Redis(port=port, socket_timeout=10)
r.flushdb()


def raw(*command):
    """The reply's own bytes, without redis-py's float callback: how the server writes a score."""
    connection = r.connection_pool.get_connection(command[0])
    try:
        connection.send_command(*command)
        return connection.read_response()
    finally:
        r.connection_pool.release(connection)


# ZADD and its options.
assert r.zadd('z', {'a': 1, 'b': 2, 'c': 3}) == 3
assert r.zadd('z', {'a': 10, 'd': 4}, nx=True) == 1 and r.zscore('z', 'a') == 1.0
assert r.zadd('z', {'a': 5, 'e': 5}, xx=True) == 0 and r.zscore('z', 'a') == 5.0 and r.zscore('z', 'e') is None
assert r.zadd('z', {'a': 6, 'b': 7}, ch=True) == 2
assert r.zadd('z', {'a': 1, 'b': 8}, gt=True, ch=True) == 1 and r.zscore('z', 'a') == 6.0
assert r.zadd('z', {'a': 0.5, 'b': 9}, lt=True) == 0 and r.zscore('z', 'a') == 0.5 and r.zscore('z', 'b') == 8.0
assert r.zadd('z', {'a': 2}, incr=True) == 2.5
assert r.zadd('z', {'new': 1}, xx=True, incr=True) is None
assert r.zincrby('z', -0.5, 'a') == 2.0
for bad in [dict(nx=True, xx=True), dict(gt=True, lt=True), dict(nx=True, gt=True)]:
    try:
        r.zadd('z', {'a': 1}, **bad)
        raise AssertionError(f'zadd {bad} succeeded')
    except (redis.DataError, redis.ResponseError):
        pass
try:
    r.execute_command('ZADD', 'z', 'nan', 'a')
    raise AssertionError('a NaN score was taken')
except redis.ResponseError as error:
    assert str(error) == 'value is not a valid float', error

# Reads: cardinality, count, ranks, scores.
assert r.zcard('z') == 4 and r.zcard('missing') == 0
assert r.zrange('z', 0, -1, withscores=True) == [(b'a', 2.0), (b'c', 3.0), (b'd', 4.0), (b'b', 8.0)]
assert r.zcount('z', 3, '+inf') == 3 and r.zcount('z', '(3', 4) == 1
assert r.zrank('z', 'c') == 1 and r.zrevrank('z', 'c') == 2 and r.zrank('z', 'nobody') is None
assert r.zmscore('z', ['a', 'nobody', 'b']) == [2.0, None, 8.0]
assert r.type('z') == b'zset' and r.object('encoding', 'z') == b'listpack'

# ZRANGE's forms, with and without scores.
assert r.zrange('z', 0, 1, desc=True) == [b'b', b'd']
assert r.zrevrange('z', 0, 0, withscores=True) == [(b'b', 8.0)]
assert r.zrange('z', '(2', 8, byscore=True) == [b'c', b'd', b'b']
assert r.zrange('z', 8, '(2', byscore=True, desc=True, withscores=True) == [(b'b', 8.0), (b'd', 4.0), (b'c', 3.0)]
assert r.zrange('z', '-inf', '+inf', byscore=True, offset=1, num=2) == [b'c', b'd']
assert r.zrangebyscore('z', 3, 4, withscores=True) == [(b'c', 3.0), (b'd', 4.0)]
assert r.zrevrangebyscore('z', '+inf', '-inf', start=0, num=1) == [b'b']
assert r.zrange('z', 0, -1, withscores=True, score_cast_func=int) == [(b'a', 2), (b'c', 3), (b'd', 4), (b'b', 8)]
r.zadd('lex', {m: 0 for m in ['a', 'b', 'c', 'd', 'e']})
assert r.zrangebylex('lex', '[b', '(d') == [b'b', b'c']
assert r.zrange('lex', '[e', '(b', bylex=True, desc=True) == [b'e', b'd', b'c']
assert r.zlexcount('lex', '-', '+') == 5
assert r.zrangestore('dst', 'z', 1, 2) == 2 and r.zrange('dst', 0, -1) == [b'c', b'd']
assert r.zremrangebylex('lex', '-', '[b') == 2 and r.zremrangebyrank('lex', 0, 0) == 1
assert r.zremrangebyscore('dst', '-inf', 3) == 1

# Scores as the server writes them: 7.0's %.17g, inf and -inf, integers without a point.
r.zadd('f', {'tenth': 0.1, 'int': 3, 'big': 1e20, 'neg': -2.5, 'top': float('inf'), 'bottom': float('-inf')})
assert raw('ZSCORE', 'f', 'tenth') == b'0.10000000000000001', raw('ZSCORE', 'f', 'tenth')
assert raw('ZSCORE', 'f', 'int') == b'3' and raw('ZSCORE', 'f', 'big') == b'1e+20' and raw('ZSCORE', 'f', 'neg') == b'-2.5'
assert raw('ZSCORE', 'f', 'top') == b'inf' and raw('ZSCORE', 'f', 'bottom') == b'-inf'
assert raw('ZINCRBY', 'f', '0.2', 'tenth') == b'0.30000000000000004'
assert r.zscore('f', 'tenth') == 0.1 + 0.2 and r.zscore('f', 'top') == float('inf')
assert raw('ZRANGE', 'f', '0', '0', 'WITHSCORES') == [b'bottom', b'-inf']

# Pops, blocking pops and their timeout.
assert r.zpopmin('z') == [(b'a', 2.0)] and r.zpopmax('z', 2) == [(b'b', 8.0), (b'd', 4.0)]
assert r.bzpopmin(['empty', 'z'], timeout=1) == (b'z', b'c', 3.0) and r.exists('z') == 0
assert r.bzpopmin(['z'], timeout=0.05) is None, 'the timeout ends the wait with a null'
assert r.zmpop(2, ['empty', 'f'], max=True, count=2) == [b'f', [[b'top', b'inf'], [b'big', b'1e+20']]]

# A blocked BZPOPMAX is woken by another client's ZADD (seen blocked in INFO first, so no sleep decides it).
woken = []
waiter = threading.Thread(target=lambda: woken.append(redis.Redis(port=port, socket_timeout=10).bzpopmax('wake', timeout=0)))
waiter.start()
while r.info('clients')['blocked_clients'] == 0:
    pass
assert r.zadd('wake', {'low': 1, 'high': 2}) == 2
waiter.join(10)
assert woken == [(b'wake', b'high', 2.0)] and r.zrange('wake', 0, -1) == [b'low']

# ZUNIONSTORE and ZINTERSTORE, with weights and aggregates.
r.zadd('u1', {'a': 1, 'b': 2})
r.zadd('u2', {'b': 3, 'c': 4})
assert r.zunionstore('u', ['u1', 'u2']) == 3 and r.zrange('u', 0, -1, withscores=True) == [(b'a', 1.0), (b'c', 4.0), (b'b', 5.0)]
assert r.zunionstore('u', {'u1': 2, 'u2': 1}, aggregate='MAX') == 3
assert r.zrange('u', 0, -1, withscores=True) == [(b'a', 2.0), (b'b', 4.0), (b'c', 4.0)]
assert r.zinterstore('i', ['u1', 'u2'], aggregate='MIN') == 1 and r.zscore('i', 'b') == 2.0
assert r.zunionstore('u', ['missing']) == 0 and r.exists('u') == 0
assert r.zunion(['u1', 'u2'], withscores=True) == [(b'a', 1.0), (b'c', 4.0), (b'b', 5.0)]
assert r.zdiff(['u1', 'u2']) == [b'a'] and r.zinter(['u1', 'u2']) == [b'b']

# A big sorted set scanned and read whole; the encoding turns to skiplist past 128 members.
r.zadd('big', {f'm{i:05}': i for i in range(5000)})
assert r.object('encoding', 'big') == b'skiplist'
assert len(r.zrange('big', 0, -1, withscores=True)) == 5000
assert dict(r.zscan_iter('big', count=300)) == {f'm{i:05}'.encode(): float(i) for i in range(5000)}
assert r.zrank('big', 'm04321') == 4321 and r.zrangebyscore('big', 4998, '+inf') == [b'm04998', b'm04999']

r.set('text', 'v')
try:
    r.zadd('text', {'a': 1})
    raise AssertionError('zadd on a string succeeded')
except redis.ResponseError as error:
    assert str(error) == 'WRONGTYPE Operation against a key holding the wrong kind of value', error

print('ok')
