# expect: safe
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

NONCE_SIZE = 12


def _load_key() -> bytes:
    key = base64.b64decode(os.environ["CARD_VAULT_KEY"])
    if len(key) != 32:
        raise RuntimeError("CARD_VAULT_KEY must be 32 bytes")
    return key


class CardVault:
    """Stores card numbers for recurring billing as opaque tokens."""

    def __init__(self, key: bytes = None):
        self._aead = ChaCha20Poly1305(key or _load_key())

    def seal(self, pan: str, customer_id: str) -> str:
        nonce = os.urandom(NONCE_SIZE)
        body = self._aead.encrypt(nonce, pan.encode("ascii"), customer_id.encode("utf-8"))
        return base64.urlsafe_b64encode(nonce + body).decode("ascii")

    def open(self, token: str, customer_id: str) -> str:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
        nonce, body = blob[:NONCE_SIZE], blob[NONCE_SIZE:]
        return self._aead.decrypt(nonce, body, customer_id.encode("utf-8")).decode("ascii")

    @staticmethod
    def masked(pan: str) -> str:
        return "*" * (len(pan) - 4) + pan[-4:]
