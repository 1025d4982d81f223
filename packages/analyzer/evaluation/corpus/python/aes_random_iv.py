# expect: safe
import os

from Cryptodome.Cipher import AES
from Cryptodome.Util.Padding import pad


def encrypt_card(number: str) -> bytes:
    key = bytes.fromhex(os.environ["CARD_KEY"])
    iv = os.urandom(16)
    cipher = AES.new(key, AES.MODE_CBC, iv)
    return iv + cipher.encrypt(pad(number.encode(), AES.block_size))
