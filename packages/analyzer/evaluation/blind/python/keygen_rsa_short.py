# expect: S024
import argparse
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def generate(out_dir, name, bits):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    priv = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    path = os.path.join(out_dir, name + ".pem")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(priv)
    return path


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="generate a device signing key")
    ap.add_argument("name")
    ap.add_argument("--out", default=".")
    args = ap.parse_args()
    print(generate(args.out, args.name, 1024))
