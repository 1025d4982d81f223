from Crypto.Cipher import AES, DES
from Crypto.Cipher import ARC2 as A


def encrypt(key, data):
    # ruleid: S007
    weak = DES.new(key, DES.MODE_CBC)
    # ruleid: S007
    ecb = AES.new(key, AES.MODE_ECB)
    # ok: S007
    gcm = AES.new(key, AES.MODE_GCM)
    # ruleid: S007
    aliased = A.new(key, A.MODE_CBC)
    return weak, ecb, gcm, aliased
