# expect: safe
import base64
import os

from Crypto.Cipher import AES

KEY_FILE = os.environ.get("VAULT_KEY_FILE", "/etc/vault/master.key")


def _load_key():
    with open(KEY_FILE, "rb") as fh:
        key = fh.read(32)
    if len(key) != 32:
        raise RuntimeError("master key must be 32 bytes")
    return key


def encrypt_token(plaintext: str) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(_load_key(), AES.MODE_GCM, nonce=nonce)
    ct, tag = cipher.encrypt_and_digest(plaintext.encode())
    return base64.b64encode(nonce + tag + ct).decode()


def decrypt_token(blob: str) -> str:
    raw = base64.b64decode(blob)
    nonce, tag, ct = raw[:12], raw[12:28], raw[28:]
    cipher = AES.new(_load_key(), AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ct, tag).decode()
