# expect: safe
import os
import ssl

from flask import Flask, jsonify, request
from ldap3 import SUBTREE, Connection, Server, Tls
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
BASE_DN = "ou=people,dc=corp,dc=example,dc=com"
ATTRS = ["cn", "mail", "title", "departmentNumber"]


def ldap_connection():
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file="/etc/ssl/certs/corp-ca.pem")
    server = Server(os.environ["LDAP_HOST"], port=636, use_ssl=True, tls=tls)
    return Connection(
        server,
        user=os.environ["LDAP_BIND_DN"],
        password=os.environ["LDAP_BIND_PASSWORD"],
        auto_bind=True,
    )


@app.get("/directory/search")
def search_staff():
    name = request.args.get("name", "").strip()
    dept = request.args.get("dept", "").strip()
    if len(name) < 2:
        return jsonify({"error": "name too short"}), 400
    query = f"(&(objectClass=inetOrgPerson)(cn=*{escape_filter_chars(name)}*)"
    if dept:
        query += f"(departmentNumber={escape_filter_chars(dept)})"
    query += ")"
    with ldap_connection() as conn:
        conn.search(BASE_DN, query, search_scope=SUBTREE, attributes=ATTRS, size_limit=50)
        return jsonify([entry.entry_attributes_as_dict for entry in conn.entries])
