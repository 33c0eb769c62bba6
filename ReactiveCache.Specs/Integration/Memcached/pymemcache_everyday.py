"""Everyday pymemcache use against a ReactiveCache memcached port; prints 'ok' when every check holds.

Usage: python3 pymemcache_everyday.py PORT
Run by PymemcacheSpecs. pymemcache 3.5 has no meta-command API, so the meta part speaks raw sockets.
"""
import socket
import sys

from pymemcache.client.base import Client


class FlagSerde:
    """Keeps the client flags visible: values are bytes, flags travel as given."""

    def serialize(self, key, value):
        return value[0], value[1]

    def deserialize(self, key, value, flags):
        return (value, flags)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def everyday(port):
    client = Client(("127.0.0.1", port), default_noreply=False, connect_timeout=5, timeout=10)
    check(client.set("greeting", b"hello") is True, "set")
    check(client.get("greeting") == b"hello", "get")
    check(client.add("greeting", b"again") is False, "add on an existing key")
    check(client.replace("nobody", b"x") is False, "replace on a missing key")
    check(client.append("greeting", b" world") and client.prepend("greeting", b">"), "append/prepend")
    check(client.get("greeting") == b">hello world", "append/prepend value")

    value, cas = client.gets("greeting")
    check(client.cas("greeting", b"swapped", cas) is True, "cas with the current token")
    check(client.cas("greeting", b"stale", cas) is False, "cas with an old token")

    check(client.set("counter", b"10") and client.incr("counter", 5) == 15, "incr")
    check(client.decr("counter", 100) == 0, "decr floors at 0")
    check(client.touch("counter", 100) is True, "touch")
    check(client.delete("counter") is True and client.get("counter") is None, "delete")

    # A noreply pipeline: 500 sets with no answers, then one multi-get sees them all.
    quiet = Client(("127.0.0.1", port), default_noreply=True, connect_timeout=5, timeout=10)
    quiet.set_many({"k%d" % i: b"v%d" % i for i in range(500)})
    # Requests are ordered per connection only: a reply on the quiet connection means all 500 are in.
    check(quiet.get("k0") == b"v0", "first noreply set")
    values = client.get_many(["k%d" % i for i in range(500)])
    check(len(values) == 500 and values["k499"] == b"v499", "noreply pipeline then get_many")
    quiet.delete_many(["k%d" % i for i in range(250)])
    check(quiet.get("k0") is None, "noreply delete")
    check(len(client.get_many(["k%d" % i for i in range(500)])) == 250, "noreply delete_many")

    flagged = Client(("127.0.0.1", port), serde=FlagSerde(), default_noreply=False)
    check(flagged.set("flagged", (b"data", 4294967295)), "set with flags")
    check(flagged.get("flagged") == (b"data", 4294967295), "32-bit flags come back")

    big = bytes(range(256)) * 4096
    check(client.set("big", big) is True and client.get("big") == big, "1 MB value")
    try:
        client.set("too-big", big + b"x")
        check(False, "an item over the limit must be refused")
    except Exception as error:
        check("object too large" in str(error), "too large error: %s" % error)
    check(client.get("big") == big, "session alive after a refused item")

    check(client.version().startswith(b"1.6"), "version")
    check(int(client.stats()[b"curr_items"]) > 0, "stats")
    check(client.flush_all() is True and client.get("big") is None, "flush_all")


def meta(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"ms meta 5 T60 F3\r\nvalue\r\nmg meta v f t\r\nmg missing v q\r\nmd meta q\r\nmg meta v\r\nmn\r\n")
        expected = b"HD\r\nVA 5 f3 t60\r\nvalue\r\nEN\r\nMN\r\n"
        received = b""
        while not received.endswith(b"MN\r\n"):
            chunk = conn.recv(4096)
            check(chunk, "connection closed early")
            received += chunk
        check(received == expected, "meta pipeline: %r" % received)


if __name__ == "__main__":
    port = int(sys.argv[1])
    everyday(port)
    meta(port)
    print("ok")
