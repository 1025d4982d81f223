# expect: S002
import os
import subprocess

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("part_history", __name__)

LOGBOOK_CSV = os.environ.get("MX_LOGBOOK_CSV", "/srv/mx/logbook.csv")
FIELDS = ("date", "tail", "pn", "action", "mechanic")


def _search_logbook(part_number):
    cmd = f"grep -i '{part_number}' {LOGBOOK_CSV}"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20)
    if result.returncode not in (0, 1):
        current_app.logger.warning("logbook search failed: %s", result.stderr.strip())
    return result.stdout.splitlines()


@bp.get("/maintenance/parts/history")
def part_history():
    part_number = request.args.get("pn", "").strip()
    tail = request.args.get("tail", "").strip().upper()
    if not part_number:
        return jsonify({"error": "pn is required"}), 400

    entries = []
    for line in _search_logbook(part_number):
        values = line.split(",")
        if len(values) != len(FIELDS):
            continue
        entry = dict(zip(FIELDS, values))
        if tail and entry["tail"] != tail:
            continue
        entries.append(entry)
    return jsonify({"pn": part_number, "count": len(entries), "entries": entries})
