import socket
import ssl

from OpenSSL import SSL


def open_socket(host, version=ssl.PROTOCOL_TLS_CLIENT):
    sock = socket.create_connection((host, 443))
    # ruleid: S023
    legacy = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
    # ruleid: S023
    bare = ssl.wrap_socket(sock)
    # ruleid: S023
    old = SSL.Context(SSL.TLSv1_METHOD)
    context = ssl.create_default_context()
    # ruleid: S023
    context.minimum_version = ssl.TLSVersion.TLSv1
    # ok: S023
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # ruleid: S023
    negotiated = SSL.Context(SSL.SSLv23_METHOD)
    # ok: S023
    modern = SSL.Context(SSL.TLS_METHOD)
    # ok: S023
    wrapped = context.wrap_socket(sock, server_hostname=host)
    return legacy, bare, old, negotiated, modern, wrapped, version


# ruleid: S023
def legacy_default(version=ssl.PROTOCOL_TLSv1_1):
    return version


def server_context(certfile):
    # ruleid: S023
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(certfile)
    # ok: S023
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.minimum_version = ssl.TLSVersion.TLSv1_3
    return server, client
