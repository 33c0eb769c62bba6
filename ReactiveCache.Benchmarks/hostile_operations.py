# Hostile input against what issue 12 added (SLOWLOG, LATENCY, CONFIG, CLIENT, MEMORY, INFO, memcached stats and dumps,
# the metrics port, a MONITOR and a dump reader that never read), with a bystander PING after each.
# Usage: /usr/bin/python3 ReactiveCache.Benchmarks/hostile_operations.py PATH-TO-ReactiveCache (ports 22201-22203).
import socket, time, sys, subprocess
RP, MP, XP = 22201, 22202, 22203
srv = subprocess.Popen([sys.argv[1] if len(sys.argv) > 1 else "ReactiveCache/bin/Release/net10.0/ReactiveCache","--port","0","--resp-port",str(RP),"--memcached-port",str(MP),"--metrics-port",str(XP),"--log-level","Warning"])
time.sleep(3)
def conn(p):
    s=socket.create_connection(("127.0.0.1",p)); s.settimeout(10); return s
by=conn(RP)
def ping():
    t=time.perf_counter(); by.sendall(b"PING\r\n"); d=by.recv(100); assert d==b"+PONG\r\n", d; return (time.perf_counter()-t)*1000
def resp(*args):
    out=b"*%d\r\n"%len(args)
    for a in args:
        a=a if isinstance(a,bytes) else a.encode()
        out+=b"$%d\r\n%s\r\n"%(len(a),a)
    return out
def ask(p, data, read=4096):
    s=conn(p); s.sendall(data); time.sleep(0.05)
    try: r=s.recv(read)
    except Exception as e: r=repr(e).encode()
    s.close(); return r[:100]
big=b"9"*30
cases=[
 ("SLOWLOG GET huge", RP, resp("SLOWLOG","GET",big)),
 ("SLOWLOG GET -5", RP, resp("SLOWLOG","GET","-5")),
 ("LATENCY HISTORY NUL", RP, resp("LATENCY","HISTORY","\0evt")),
 ("LATENCY HISTOGRAM 200k names", RP, resp("LATENCY","HISTOGRAM",*(["get"]*200000))),
 ("CONFIG SET slowlog overflow", RP, resp("CONFIG","SET","slowlog-log-slower-than",big)),
 ("CONFIG SET latency -5", RP, resp("CONFIG","SET","latency-monitor-threshold","-5")),
 ("CONFIG GET 200k names", RP, resp("CONFIG","GET",*(["maxmemory"]*200000))),
 ("CONFIG SET NUL name", RP, resp("CONFIG","SET","max\0clients","5")),
 ("CONFIG REWRITE no file", RP, resp("CONFIG","REWRITE")),
 ("CLIENT KILL ADDR NUL", RP, resp("CLIENT","KILL","ADDR","\0:99999999999")),
 ("CLIENT LIST ID huge", RP, resp("CLIENT","LIST","ID",big)),
 ("MEMORY USAGE SAMPLES huge", RP, resp("SET","k","v")+resp("MEMORY","USAGE","k","SAMPLES",big)),
 ("INFO 10k sections", RP, resp("INFO",*(["everything"]*10000))),
 ("mc stats cachedump huge", MP, b"stats cachedump 1 "+big+b"\r\n"),
 ("mc lru_crawler metadump NUL", MP, b"lru_crawler metadump \0\0\r\n"),
 ("mc stats 10k args", MP, b"stats "+b"x "*10000+b"\r\n"),
 ("metrics garbage", XP, b"\0\xff GARBAGE\r\n\r\n"),
 ("metrics huge header", XP, b"GET /metrics HTTP/1.1\r\nX: "+b"a"*200000+b"\r\n\r\n"),
]
worst=0
for name,p,data in cases:
    r=ask(p,data)
    l=ping(); worst=max(worst,l)
    print(f"{name:32} -> {r[:70]!r}  bystander {l:.1f} ms")
# a monitor that never reads, while a writer writes 50 x 1MB
mon=conn(RP); mon.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); mon.sendall(b"MONITOR\r\n")
w=conn(RP); val=b"x"*(1<<20)
t=time.perf_counter()
for i in range(50):
    w.sendall(resp("SET","big%d"%i,val))
    buf=b""
    while not buf.endswith(b"\r\n"): buf+=w.recv(100)
print("writer 50 x 1MB SET with a stalled monitor: %.0f ms, bystander %.1f ms" % ((time.perf_counter()-t)*1000, ping()))
# a memcached dump reader that never reads
d=conn(MP); d.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
mc=conn(MP)
for i in range(20000): mc.sendall(b"set k%d 0 0 1 noreply\r\nx\r\n"%i)
time.sleep(0.5)
d.sendall(b"lru_crawler metadump all\r\n")
time.sleep(1)
print("dump reader stalled: bystander %.1f ms, memcached version %r" % (ping(), ask(MP,b"version\r\n")))
print("worst bystander %.1f ms; server alive: %s" % (worst, srv.poll() is None))
srv.terminate(); srv.wait(10)
