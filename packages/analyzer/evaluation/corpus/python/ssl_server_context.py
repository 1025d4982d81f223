# expect: S023
import socket
import ssl


def serve(certfile, keyfile, port=8443):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    with socket.create_server(("127.0.0.1", port)) as server:
        with context.wrap_socket(server, server_side=True) as tls:
            connection, _ = tls.accept()
            connection.sendall(b"hello\n")
