# expect: safe
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

EXPORT_KEY = bytes.fromhex(os.environ["PARTNER_EXPORT_KEY"])
NONCE_SIZE = 12


def encrypt_field(plaintext: str) -> str:
    nonce = os.urandom(NONCE_SIZE)
    ct = AESGCM(EXPORT_KEY).encrypt(nonce, plaintext.encode(), b"partner-export")
    return base64.b64encode(nonce + ct).decode()


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    nonce, ct = raw[:NONCE_SIZE], raw[NONCE_SIZE:]
    return AESGCM(EXPORT_KEY).decrypt(nonce, ct, b"partner-export").decode()


def export_customers(rows, out_path):
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("customer_id,tax_id\n")
        for row in rows:
            fh.write(f"{row['id']},{encrypt_field(row['tax_id'])}\n")
