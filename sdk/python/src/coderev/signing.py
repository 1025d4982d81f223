"""Signatures of approval requests from a PEM private key: the optional ``coderev[signing]`` extra (``cryptography``)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
from decimal import Decimal
from typing import Any, Literal

SigningAlgorithm = Literal["ed25519", "ecdsa-p256"]


def canonical_json(value: Any) -> str:
    """RFC 8785 canonical JSON: keys sorted by UTF-16 code units, no whitespace, numbers as ECMAScript writes them."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        return "{" + ",".join(f"{json.dumps(key, ensure_ascii=False)}:{canonical_json(value[key])}" for key in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(item) for item in value) + "]"
    if isinstance(value, float):
        return _ecmascript_number(value)
    return json.dumps(value, ensure_ascii=False)


def _ecmascript_number(number: float) -> str:
    """A float as ECMAScript's Number::toString writes it (Python's repr has other exponent thresholds)."""
    if not math.isfinite(number):
        raise ValueError("JSON has no representation of NaN or infinity")
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    _, digit_tuple, exponent = Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    count, point = len(digits), len(digits) + int(exponent)
    prefix = "-" if number < 0 else ""
    if count <= point <= 21:
        return prefix + digits + "0" * (point - count)
    if 0 < point <= 21:
        return prefix + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return prefix + "0." + "0" * -point + digits
    mantissa = digits[0] + ("." + digits[1:] if count > 1 else "")
    return f"{prefix}{mantissa}e{'+' if point - 1 >= 0 else '-'}{abs(point - 1)}"


def payload_hash_of(payload: dict[str, Any]) -> str:
    """The SHA-256 hex of the payload's canonical JSON: what the server states as ``payload_hash`` and approvers sign."""
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def _cryptography() -> Any:
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    except ImportError as missing:
        raise ImportError("signing with a private key needs the signing extra: pip install 'coderev[signing]'") from missing
    return hashes, serialization, ec, ed25519


def load_private_key(pem: str | bytes, password: bytes | None = None) -> tuple[Any, SigningAlgorithm]:
    """An Ed25519 or ECDSA P-256 private key from PEM, with its algorithm."""
    _, serialization, ec, ed25519 = _cryptography()
    key = serialization.load_pem_private_key(pem.encode("ascii") if isinstance(pem, str) else pem, password=password)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key, "ed25519"
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1":
        return key, "ecdsa-p256"
    raise ValueError("the key is neither an Ed25519 nor an ECDSA P-256 private key")


def public_key_pem(private_key_pem: str | bytes, password: bytes | None = None) -> tuple[str, SigningAlgorithm]:
    """The SPKI PEM public key of a private key, as ``Client.multisig.register_key`` takes it, with its algorithm."""
    _, serialization, _, _ = _cryptography()
    key, algorithm = load_private_key(private_key_pem, password)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return public.decode("ascii"), algorithm


def sign_payload_hash(private_key_pem: str | bytes, payload_hash: str, password: bytes | None = None) -> str:
    """The base64 signature the server verifies: over the ASCII bytes of ``payload_hash``; ECDSA with SHA-256 in DER."""
    hashes, _, ec, _ = _cryptography()
    key, algorithm = load_private_key(private_key_pem, password)
    data = payload_hash.encode("ascii")
    signature = key.sign(data) if algorithm == "ed25519" else key.sign(data, ec.ECDSA(hashes.SHA256()))
    return base64.b64encode(signature).decode("ascii")
