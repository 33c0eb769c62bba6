#!/usr/bin/env python3
# How one session's subscription count scales: one SUBSCRIBE of N channels, UNSUBSCRIBE with no arguments,
# SUBSCRIBE again, then close, timing each until the server says it is done. Usage: subscribe_scale.py PORT N.
import socket,time,sys
P=int(sys.argv[1]); N=int(sys.argv[2])
def cmd(*a):
    return b''.join([b'*%d\r\n'%len(a)]+[b'$%d\r\n%s\r\n'%(len(x),x) for x in a])
def channels():
    c=socket.create_connection(('127.0.0.1',P)); c.settimeout(30)
    c.sendall(cmd(b'PUBSUB',b'NUMSUB',b'z0',b'z%d'%(N-1))); d=c.recv(200); c.close()
    return d.count(b':1\r\n')
def wait(sock, token, n):
    buf=bytearray()
    while True:
        d=sock.recv(1<<20); buf+=d
        if d.endswith(b'\r\n') and buf.count(token) >= n: return
many=socket.create_connection(('127.0.0.1',P)); many.settimeout(120)
names=[b'z%d'%i for i in range(N)]
t=time.time(); many.sendall(cmd(b'SUBSCRIBE',*names)); wait(many,b'$9\r\nsubscribe',N); t1=time.time()-t
t=time.time(); many.sendall(cmd(b'UNSUBSCRIBE')); wait(many,b'$11\r\nunsubscribe',N); t2=time.time()-t
many.sendall(cmd(b'SUBSCRIBE',*names)); wait(many,b'$9\r\nsubscribe',N)
t=time.time(); many.close()
while channels()>0: time.sleep(0.005)
t3=time.time()-t
print(f'port {P} N={N}: SUBSCRIBE {t1:.2f}s, UNSUBSCRIBE all {t2:.2f}s, close to 0 subscribers {t3:.2f}s')
