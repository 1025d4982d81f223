# expect: S006
import hashlib
import os
import time

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
LINK_SECRET = os.environ["DOWNLOAD_LINK_SECRET"]
EXPORT_DIR = "/srv/exports"


def sign(name, expires):
    raw = f"{LINK_SECRET}:{name}:{expires}".encode()
    return hashlib.md5(raw).hexdigest()


def make_link(name, ttl=900):
    expires = int(time.time()) + ttl
    return f"/download/{name}?e={expires}&sig={sign(name, expires)}"


@app.get("/download/<name>")
def download(name):
    expires = request.args.get("e", type=int)
    sig = request.args.get("sig", "")
    if not expires or expires < time.time() or sig != sign(name, expires):
        abort(403)
    return send_from_directory(EXPORT_DIR, name, as_attachment=True)
