import hashlib
import hashlib as h
from hashlib import sha1

from cryptography.hazmat.primitives import hashes


def sign(data):
    # ruleid: S006
    digest = hashlib.md5(data).hexdigest()
    # ruleid: S006
    other = hashlib.new("sha1", data)
    # ok: S006
    strong = hashlib.sha256(data).hexdigest()
    # ok: S006
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    # ruleid: S006
    aliased = h.md5(data)
    # ruleid: S006
    imported = sha1(data)
    # ok: S006
    cache_key = h.md5(data, usedforsecurity=0)
    # ruleid: S006
    named = hashlib.new(name="md5", data=data)
    # ok: S006
    named_strong = hashlib.new(name="sha256", data=data)
    # ok: S006
    named_checksum = hashlib.new("md5", data, usedforsecurity=False)
    # ruleid: S006
    primitive = hashes.Hash(hashes.MD5())
    # ok: S006
    primitive_strong = hashes.Hash(hashes.SHA256())
    return digest, other, strong, etag, aliased, imported, cache_key, named, named_strong, named_checksum, primitive, primitive_strong
