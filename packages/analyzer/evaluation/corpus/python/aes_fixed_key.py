# expect: S036
from Cryptodome.Cipher import AES
from Cryptodome.Util.Padding import pad

ENCRYPTION_KEY = bytes.fromhex("3f1c9a7be2d4405c8e61b0f2a9d37c55")
IV = b"\x00" * 16


def encrypt_card(number: str) -> bytes:
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_CBC, IV)
    return cipher.encrypt(pad(number.encode(), AES.block_size))
