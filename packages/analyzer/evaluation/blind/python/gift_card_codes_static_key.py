# expect: S036
import base64
import json
import os
from datetime import datetime, timezone

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

GIFT_CARD_KEY = bytes.fromhex("6f1c2a9e4b7d03f85a61c0e29b4d7f3a8e2c5b1d9f0a6e47c3b8d21f5e9a0c7b")
_aead = AESGCM(GIFT_CARD_KEY)


def seal_card(card_id: str, balance_cents: int, currency: str = "USD") -> str:
    claims = {
        "id": card_id,
        "bal": int(balance_cents),
        "cur": currency,
        "iat": int(datetime.now(timezone.utc).timestamp()),
    }
    nonce = os.urandom(12)
    body = _aead.encrypt(nonce, json.dumps(claims, separators=(",", ":")).encode(), b"giftcard:v1")
    return base64.urlsafe_b64encode(nonce + body).rstrip(b"=").decode()


def open_card(code: str) -> dict:
    padded = code + "=" * (-len(code) % 4)
    blob = base64.urlsafe_b64decode(padded)
    plain = _aead.decrypt(blob[:12], blob[12:], b"giftcard:v1")
    return json.loads(plain)
