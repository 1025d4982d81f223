# expect: safe
from datetime import datetime

from defusedxml import minidom
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 256 * 1024


def _text(node, tag: str) -> str:
    found = node.getElementsByTagName(tag)
    if not found or not found[0].firstChild:
        return ""
    return found[0].firstChild.data.strip()


def parse_readings(payload: bytes) -> list:
    doc = minidom.parseString(payload)
    readings = []
    for el in doc.getElementsByTagName("reading"):
        readings.append({
            "station": el.getAttribute("station"),
            "taken_at": datetime.fromisoformat(_text(el, "time")).isoformat(),
            "rain_mm": float(_text(el, "rain") or 0),
            "temp_c": float(_text(el, "temp") or 0),
        })
    return readings


@app.post("/stations/upload")
def upload_readings():
    if request.mimetype not in ("application/xml", "text/xml"):
        return jsonify(error="expected XML"), 415
    try:
        readings = parse_readings(request.get_data())
    except Exception:
        return jsonify(error="could not parse readings"), 400
    return jsonify(accepted=len(readings), stations=sorted({r["station"] for r in readings}))
