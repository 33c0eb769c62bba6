import socket, sys, time, threading
# usage: hostile_memory.py RESP_PORT MEMCACHED_PORT NATIVE_PORT  (server started with --maxmemory 1mb --maxmemory-policy allkeys-lru)
# Hostile input for issue 10: NUL bytes, overflowing and negative sizes, 70 000-byte values in CONFIG SET of the memory
# settings, RESTORE IDLETIME/FREQ out of range, a PSUBSCRIBE * client that never reads while 20 000 SETs evict, then
# memcached and native writes under noeviction; a bystander PINGs every 10 ms throughout and must always be answered.
rport, mport, nport = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def cmd(*w):
    out=[b"*%d\r\n"%len(w)]
    for x in w:
        x=x if isinstance(x,bytes) else str(x).encode(); out.append(b"$%d\r\n%s\r\n"%(len(x),x))
    return b"".join(out)
def conn(p):
    s=socket.create_connection(("127.0.0.1",p)); s.settimeout(5); return s
def ask(s, data, wait=0.15):
    s.sendall(data); time.sleep(wait); out=b""
    try:
        while True:
            s.settimeout(0.2); chunk=s.recv(1<<20)
            if not chunk: break
            out+=chunk
    except socket.timeout: pass
    return out
worst=[0.0]; stop=[False]; fails=[0]
def bystander():
    b=conn(rport)
    while not stop[0]:
        t=time.monotonic()
        try:
            b.sendall(cmd("PING")); r=b.recv(100)
            if not r.startswith(b"+PONG"): fails[0]+=1
        except Exception: fails[0]+=1; b=conn(rport)
        worst[0]=max(worst[0],time.monotonic()-t); time.sleep(0.01)
th=threading.Thread(target=bystander); th.start()
r=conn(rport)
print(ask(r, cmd("CONFIG","SET","notify-keyspace-events","KEA")))
stuck=conn(rport); stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); stuck.sendall(cmd("PSUBSCRIBE","*"))
for v in [b"1\x00mb", b"99999999999999999999", b"-1", b"9"*70000, b"1e3", b"", b"5 mb", b"18446744073709551615gb"]:
    print("maxmemory", v[:24], ask(r, cmd("CONFIG","SET","maxmemory",v))[:90])
for v in [b"\x00", b"allkeys-lru\x00", b"x"*70000]:
    print("policy", v[:16], ask(r, cmd("CONFIG","SET","maxmemory-policy",v))[:90])
for v in [b"99999999999999999999", b"0", b"-5", b"65", b"\x00"]:
    print("samples", v, ask(r, cmd("CONFIG","SET","maxmemory-samples",v))[:90])
for v in [b"99999999999999999999", b"-1", b"256"]:
    print("lfu", v, ask(r, cmd("CONFIG","SET","lfu-log-factor",v))[:80], ask(r, cmd("CONFIG","SET","lfu-decay-time",v))[:80])
print(ask(r, cmd("CONFIG","SET","maxmemory","1mb","maxmemory-policy","allkeys-lfu")))
print(ask(r, cmd("SET",b"k\x00ey",b"v\x00"*10)), ask(r, cmd("OBJECT","FREQ",b"k\x00ey")), ask(r, cmd("OBJECT","IDLETIME",b"k\x00ey")))
dump=ask(r, cmd("DUMP",b"k\x00ey"))
print("restore", ask(r, cmd("RESTORE","r1","0",dump.split(b"\r\n",1)[1][:-2] if dump.startswith(b"$") else b"x","IDLETIME","99999999999999999999"))[:80],
      ask(r, cmd("RESTORE","r2","0",dump.split(b"\r\n",1)[1][:-2] if dump.startswith(b"$") else b"x","FREQ","256"))[:80])
# a burst of writes that evict, with the stuck subscriber never reading
w=conn(rport); v=b"v"*1024
for start in range(0,20000,200):
    w.sendall(b"".join(cmd("SET",b"k%d"%i,v) for i in range(start,start+200)))
    got=0
    while got<200: got+=w.recv(1<<16).count(b"+OK")
print("info", [l for l in ask(r, cmd("INFO","memory")).split(b"\r\n") if l.startswith((b"used_memory:",b"maxmemory:"))], [l for l in ask(r, cmd("INFO","stats")).split(b"\r\n") if l.startswith(b"evicted")])
# noeviction: memcached and native under OOM with hostile input
print(ask(r, cmd("CONFIG","SET","maxmemory-policy","noeviction")))
m=conn(mport)
print("mc", ask(m, b"set a 0 0 3\r\nabc\r\nset b 0 0 99999999999999999999\r\nset c\x00 0 0 1\r\nx\r\nincr a 18446744073709551616\r\nstats\r\n")[:400])
n=conn(nport)
print("native", ask(n, b"PUT k\x00 v\r\nPUT big " + b"x"*70000 + b"\r\nSTATS\r\n")[:500])
stop[0]=True; th.join()
print("bystander worst PING %.1f ms, failures %d"%(worst[0]*1000, fails[0]))
