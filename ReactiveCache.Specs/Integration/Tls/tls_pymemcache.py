"""pymemcache over TLS: authenticates (memcached -Y style), then sets, gets and deletes. Prints ok."""
import ssl
import sys

from pymemcache.client.base import Client

port, ca, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
context = ssl.create_default_context(cafile=ca)
context.load_cert_chain(cert, key)
client = Client(("127.0.0.1", port), tls_context=context, connect_timeout=10, timeout=10)

client.set("auth", "default secret", noreply=False)
assert client.version().startswith(b"1.6"), "version over TLS"
assert client.set("greeting", b"hello over tls", noreply=False)
assert client.get("greeting") == b"hello over tls"
assert client.get_many(["greeting", "missing"]) == {"greeting": b"hello over tls"}
assert client.delete("greeting", noreply=False)
assert client.get("greeting") is None
client.close()
print("ok")
