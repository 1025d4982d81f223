import hashlib
import hashlib as h
from hashlib import sha1


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
    return digest, other, strong, etag, aliased, imported, cache_key
