# expect: S007
import base64
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad

KEY_FILE = os.environ.get("VAULT_KEY_FILE", "/etc/vault/master.key")


def _load_key():
    with open(KEY_FILE, "rb") as fh:
        key = fh.read(32)
    if len(key) != 32:
        raise RuntimeError("master key must be 32 bytes")
    return key


def _cipher():
    return AES.new(_load_key(), AES.MODE_ECB)


def encrypt_token(plaintext: str) -> str:
    cipher = _cipher()
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode(), AES.block_size))).decode()


def decrypt_token(blob: str) -> str:
    cipher = _cipher()
    return unpad(cipher.decrypt(base64.b64decode(blob)), AES.block_size).decode()
