# expect: safe
import os
import ssl

from flask import Flask, jsonify, request
from ldap3 import Connection, Server, SUBTREE, Tls
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.example")
RESOURCE_BASE = os.environ.get("LDAP_RESOURCE_BASE", "ou=Resources,dc=corp,dc=example")


def directory() -> Connection:
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=os.environ.get("LDAP_CA_FILE"))
    server = Server(LDAP_URL, use_ssl=True, tls=tls)
    return Connection(server, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"],
                      auto_bind=True, read_only=True)


def room_filter(name: str, min_seats: int) -> str:
    safe_name = escape_filter_chars(name)
    return f"(&(objectClass=calendarResource)(cn=*{safe_name}*)(seatCapacity>={int(min_seats)}))"


@app.get("/rooms/search")
def search_rooms():
    name = request.args.get("name", "").strip()
    try:
        min_seats = int(request.args.get("seats", "1"))
    except ValueError:
        return jsonify(error="seats must be a number"), 400
    if len(name) < 2:
        return jsonify(error="type at least two characters"), 400

    with directory() as conn:
        conn.search(RESOURCE_BASE, room_filter(name, min_seats), SUBTREE,
                    attributes=["cn", "seatCapacity", "l"], size_limit=50)
        rooms = [{"name": str(e.cn), "seats": int(e.seatCapacity.value), "building": str(e.l)}
                 for e in conn.entries]
    return jsonify(rooms=rooms)
