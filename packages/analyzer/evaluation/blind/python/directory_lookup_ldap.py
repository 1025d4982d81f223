# expect: S030
import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server

app = Flask(__name__)
LDAP_URL = "ldaps://ldap.corp.example.com"
BASE_DN = "ou=people,dc=corp,dc=example,dc=com"


def find_people(name_fragment):
    server = Server(LDAP_URL, use_ssl=True, get_info=ALL)
    conn = Connection(server, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True)
    search_filter = "(&(objectClass=person)(cn=*%s*))" % name_fragment
    conn.search(BASE_DN, search_filter, attributes=["cn", "mail", "title"])
    return [
        {"name": str(e.cn), "mail": str(e.mail), "title": str(e.title)}
        for e in conn.entries
    ]


@app.route("/directory")
def directory():
    return jsonify(find_people(request.args.get("name", "")))
