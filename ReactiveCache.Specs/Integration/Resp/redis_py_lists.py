"""redis-py's list commands and blocking pops between two clients; prints 'ok' when every check holds.

Usage: python3 redis_py_lists.py PORT
Run by RedisPyListSpecs; checked against redis-server 7.0.15 the same way.
"""
import sys
import threading

import redis

port = int(sys.argv[1])
r = redis.Redis(port=port, socket_timeout=10)
r.flushdb()

assert r.rpush('l', 'a', 'b', 'c') == 3
assert r.lpush('l', 'y', 'z') == 5
assert r.lrange('l', 0, -1) == [b'z', b'y', b'a', b'b', b'c']
assert r.lrange('l', -2, 100) == [b'b', b'c']
assert r.llen('l') == 5 and r.type('l') == b'list'
assert r.lpushx('missing', 'a') == 0 and r.exists('missing') == 0

r.delete('p')
r.rpush('p', 'a', 'b', 'c', '1', '2', '3', 'c', 'c')
assert r.lpos('p', 'c') == 2
assert r.lpos('p', 'c', rank=-1) == 7
assert r.lpos('p', 'c', rank=2) == 6
assert r.lpos('p', 'zz') is None
assert r.lpos('p', 'c', count=0) == [2, 6, 7]
assert r.lpos('p', 'c', count=2, rank=-1) == [7, 6]
assert r.lpos('p', 'c', count=0, maxlen=7) == [2, 6]
assert r.lpos('p', 'zz', count=1) == []
try:
    r.lpos('p', 'c', rank=0)
    raise AssertionError('RANK 0 was taken')
except redis.ResponseError as error:
    assert str(error).startswith("RANK can't be zero"), error

# A timeout that passes answers None; fractions are seconds.
assert r.blpop(['nothing'], timeout=0.1) is None
assert r.blmove('nothing', 'dst', 0.1, 'LEFT', 'RIGHT') is None
assert r.blmpop(0.1, 1, 'nothing', direction='LEFT') is None

# LMPOP takes from the first list that has elements; BLMPOP too, at once when there is one.
r.rpush('second', '1', '2', '3')
assert r.lmpop(2, 'first', 'second', direction='RIGHT', count=2) == [b'second', [b'3', b'2']]
assert r.lmpop(1, 'first', direction='LEFT') is None
assert r.blmpop(1, 2, 'first', 'second', direction='LEFT', count=5) == [b'second', [b'1']]
assert r.exists('second') == 0

r.rpush('src', 'a', 'b')
assert r.blmove('src', 'dst', 1, 'RIGHT', 'LEFT') == b'b'
assert r.lrange('dst', 0, -1) == [b'b']


def blocked_clients(client):
    return client.info('clients')['blocked_clients']


def push_once_blocked(key, *elements):
    """Another client: waits until the main client blocks (INFO says so), then pushes."""
    other = redis.Redis(port=port, socket_timeout=10)
    while blocked_clients(other) < 1:
        pass
    other.rpush(key, *elements)


# BLPOP woken by another client's RPUSH from a thread.
pusher = threading.Thread(target=push_once_blocked, args=('jobs', 'resize', 'crop'))
pusher.start()
assert r.blpop(['idle', 'jobs'], timeout=0) == (b'jobs', b'resize')
pusher.join()
assert r.lrange('jobs', 0, -1) == [b'crop']

# BLMOVE woken the same way moves the element into its destination.
r.delete('jobs', 'done')
pusher = threading.Thread(target=push_once_blocked, args=('jobs', 'a'))
pusher.start()
assert r.blmove('jobs', 'done', 0, 'LEFT', 'RIGHT') == b'a'
pusher.join()
assert r.lrange('done', 0, -1) == [b'a'] and r.exists('jobs') == 0

assert r.ping()
print('ok')
