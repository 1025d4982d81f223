from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from Crypto.PublicKey import RSA


def make_keys(key_size):
    # ruleid: S024
    weak_rsa = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: S024
    weak_dsa = dsa.generate_private_key(512)
    # ruleid: S024
    weak_ec = ec.generate_private_key(ec.SECP192R1())
    # ruleid: S024
    legacy = RSA.generate(1024)
    # ok: S024
    strong_rsa = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: S024
    strong_ec = ec.generate_private_key(ec.SECP384R1())
    # ok: S024
    sized = rsa.generate_private_key(65537, key_size)
    # ok: S024
    modern = RSA.generate(bits=4096)
    return weak_rsa, weak_dsa, weak_ec, legacy, strong_rsa, strong_ec, sized, modern


DEVICE_BITS = 1024


def device_key(bits):
    # ruleid: S024
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def signing_key(bits=4096):
    # ok: S024
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def legacy_key():
    size = DEVICE_BITS
    # ruleid: S024
    return RSA.generate(size)


def provision():
    return device_key(DEVICE_BITS), signing_key(), signing_key(8192)
