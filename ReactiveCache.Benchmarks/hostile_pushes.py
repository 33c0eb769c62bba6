#!/usr/bin/env python3
# Hostile inputs against what issue 9 added (pub/sub, pattern globs, pushes, native WATCH), each followed by a
# bystander check on the RESP and native ports. Usage: hostile_pushes.py RESP_PORT NATIVE_PORT (a running server).
# Prints what each case got; a bystander that gets no answer fails with an AssertionError.
import socket, time, sys, threading
P=int(sys.argv[1]); N=int(sys.argv[2])
def cmd(*a):
    s=b'*%d\r\n'%len(a)
    for x in a:
        x=x if isinstance(x,bytes) else str(x).encode()
        s+=b'$%d\r\n%s\r\n'%(len(x),x)
    return s
def conn(p=P):
    c=socket.create_connection(('127.0.0.1',p)); c.settimeout(5); return c
def rd(c,n=65536):
    return c.recv(n)
def bystander(label):
    t=time.time()
    for p,req,exp in [(P,cmd('PING'),b'+PONG'),(N,b'GET nothere\r\n',b''),]:
        c=conn(p); c.sendall(req); r=c.recv(100); c.close()
        assert r, (label,p)
    dt=(time.time()-t)*1000
    print(f'{label}: bystanders answered in {dt:.1f} ms')
# 1 NUL bytes in channel and pattern names
s=conn(); s.sendall(cmd('SUBSCRIBE',b'ch\x00an')); print(rd(s))
q=conn(); q.sendall(cmd('PSUBSCRIBE',b'c?\x00*')); print(rd(q))
p=conn(); p.sendall(cmd('PUBLISH',b'ch\x00an',b'm\x00sg')); print('publish ->',rd(p)); print(rd(s)); print(rd(q))
bystander('nul names')
# 2 pathological glob pattern vs long channel
g=conn(); g.sendall(cmd('PSUBSCRIBE',b'*a'*40+b'b')); print(rd(g)[:40])
t=time.time(); p.sendall(cmd('PUBLISH',b'a'*5000,b'x')); print('pathological publish ->',rd(p), f'{(time.time()-t)*1000:.1f} ms')
bystander('glob')
g.close(); s.close(); q.close()
# 3 subscriber that never reads, publisher floods
lazy=conn(); lazy.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); lazy.sendall(cmd('SUBSCRIBE','flood')); time.sleep(0.2)
big=b'x'*65536; sent=0
t=time.time()
for i in range(1000):
    p.sendall(cmd('PUBLISH','flood',big)); r=rd(p,100); sent+=1
    if r==b':0\r\n': break
print('flood publishes',sent,'last reply',r, f'{time.time()-t:.1f}s')
bystander('flood')
c=conn(); c.sendall(cmd('PUBSUB','NUMSUB','flood')); print('numsub after', rd(c))
# 4 native WATCH never-reading client and writer flood
w=conn(N); w.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); w.sendall(b'WATCH *\r\n'); time.sleep(0.2)
n=conn(N); f=n.makefile('rb'); v=b'y'*60000
t=time.time()
for i in range(800):
    n.sendall(b'PUT k%d %s\r\n'%(i%10,v)); f.readline()
print('native puts done', f'{time.time()-t:.1f}s')
bystander('native flood')
n.sendall(b'STATS\r\n'); time.sleep(0.3); print([l for l in n.recv(4000).split(b'\r\n') if b'subscribers' in l])
# 5 overflowing numbers / endless lengths in WATCH FROM and PUBSUB
n2=conn(N)
for req in [b'WATCH * FROM 99999999999999999999999\r\n', b'WATCH * FROM -5\r\n', b'WATCH * FROM 9223372036854775807\r\n', b'WATCH ' + b'*'*70000 + b'\r\n']:
    try:
        n2.sendall(req); print(req[:40], '->', n2.recv(200)[:80])
    except Exception as e: print(req[:30], 'exc', e); n2=conn(N)
r=conn(); r.sendall(b'*3\r\n$9\r\nSUBSCRIBE\r\n$99999999999\r\n'); print('endless bulk ->', r.recv(200))
r=conn(); r.sendall(cmd('PUBSUB','NUMSUB',*[b'c%d'%i for i in range(100000)])); d=b''
while len(d)<10 or not d.endswith(b'\r\n'):
    x=r.recv(1<<20)
    if not x: break
    d+=x
    if d.count(b'\r\n')>=400001: break
print('numsub 100k -> bytes', len(d))
many=conn(); many.sendall(cmd('SUBSCRIBE',*[b'm%d'%i for i in range(50000)])); time.sleep(1); many.close(); time.sleep(0.5)
c=conn(); c.sendall(cmd('PUBSUB','CHANNELS','m*')); print('channels after close', c.recv(100))
bystander('end')
