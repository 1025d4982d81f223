from Crypto.Cipher import AES, DES
from Crypto.Cipher import ARC2 as A
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt(key, data):
    # ruleid: S007
    weak = DES.new(key, DES.MODE_CBC)
    # ruleid: S007
    ecb = AES.new(key, AES.MODE_ECB)
    # ok: S007
    gcm = AES.new(key, AES.MODE_GCM)
    # ruleid: S007
    aliased = A.new(key, A.MODE_CBC)
    # ruleid: S007
    stream = Cipher(algorithms.ARC4(key), mode=None)
    # ruleid: S007
    block = Cipher(algorithms.Blowfish(key), modes.CBC(data[:8]))
    # ok: S007
    modern = Cipher(algorithms.AES(key), modes.GCM(data[:12]))
    return weak, ecb, gcm, aliased, stream, block, modern
