# expect: safe
import logging
import os
import ssl
import urllib.request

import requests

log = logging.getLogger("billing-sync")
BILLING_API = "https://billing.internal.corp:8443/api/v2"
CORP_CA = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-root-ca.pem")


def push_invoices(invoices):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + os.environ["BILLING_TOKEN"]
    session.verify = CORP_CA
    for inv in invoices:
        resp = session.post(f"{BILLING_API}/invoices", json=inv, timeout=10, verify=CORP_CA)
        if resp.status_code >= 400:
            log.error("invoice %s rejected: %s", inv["number"], resp.text)


def healthcheck():
    ctx = ssl.create_default_context(cafile=CORP_CA)
    with urllib.request.urlopen(BILLING_API + "/health", context=ctx, timeout=5) as r:
        return r.status == 200


if __name__ == "__main__":
    if healthcheck():
        push_invoices([{"number": "INV-1001", "amount": 120.0}])
