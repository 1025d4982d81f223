# expect: S014
import io

import requests
from flask import Flask, jsonify, request
from flask_login import current_user, login_required
from PIL import Image

from storage import save_avatar

app = Flask(__name__)
MAX_BYTES = 5 * 1024 * 1024


def download_image(url):
    resp = requests.get(url, timeout=10, stream=True)
    resp.raise_for_status()
    data = resp.raw.read(MAX_BYTES + 1, decode_content=True)
    if len(data) > MAX_BYTES:
        raise ValueError("image too large")
    return Image.open(io.BytesIO(data))


@app.post("/profile/avatar-from-url")
@login_required
def avatar_from_url():
    url = (request.get_json(silent=True) or {}).get("url", "")
    if not url.startswith(("http://", "https://")):
        return jsonify({"error": "invalid url"}), 400
    try:
        img = download_image(url)
    except (requests.RequestException, ValueError, OSError):
        return jsonify({"error": "could not load image"}), 422
    save_avatar(current_user.id, img)
    return jsonify({"status": "ok"})
