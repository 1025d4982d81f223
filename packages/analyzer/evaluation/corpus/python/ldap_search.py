# expect: S030
import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/directory")
def directory():
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", app.config["LDAP_PASSWORD"])
    uid = request.args.get("uid", "")
    entries = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(&(objectClass=person)(uid=" + uid + "))", ["cn", "mail"])
    return jsonify([dn for dn, _ in entries])
