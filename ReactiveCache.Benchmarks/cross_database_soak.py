"""Two clients run opposite cross-database transactions (COPY ... DB, SELECT inside MULTI, FLUSHALL) in a loop
for SECONDS, then the server gets SIGTERM and must exit 0 within 10 s.
usage: cross_database_soak.py SERVER_EXECUTABLE SECONDS"""
import os, signal, socket, subprocess, sys, threading, time
import redis

exe, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([exe, "--port", "0", "--memcached-port", "0", "--resp-port", str(port), "--log-level", "Warning"])
deadline = time.time() + 10
while True:
    try:
        redis.Redis(port=port).ping(); break
    except redis.ConnectionError:
        if time.time() > deadline: sys.exit("server did not start")
        time.sleep(0.1)

done = {}
def loop(db, other):
    r = redis.Redis(port=port, db=db)
    end, n = time.time() + seconds, 0
    while time.time() < end:
        r.set("a", n)
        p = r.pipeline(transaction=True)
        p.copy("a", "b", destination_db=other, replace=True)
        p.execute_command("SELECT", other); p.set("c", n); p.execute_command("SELECT", db)
        if n % 100 == 0: p.flushall()
        p.execute(); n += 1
    done[db] = n

threads = [threading.Thread(target=loop, args=(0, 1)), threading.Thread(target=loop, args=(1, 0))]
[t.start() for t in threads]; [t.join(seconds + 30) for t in threads]
hung = [t for t in threads if t.is_alive()]
t0 = time.time(); server.send_signal(signal.SIGTERM)
try:
    code = server.wait(10)
except subprocess.TimeoutExpired:
    server.kill(); code = "killed after 10 s"
print(f"transactions: {done} hung clients: {len(hung)} | SIGTERM -> exit {code} in {time.time() - t0:.2f} s")
sys.exit(0 if not hung and code == 0 else 1)
