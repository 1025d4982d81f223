# expect: safe
import json
import os
import ssl
import urllib.parse
import urllib.request

FEED_URL = "https://feeds.partner-logistics.example.net/v1/shipments"
CA_BUNDLE = os.environ.get("PARTNER_CA_BUNDLE", "/etc/ssl/certs/partner-logistics-ca.pem")


def _context():
    ctx = ssl.create_default_context(cafile=CA_BUNDLE)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def fetch_shipments(since, token):
    url = f"{FEED_URL}?{urllib.parse.urlencode({'since': since})}"
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, context=_context(), timeout=20) as resp:
        return json.load(resp)


def sync(since):
    shipments = fetch_shipments(since, os.environ["PARTNER_FEED_TOKEN"])
    return [s for s in shipments.get("items", []) if s.get("status") != "cancelled"]
