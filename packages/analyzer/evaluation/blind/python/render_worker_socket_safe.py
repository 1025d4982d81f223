# expect: safe
import grp
import os
import socket

from worker import handle_connection

SOCKET_PATH = os.environ.get("RENDER_SOCKET", "/run/render/render.sock")
SOCKET_GROUP = os.environ.get("RENDER_SOCKET_GROUP", "www-data")


def open_socket(path):
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    os.chown(path, -1, grp.getgrnam(SOCKET_GROUP).gr_gid)
    os.chmod(path, 0o660)
    srv.listen(16)
    return srv


def serve():
    srv = open_socket(SOCKET_PATH)
    try:
        while True:
            conn, _ = srv.accept()
            with conn:
                handle_connection(conn)
    finally:
        srv.close()
        os.unlink(SOCKET_PATH)


if __name__ == "__main__":
    serve()
