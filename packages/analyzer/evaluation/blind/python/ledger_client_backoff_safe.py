# expect: safe
import os
import random
import time
import uuid

import requests

API_BASE = "https://ledger.internal.example.com/v2"


class LedgerClient:
    def __init__(self, token=None, max_attempts=5):
        self.session = requests.Session()
        token = token or os.environ["LEDGER_API_TOKEN"]
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.max_attempts = max_attempts

    def _backoff(self, attempt):
        base = min(2 ** attempt, 30)
        time.sleep(base / 2 + random.uniform(0, base / 2))

    def post_entry(self, account, amount_cents, memo):
        idempotency_key = str(uuid.uuid4())
        body = {"account": account, "amount": amount_cents, "memo": memo}
        resp = None
        for attempt in range(self.max_attempts):
            resp = self.session.post(
                f"{API_BASE}/entries",
                json=body,
                headers={"Idempotency-Key": idempotency_key},
                timeout=10,
            )
            if resp.status_code < 500:
                resp.raise_for_status()
                return resp.json()
            self._backoff(attempt)
        resp.raise_for_status()
