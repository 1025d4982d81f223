# expect: safe
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DEVICE_CURVE = ec.SECP256R1


def new_device_key():
    return ec.generate_private_key(DEVICE_CURVE())


def build_csr(device_serial: str, site: str, key) -> bytes:
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"dev-{device_serial}"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, site),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Northwind Sensors"),
    ])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM)


def provision(device_serial: str, site: str, out_dir: str) -> str:
    key = new_device_key()
    passphrase = os.environ["DEVICE_KEY_PASSPHRASE"].encode()
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    key_path = os.path.join(out_dir, f"{device_serial}.key")
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key_pem)
    csr_path = os.path.join(out_dir, f"{device_serial}.csr")
    with open(csr_path, "wb") as fh:
        fh.write(build_csr(device_serial, site, key))
    return csr_path
