import socket

sock = socket.socket()
# ruleid: S017
sock.bind(("0.0.0.0", 8080))
# ok: S017
sock.bind(("127.0.0.1", 8080))
# ruleid: S017
HOST = "0.0.0.0"
# ok: S017
DEFAULT_ROUTE = "0.0.0.0/0 is the default route"
