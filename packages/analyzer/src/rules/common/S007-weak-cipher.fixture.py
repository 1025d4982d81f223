from Crypto.Cipher import AES, DES


def encrypt(key, data):
    # ruleid: S007
    weak = DES.new(key, DES.MODE_CBC)
    # ruleid: S007
    ecb = AES.new(key, AES.MODE_ECB)
    # ok: S007
    gcm = AES.new(key, AES.MODE_GCM)
    return weak, ecb, gcm
