import hashlib


def sign(data):
    # ruleid: S006
    digest = hashlib.md5(data).hexdigest()
    # ruleid: S006
    other = hashlib.new("sha1", data)
    # ok: S006
    strong = hashlib.sha256(data).hexdigest()
    # ok: S006
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    return digest, other, strong, etag
