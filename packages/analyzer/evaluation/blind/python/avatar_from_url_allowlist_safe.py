# expect: safe
import io
from urllib.parse import urlsplit, urlunsplit

import requests
from flask import Flask, jsonify, request
from flask_login import current_user, login_required
from PIL import Image

from storage import save_avatar

app = Flask(__name__)
MAX_BYTES = 5 * 1024 * 1024
ALLOWED_HOSTS = {"www.gravatar.com", "avatars.githubusercontent.com", "media.example-cdn.com"}


def normalise_avatar_url(url):
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.username or parts.password:
        return None
    if parts.hostname not in ALLOWED_HOSTS or parts.port not in (None, 443):
        return None
    return urlunsplit(("https", parts.hostname, parts.path, parts.query, ""))


def download_image(url):
    resp = requests.get(url, timeout=10, stream=True, allow_redirects=False)
    resp.raise_for_status()
    data = resp.raw.read(MAX_BYTES + 1, decode_content=True)
    if len(data) > MAX_BYTES:
        raise ValueError("image too large")
    return Image.open(io.BytesIO(data))


@app.post("/profile/avatar-from-url")
@login_required
def avatar_from_url():
    url = normalise_avatar_url((request.get_json(silent=True) or {}).get("url", ""))
    if url is None:
        return jsonify({"error": "unsupported image host"}), 400
    try:
        img = download_image(url)
    except (requests.RequestException, ValueError, OSError):
        return jsonify({"error": "could not load image"}), 422
    save_avatar(current_user.id, img)
    return jsonify({"status": "ok"})
