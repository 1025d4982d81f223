# expect: S007
import base64
import os

from Crypto.Cipher import Blowfish
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad


def _load_key() -> bytes:
    key = base64.b64decode(os.environ["CARD_VAULT_KEY"])
    if len(key) < 16:
        raise RuntimeError("CARD_VAULT_KEY is too short")
    return key


class CardVault:
    """Stores card numbers for recurring billing as opaque tokens."""

    def __init__(self, key: bytes = None):
        self._key = key or _load_key()

    def seal(self, pan: str) -> str:
        iv = get_random_bytes(Blowfish.block_size)
        cipher = Blowfish.new(self._key, Blowfish.MODE_CBC, iv)
        blob = iv + cipher.encrypt(pad(pan.encode("ascii"), Blowfish.block_size))
        return base64.urlsafe_b64encode(blob).decode("ascii")

    def open(self, token: str) -> str:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
        iv, body = blob[: Blowfish.block_size], blob[Blowfish.block_size:]
        cipher = Blowfish.new(self._key, Blowfish.MODE_CBC, iv)
        return unpad(cipher.decrypt(body), Blowfish.block_size).decode("ascii")

    @staticmethod
    def masked(pan: str) -> str:
        return "*" * (len(pan) - 4) + pan[-4:]
