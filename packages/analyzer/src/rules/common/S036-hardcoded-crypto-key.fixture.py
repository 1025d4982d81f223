import os

from Crypto.Cipher import AES
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = b"0123456789abcdef0123456789abcdef"


def encrypt(data, key_from_vault):
    # ruleid: S036
    legacy = AES.new(KEY, AES.MODE_CBC, b"fedcba9876543210")
    # ruleid: S036
    token = Fernet(b"q8Xz3kV5n2Lw7pRt0yHc4mJb6sFd9gAe1uIo_KlPZxQ=")
    # ruleid: S036
    zero_iv = Cipher(algorithms.AES(key_from_vault), modes.CBC(b"\x00" * 16))
    # ok: S036
    iv = os.urandom(16)
    # ok: S036
    fresh = Cipher(algorithms.AES(key_from_vault), modes.CBC(iv))
    # ok: S036
    sealed = AES.new(key_from_vault, AES.MODE_GCM, nonce=os.urandom(12))
    return legacy, token, zero_iv, fresh, sealed, data


TELEMETRY_KEY = bytes.fromhex("6f1d2a9c4b7e3f8051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718")


class Packer:
    def __init__(self, key=TELEMETRY_KEY):
        # ruleid: S036
        self.aead = AESGCM(key)


class VaultPacker:
    def __init__(self, key):
        # ok: S036
        self.aead = AESGCM(key)


def vault_packer():
    return VaultPacker(os.environ["PACKER_KEY"].encode())
