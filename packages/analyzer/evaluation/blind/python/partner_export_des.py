# expect: S007
import base64
import os

from Crypto.Cipher import DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad

EXPORT_KEY = bytes.fromhex(os.environ["PARTNER_EXPORT_KEY"])


def encrypt_field(plaintext: str) -> str:
    iv = get_random_bytes(DES.block_size)
    cipher = DES.new(EXPORT_KEY, DES.MODE_CBC, iv)
    ct = cipher.encrypt(pad(plaintext.encode(), DES.block_size))
    return base64.b64encode(iv + ct).decode()


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    iv, ct = raw[: DES.block_size], raw[DES.block_size :]
    cipher = DES.new(EXPORT_KEY, DES.MODE_CBC, iv)
    return unpad(cipher.decrypt(ct), DES.block_size).decode()


def export_customers(rows, out_path):
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("customer_id,tax_id\n")
        for row in rows:
            fh.write(f"{row['id']},{encrypt_field(row['tax_id'])}\n")
