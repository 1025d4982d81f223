# expect: S023
import json
import os
import socket
import ssl

GATEWAY_HOST = os.environ.get("POS_GATEWAY_HOST", "pos-gw.internal.example.com")
GATEWAY_PORT = int(os.environ.get("POS_GATEWAY_PORT", "8443"))
CA_FILE = os.environ.get("POS_GATEWAY_CA", "/etc/pos/gateway-ca.pem")


def _context():
    ctx = ssl.create_default_context(cafile=CA_FILE)
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


def send_batch(transactions):
    payload = json.dumps({"type": "batch", "items": transactions}).encode() + b"\n"
    with socket.create_connection((GATEWAY_HOST, GATEWAY_PORT), timeout=15) as raw:
        with _context().wrap_socket(raw, server_hostname=GATEWAY_HOST) as conn:
            conn.sendall(payload)
            reply = conn.makefile("rb").readline()
    return json.loads(reply)
