# expect: safe
from urllib.parse import urlsplit

import requests
from flask import Blueprint, abort, jsonify, request
from flask_login import login_required

from .models import Production, db
from .storage import media_store

bp = Blueprint("posters", __name__)
MAX_BYTES = 8 * 1024 * 1024
POSTER_HOSTS = {"image.tmdb.org", "assets.studio-cdn.example", "press.distributor.example"}


@bp.post("/productions/<int:production_id>/poster")
@login_required
def import_poster(production_id):
    production = Production.query.get_or_404(production_id)
    source = request.form.get("poster_url", "").strip()
    parts = urlsplit(source)
    if parts.scheme != "https" or parts.hostname not in POSTER_HOSTS or parts.port not in (None, 443):
        abort(400)

    resp = requests.get(source, timeout=10, stream=True, allow_redirects=False)
    resp.raise_for_status()
    content_type = resp.headers.get("Content-Type", "")
    if resp.status_code != 200 or not content_type.startswith("image/"):
        abort(415)
    data = resp.raw.read(MAX_BYTES + 1, decode_content=True)
    if len(data) > MAX_BYTES:
        abort(413)

    key = media_store.put(f"posters/{production.id}", data, content_type=content_type)
    production.poster_key = key
    db.session.commit()
    return jsonify({"poster": key}), 201
