#!/usr/bin/python3
# Hostile inputs against the list, set and sorted-set commands, SORT, SWAPDB and the STORE forms (issue 11): NUL bytes,
# overflowing numbers, hexadecimal floats, an endless bulk from a blocked client, a client that never reads; a
# bystander PINGs between them.  hostile_collections.py PORT
import socket, time, sys
port = int(sys.argv[1])
def conn():
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(5); return s
def cmd(*w):
    return b"*%d\r\n" % len(w) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in w)
def ask(s, data, n=1):
    s.sendall(data); out=b""
    while out.count(b"\r\n") < n:
        out += s.recv(65536)
    return out
bystander = conn()
def check(label):
    t=time.perf_counter(); r=ask(bystander, cmd(b"PING")); print(f"{label}: bystander {r!r} in {(time.perf_counter()-t)*1000:.1f} ms")
a = conn()
# NUL bytes in keys, members, scores
print(ask(a, cmd(b"RPUSH", b"l\x00k", b"a\x00b") + cmd(b"LRANGE", b"l\x00k", b"0", b"-1"), 4))
print(ask(a, cmd(b"SADD", b"s\x00", b"\x00") + cmd(b"ZADD", b"z", b"1\x00", b"m"), 2))
print(ask(a, cmd(b"BLPOP", b"q", b"1\x00") + cmd(b"LPOS", b"l\x00k", b"a", b"RANK", b"99999999999999999999"), 2))
print(ask(a, cmd(b"ZRANGE", b"z", b"0", b"-1", b"BYSCORE", b"LIMIT", b"0", b"-9223372036854775808") + cmd(b"LINSERT", b"l\x00k", b"BEFORE", b"x", b"y"), 2))
check("after NUL/overflow")
# SORT, SWAPDB and hexadecimal floats with overflowing numbers and NULs
print(ask(a, cmd(b"SORT", b"l\x00k", b"LIMIT", b"9223372036854775807", b"9223372036854775807") + cmd(b"SORT", b"l\x00k", b"LIMIT", b"-1", b"-9223372036854775808", b"ALPHA"), 2))
print(ask(a, cmd(b"SORT", b"l\x00k", b"BY", b"w_*\x00*->\x00", b"GET", b"*->*", b"GET", b"#", b"STORE", b"d\x00") + cmd(b"SORT_RO", b"l\x00k", b"STORE", b"x"), 2))
print(ask(a, cmd(b"SWAPDB", b"0", b"99999999999999999999") + cmd(b"SWAPDB", b"-1", b"0") + cmd(b"SWAPDB", b"1", b"1\x00"), 3))
print(ask(a, cmd(b"SET", b"f", b"1") + cmd(b"INCRBYFLOAT", b"f", b"0x1p999999999999") + cmd(b"INCRBYFLOAT", b"f", b"0x" + b"f" * 5000) + cmd(b"ZADD", b"zh", b"0x" + b"f" * 100000, b"m") + cmd(b"BLPOP", b"q", b"0x1p-99999"), 5))
check("after SORT/SWAPDB/hex")
# STORE forms over big inputs computed after the lock, while another client writes to their sources
big = conn()
ask(big, cmd(b"SADD", b"bs", *[b"m%d" % i for i in range(20000)]) + cmd(b"ZADD", b"bz", *[x for i in range(20000) for x in (b"%d" % i, b"m%d" % i)]), 2)
big.sendall(cmd(b"SUNIONSTORE", b"bd", b"bs", b"bs") + cmd(b"ZUNIONSTORE", b"bzd", b"2", b"bz", b"bs") + cmd(b"SINTERSTORE", b"bs", b"bs", b"nothing"))
print(ask(a, cmd(b"SADD", b"bs", b"extra") + cmd(b"ZREM", b"bz", b"m1"), 2))
print("stores:", ask(big, b"", 3))
print(ask(a, cmd(b"SCARD", b"bd") + cmd(b"ZCARD", b"bzd") + cmd(b"EXISTS", b"bs"), 3))
check("after big STORE forms")
# endless length: a bulk that announces 2 GB inside a blocking wait, then a huge multibulk count
e = conn(); e.sendall(cmd(b"BLPOP", b"never", b"0")); time.sleep(0.2)
e.sendall(b"*1\r\n$2147483647\r\n" + b"x"*100000)
check("blocked client streaming an endless bulk")
e2 = conn(); e2.sendall(b"*99999999999\r\n"); time.sleep(0.1)
try: print("endless count:", e2.recv(200))
except Exception as x: print("endless count:", x)
# a client that never reads: 200k-element list, many LRANGEs, never read
w = conn(); w.sendall(cmd(b"DEL", b"big")); 
fill = conn()
for i in range(0, 200000, 10000):
    ask(fill, cmd(b"RPUSH", b"big", *[b"%d" % j for j in range(i, i+10000)]))
n = conn(); n.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
try:
    n.settimeout(0.5)
    for i in range(200): n.sendall(cmd(b"LRANGE", b"big", b"0", b"-1"))
except Exception as x: print("never-reader send stopped:", type(x).__name__)
for i in range(5): check(f"never-reader round {i}"); time.sleep(0.3)
print(ask(bystander, cmd(b"INFO", b"clients"), 3)[:400])
