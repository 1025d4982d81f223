import os
import urllib.request
from urllib.parse import urlsplit
from urllib.request import Request, urlopen


def fetch(path, host, target):
    # ruleid: S020
    urllib.request.urlopen("file:///etc/passwd")
    # ruleid: S020
    urlopen(target)
    # ruleid: S020
    request = Request("ftp://" + host + path)
    # ruleid: S020
    opener = urllib.request.FancyURLopener()
    # ok: S020
    urlopen("https://example.com/status")
    # ok: S020
    urlopen(f"https://{host}/{path}")
    # ok: S020
    safe = Request("http://" + host + path)
    # ok: S020
    urlopen(safe)
    return request, opener


STATUS_API = "https://status.example.com/api"
MIRROR = os.environ.get("MIRROR_URL", "")


def health(name):
    # ok: S020
    urlopen(STATUS_API + "/health")
    # ok: S020
    urlopen(f"{STATUS_API}/components/{name}")
    # ruleid: S020
    urlopen(MIRROR + "/index.json")


def load_feed(source):
    if urlsplit(source).scheme.lower() not in {"http", "https"}:
        raise ValueError(source)
    # ok: S020
    return urlopen(source, timeout=30)


def load_any(source):
    if not source:
        raise ValueError(source)
    # ruleid: S020
    return urlopen(source, timeout=30)


def rates_url(host):
    return f"https://{host}/v1/latest"


def mirror_url(host):
    return f"{host}/v1/latest"


def rates(host):
    # ok: S020
    urlopen(Request(rates_url(host)))
    # ruleid: S020
    return urlopen(mirror_url(host))
