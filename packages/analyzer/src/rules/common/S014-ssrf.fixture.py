import re
from urllib.parse import urlparse

import httpx
import requests
from flask import abort, request

PROVIDERS = {"github": "https://api.github.com/meta", "gitlab": "https://gitlab.com/api/v4/metadata"}


def proxy():
    url = request.args["url"]
    # ruleid: S014
    return requests.get(url, timeout=5).text


def status():
    # ok: S014
    return requests.get("https://status.example.com/health", timeout=5).text


def fetch_preview(link, timeout=5):
    # ruleid: S014
    return requests.get(link, timeout=timeout).text


def fetch_status(link):
    # ok: S014
    return requests.get(link, timeout=5).status_code


class Relay:
    def forward(self, target):
        # ruleid: S014
        return requests.post(target, json={"event": "ping"}, timeout=5)


def preview():
    Relay().forward(request.json["callback"])
    fetch_status("https://status.example.com/health")
    return fetch_preview(request.args["link"])


def provider_status():
    provider = request.args.get("provider", "github")
    known = provider in PROVIDERS
    # ok: S014
    return requests.get(PROVIDERS[provider], timeout=5).status_code, known


ICON_HOSTS = {"cdn.example.com"}


def forecast():
    latitude = float(request.args.get("lat", "52.5"))
    # ok: S014
    return requests.get(f"https://api.example.com/forecast?lat={latitude}", timeout=5).json()


def icon():
    parsed = urlparse(request.args.get("src", ""))
    # ruleid: S014
    first = requests.get(parsed.geturl(), timeout=5)
    if parsed.scheme != "https" or parsed.hostname not in ICON_HOSTS:
        abort(400)
    # ok: S014
    return requests.get(parsed.geturl(), timeout=5).content, first.status_code


async def deliver(url, event):
    async with httpx.AsyncClient(timeout=5.0) as client:
        # ruleid: S014
        resp = await client.post(url, json={"event": event})
        # ok: S014
        await client.post("https://hooks.example.com/audit", json={"event": event})
    return resp.status_code


def relay_hook():
    session = requests.Session()
    # ruleid: S014
    session.request("POST", request.json["callback"], timeout=5)
    return deliver(request.json["target"], "ping")


SLUG = re.compile(r"^[a-z0-9-]{1,40}$")


def avatar():
    url = (request.get_json(silent=True) or {}).get("url", "")
    if not url.startswith(("http://", "https://")):
        abort(400)
    # ruleid: S014
    requests.get(url, timeout=5)
    tenant = request.args.get("tenant", "")
    if not SLUG.fullmatch(tenant):
        abort(400)
    # ok: S014
    requests.get(f"https://{tenant}.example.com/status", timeout=5)
    if not re.match(r"https?://", url):
        abort(400)
    # ruleid: S014
    requests.get(url, timeout=5)


class FeedProbe:
    def __init__(self):
        self.session = requests.Session()

    def check(self, url):
        # ruleid: S014
        return self.session.get(url, timeout=5).status_code

    def health(self):
        # ok: S014
        return self.session.get("https://feeds.example.com/health", timeout=5).status_code


def validate_feed():
    return FeedProbe().check(request.json["feed_url"])
