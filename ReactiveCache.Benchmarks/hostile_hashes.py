#!/usr/bin/env python3
# Hostile input for the hash commands, RESTORE and a hash key through memcached and native, on a Release build
# (/tmp/rc-final/ReactiveCache): after each case a bystander connection on every port must still be answered.
import socket, subprocess, time, sys
def free():
    s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; s.close(); return p
rp, np_, mp = free(), free(), free()
proc=subprocess.Popen([sys.argv[1] if len(sys.argv) > 1 else "/tmp/rc-final/ReactiveCache","--resp-port",str(rp),"--port",str(np_),"--memcached-port",str(mp),"--log-level","Warning"],stdout=subprocess.DEVNULL,stderr=open("/tmp/hostile-hash.log","w"))
time.sleep(2)
def conn(p): s=socket.create_connection(("127.0.0.1",p),timeout=5); return s
def bulk(*a):
    out=b"*%d\r\n"%len(a)
    for x in a:
        x=x if isinstance(x,bytes) else str(x).encode()
        out+=b"$%d\r\n%s\r\n"%(len(x),x)
    return out
def ask(s,data):
    s.sendall(data); s.settimeout(5); got=b""
    end=time.time()+5
    while time.time()<end:
        try: c=s.recv(65536)
        except socket.timeout: break
        if not c: break
        got+=c
        if got.endswith(b"\r\n"): break
    return got
bystander=conn(rp); nb=conn(np_); mb=conn(mp)
def check(label):
    t=time.time()
    r1=ask(bystander,b"PING\r\n"); r2=ask(nb,b"PING\r\n"); r3=ask(mb,b"version\r\n")
    ok=r1.startswith(b"+PONG") and r2.startswith(b"PONG") and r3.startswith(b"VERSION")
    print(("ok  " if ok else "FAIL"), f"{label}: bystanders answered in {1000*(time.time()-t):.0f} ms", "" if ok else (r1,r2,r3))
c=conn(rp)
cases=[
 ("NUL bytes in key/field/value", bulk("HSET",b"h\0k",b"f\0\0",b"v\0")+bulk("HGETALL",b"h\0k")),
 ("HINCRBY overflow", bulk("HSET","hn","f","9223372036854775807")+bulk("HINCRBY","hn","f","1")+bulk("HINCRBY","hn","f","-9223372036854775808")+bulk("HINCRBY","hn","f","99999999999999999999")),
 ("HINCRBYFLOAT inf/nan/huge", bulk("HINCRBYFLOAT","hn2","f","inf")+bulk("HINCRBYFLOAT","hn2","f","nan")+bulk("HINCRBYFLOAT","hn2","f","1e308")+bulk("HINCRBYFLOAT","hn2","f","1e308")),
 ("HRANDFIELD extreme counts", bulk("HRANDFIELD","h\0k","-9223372036854775808")+bulk("HRANDFIELD","h\0k","9223372036854775807","WITHVALUES")+bulk("HRANDFIELD","h\0k","-4194305")),
 ("HSCAN extreme cursor/count", bulk("HSCAN","h\0k","18446744073709551615","COUNT","9223372036854775807")+bulk("HSCAN","h\0k","-1","COUNT","0")+bulk("HSCAN","h\0k","0","MATCH","*"*5000+"[")),
 ("RESTORE garbage", bulk("RESTORE","r","0",b"\xff"*64)+bulk("RESTORE","r","-1",b"\x00")+bulk("RESTORE","r","99999999999999999999","x")),
 ("endless bulk length header", b"*3\r\n$4\r\nHSET\r\n$1\r\nh\r\n$9999999999999\r\n"),
]
for label,data in cases:
    c=conn(rp); r=ask(c,data); c.close()
    print("    reply:", r[:120])
    check(label)
# big hash, then a client that never reads HGETALL replies
c=conn(rp)
for i in range(20):
    args=["HSET","big"]+sum([[f"f{i}_{j}","x"*100] for j in range(5000)],[])
    c.sendall(bulk(*args))
time.sleep(2); c.settimeout(2)
try:
    while c.recv(65536): pass
except Exception: pass
slow=conn(rp)
slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
slow.sendall(bulk("HGETALL","big")*200)
time.sleep(3)
check("client that never reads 200 HGETALLs of a 100k-field hash")
# memcached and native on hash key with NUL and hostile numbers
mc=conn(mp); print("    mc:", ask(mc,b"get big\r\nincr big 18446744073709551615\r\nms big 1 C18446744073709551615 s\r\nx\r\n")[:200]); check("memcached on a hash key")
nc=conn(np_); print("    native:", ask(nc,b"GET big\r\nEXPIRE big 99999999999999999999\r\n")[:200]); check("native on a hash key")
proc.terminate(); proc.wait(10)
print("server exit", proc.returncode)
