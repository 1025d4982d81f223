# ruleid: S022
from Crypto.Cipher import AES
# ruleid: S022
import Crypto.PublicKey.RSA as RSA
# ruleid: S022
from Crypto import Random
# ok: S022
from Cryptodome.Cipher import ChaCha20_Poly1305
# ok: S022
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = Random.new().read(32)
CIPHERS = (AES, RSA, ChaCha20_Poly1305, AESGCM)
