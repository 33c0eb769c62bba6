"""Sends AUTH and QUIT over TLS and reads to the end: prints the replies, then 'clean' if the server ended TLS with
close_notify, or 'cut' if it only closed the socket (OpenSSL 3 reports that as an unexpected EOF)."""
import socket
import ssl
import sys

port, ca, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
context = ssl.create_default_context(cafile=ca)
context.load_cert_chain(cert, key)
# Python turns this on by default; without it OpenSSL 3 tells a cut connection from a clean end.
context.options &= ~ssl.OP_IGNORE_UNEXPECTED_EOF
received = b""
with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
    with context.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.sendall(b"AUTH secret\r\nQUIT\r\n")
        try:
            while chunk := tls.recv(4096):
                received += chunk
            ending = "clean"
        except ssl.SSLError:
            ending = "cut"
print(received.decode().replace("\r\n", " ").strip(), ending)
