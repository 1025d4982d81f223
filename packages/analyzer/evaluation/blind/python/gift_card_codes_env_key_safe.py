# expect: safe
import base64
import json
import os
from datetime import datetime, timezone

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

GIFT_CARD_KEY_ENV = "GIFT_CARD_KEY_HEX"
AAD = b"giftcard:v1"


def _load_key() -> bytes:
    key = bytes.fromhex(os.environ[GIFT_CARD_KEY_ENV])
    if len(key) not in (16, 24, 32):
        raise RuntimeError(f"{GIFT_CARD_KEY_ENV} must decode to an AES key")
    return key


_aead = AESGCM(_load_key())


def seal_card(card_id: str, balance_cents: int, currency: str = "USD") -> str:
    claims = {
        "id": card_id,
        "bal": int(balance_cents),
        "cur": currency,
        "iat": int(datetime.now(timezone.utc).timestamp()),
    }
    nonce = os.urandom(12)
    body = _aead.encrypt(nonce, json.dumps(claims, separators=(",", ":")).encode(), AAD)
    return base64.urlsafe_b64encode(nonce + body).rstrip(b"=").decode()


def open_card(code: str) -> dict:
    padded = code + "=" * (-len(code) % 4)
    blob = base64.urlsafe_b64decode(padded)
    plain = _aead.decrypt(blob[:12], blob[12:], AAD)
    return json.loads(plain)
