# expect: S036
import json
import os
from base64 import b64decode, b64encode

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LICENSE_KEY = bytes.fromhex("6b9d3a1f0c4e8a27d5f1b3c9e0a7d4f2")


def seal_license(customer, seats, expires):
    payload = json.dumps({"customer": customer, "seats": seats, "expires": expires}).encode()
    nonce = os.urandom(12)
    aead = AESGCM(LICENSE_KEY)
    return b64encode(nonce + aead.encrypt(nonce, payload, b"license-v1")).decode()


def open_license(blob):
    raw = b64decode(blob)
    aead = AESGCM(LICENSE_KEY)
    return json.loads(aead.decrypt(raw[:12], raw[12:], b"license-v1"))


if __name__ == "__main__":
    token = seal_license("Acme GmbH", 25, "2026-01-01")
    print(token, open_license(token))
