# expect: S023, S017
import socket
import ssl
import threading

CERT = "/etc/pos-gateway/server.crt"
KEY = "/etc/pos-gateway/server.key"


def make_context():
    # old card terminals in the field only speak TLS 1.0
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx.load_cert_chain(certfile=CERT, keyfile=KEY)
    return ctx


def handle(conn):
    with conn:
        data = conn.recv(4096)
        conn.sendall(b"ACK " + str(len(data)).encode())


def serve(host="0.0.0.0", port=9443):
    ctx = make_context()
    with socket.create_server((host, port)) as sock:
        with ctx.wrap_socket(sock, server_side=True) as tls_sock:
            while True:
                conn, _ = tls_sock.accept()
                threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    serve()
