# expect: safe
import ldap
from flask import Flask, jsonify, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)


@app.route("/directory")
def directory():
    conn = ldap.initialize("ldaps://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", app.config["LDAP_PASSWORD"])
    uid = escape_filter_chars(request.args.get("uid", ""))
    entries = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(&(objectClass=person)(uid=%s))" % uid, ["cn", "mail"])
    return jsonify([dn for dn, _ in entries])
