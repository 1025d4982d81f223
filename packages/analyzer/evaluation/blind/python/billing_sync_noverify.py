# expect: S009
import logging
import os

import requests

log = logging.getLogger("billing-sync")
BILLING_API = "https://billing.internal.corp:8443/api/v2"


def push_invoices(invoices):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + os.environ["BILLING_TOKEN"]
    # self-signed cert on the billing box
    session.verify = False
    for inv in invoices:
        resp = session.post(f"{BILLING_API}/invoices", json=inv, timeout=10)
        if resp.status_code >= 400:
            log.error("invoice %s rejected: %s", inv["number"], resp.text)
        else:
            log.info("invoice %s synced", inv["number"])


if __name__ == "__main__":
    push_invoices([{"number": "INV-1001", "amount": 120.0}])
