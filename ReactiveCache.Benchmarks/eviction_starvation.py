import redis, time, sys, threading
port=int(sys.argv[1]); dbs=int(sys.argv[2]); per=int(sys.argv[3]); samples=sys.argv[4]
r=redis.Redis(port=port)
r.flushall(); r.config_set('maxmemory','0'); r.config_set('maxmemory-policy','allkeys-lru'); r.config_set('maxmemory-samples', samples)
for db in range(dbs):
    c=redis.Redis(port=port, db=db); p=c.pipeline(transaction=False)
    for i in range(per):
        p.set(f'k{i}', b'v'*16)
        if i%10000==9999: p.execute()
    p.execute()
used=r.info('memory')['used_memory']; limit=used//10
lat=[]; stop=False
def probe():
    pr=redis.Redis(port=port)
    while not stop:
        t0=time.perf_counter(); pr.get('k1'); lat.append(time.perf_counter()-t0); time.sleep(0.002)
th=threading.Thread(target=probe); th.start(); time.sleep(0.2)
t=time.perf_counter(); r.config_set('maxmemory', str(limit)); dt=time.perf_counter()-t
while r.info('memory')['used_memory'] > limit: time.sleep(0.01)
total=time.perf_counter()-t
time.sleep(0.2); stop=True; th.join()
lat.sort()
print(f'dbs={dbs} keys/db={per} samples={samples}: CONFIG SET returned in {dt*1000:.0f} ms, under the limit after {total:.2f} s, evicted {r.info("stats")["evicted_keys"]}; probe GETs {len(lat)}, p99 {lat[int(len(lat)*0.99)]*1000:.1f} ms, max {lat[-1]*1000:.1f} ms')
r.config_set('maxmemory','0'); r.flushall()
