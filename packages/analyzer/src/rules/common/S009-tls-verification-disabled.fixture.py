import requests


def fetch(url):
    # ruleid: S009
    insecure = requests.get(url, verify=False)
    # ok: S009
    secure = requests.get(url, verify=True, timeout=5)
    # ok: S009
    bundle = requests.get(url, verify="/etc/ssl/ca.pem")
    # ruleid: S009
    zero = requests.post(url, verify=0)
    # ok: S009
    default = requests.get(url, verify=None)
    return insecure, secure, bundle, zero, default


def session_for(token, bundle):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    # ruleid: S009
    session.verify = False
    pinned = requests.Session()
    # ok: S009
    pinned.verify = bundle
    return session, pinned
