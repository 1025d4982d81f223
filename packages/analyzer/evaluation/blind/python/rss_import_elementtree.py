# expect: S029
import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request
from flask_login import current_user, login_required

from feeds import save_items

app = Flask(__name__)


def parse_rss(raw: bytes):
    root = ET.fromstring(raw)
    items = []
    for item in root.iter("item"):
        items.append({
            "title": (item.findtext("title") or "").strip(),
            "link": (item.findtext("link") or "").strip(),
            "published": item.findtext("pubDate"),
        })
    return items


@app.post("/feeds/import")
@login_required
def import_feed():
    raw = request.get_data(cache=False)
    if not raw:
        return jsonify({"error": "empty body"}), 400
    try:
        items = parse_rss(raw)
    except ET.ParseError:
        return jsonify({"error": "not valid XML"}), 400
    saved = save_items(current_user.id, items)
    return jsonify({"imported": saved})
