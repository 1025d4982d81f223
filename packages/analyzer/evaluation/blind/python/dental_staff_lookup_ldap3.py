# expect: S030
import os
import ssl

from flask import Blueprint, jsonify, request
from ldap3 import SUBTREE, Connection, Server, Tls

_tls = Tls(
    validate=ssl.CERT_REQUIRED,
    ca_certs_file=os.environ.get("LDAP_CA_FILE", "/etc/ssl/certs/ca-certificates.crt"),
)
_server = Server(os.environ["PRACTICE_LDAP_HOST"], port=636, use_ssl=True, tls=_tls)
BASE_DN = os.environ.get("PRACTICE_LDAP_BASE", "ou=staff,dc=brightsmile,dc=example")

bp = Blueprint("staff_lookup", __name__)


def _connection():
    return Connection(
        _server,
        user=os.environ["PRACTICE_LDAP_BIND_DN"],
        password=os.environ["PRACTICE_LDAP_BIND_PASSWORD"],
        auto_bind=True,
        read_only=True,
    )


@bp.get("/staff/search")
def staff_search():
    name = request.args.get("q", "").strip()
    role = request.args.get("role", "hygienist").strip()
    if len(name) < 2:
        return jsonify([])

    search_filter = f"(&(objectClass=inetOrgPerson)(employeeType={role})(cn=*{name}*))"
    with _connection() as conn:
        conn.search(
            BASE_DN,
            search_filter,
            search_scope=SUBTREE,
            attributes=["cn", "mail", "telephoneNumber", "title"],
            size_limit=25,
        )
        results = [
            {"name": str(e.cn), "email": str(e.mail), "phone": str(e.telephoneNumber), "title": str(e.title)}
            for e in conn.entries
        ]
    return jsonify(results)
