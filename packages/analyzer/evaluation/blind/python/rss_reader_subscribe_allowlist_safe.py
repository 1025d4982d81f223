# expect: safe
import os
from urllib.parse import urlsplit

import requests
from flask import Flask, jsonify, request
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
FEED_HOSTS = frozenset({"feeds.feedburner.com", "feeds.simplecast.com", "anchor.fm", "rss.art19.com"})


def trusted_feed_url(raw: str):
    parts = urlsplit(raw.strip())
    if parts.scheme != "https" or parts.hostname not in FEED_HOSTS:
        return None
    if parts.port not in (None, 443) or parts.username or parts.password:
        return None
    return parts.geturl()


class FeedProbe:
    def __init__(self, timeout: float = 6.0, max_bytes: int = 2_000_000):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "ReaderBot/2.1 (+https://reader.example/bot)"

    def check(self, url: str) -> dict:
        resp = self.session.get(url, timeout=self.timeout, stream=True, allow_redirects=False)
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip()
        size = int(resp.headers.get("Content-Length") or 0)
        resp.close()
        return {"status": resp.status_code, "is_feed": ctype in FEED_TYPES, "too_large": size > self.max_bytes}


probe = FeedProbe()


@app.post("/subscriptions/validate")
@login_required
def validate_subscription():
    feed_url = trusted_feed_url((request.get_json(silent=True) or {}).get("feed_url", ""))
    if feed_url is None:
        return jsonify(error="feed host is not supported"), 400
    try:
        result = probe.check(feed_url)
    except requests.RequestException:
        return jsonify(ok=False, reason="unreachable"), 200
    return jsonify(ok=result["status"] == 200 and result["is_feed"], user=current_user.id, **result)
