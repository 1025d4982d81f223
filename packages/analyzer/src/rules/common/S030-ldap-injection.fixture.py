import ldap
from flask import request
from ldap.filter import escape_filter_chars, filter_format


def find_user(conn):
    name = request.args["name"]
    # ruleid: S030
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + name + ")")
    # ruleid: S030
    conn.search_ext_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, filterstr=f"(mail={request.form['mail']})")
    # ruleid: S030
    conn.search_s(f"ou={name},dc=example,dc=com", ldap.SCOPE_SUBTREE, "(objectClass=person)")
    # ok: S030
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(name))
    # ok: S030
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [name]))
    # ok: S030
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(objectClass=person)")
    escaped = escape_filter_chars(name)
    # ok: S030
    conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=%s)" % escaped)


def by_group(conn, group):
    # ruleid: S030
    return conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(memberOf=cn=%s)" % group)


def room_filter(name, seats):
    safe_name = escape_filter_chars(name)
    return f"(&(cn=*{safe_name}*)(seatCapacity>={int(seats)}))"


def raw_filter(name):
    return f"(cn=*{name}*)"


def rooms(conn, name):
    # ok: S030
    conn.search_s("ou=rooms,dc=example,dc=com", ldap.SCOPE_SUBTREE, room_filter(name, 4))
    # ruleid: S030
    return conn.search_s("ou=rooms,dc=example,dc=com", ldap.SCOPE_SUBTREE, raw_filter(name))
