# expect: safe
from flask import Blueprint, current_app, g, jsonify, request

bp = Blueprint("lots", __name__, url_prefix="/traceability")

PROJECTION = {"_id": 0, "lot_code": 1, "crop": 1, "field_block": 1, "harvested_at": 1, "grade": 1}
SEARCHABLE = ("lot_code", "crop", "field_block", "grade")


def lots_collection():
    return current_app.extensions["mongo"].traceability.harvest_lots


def build_query(farm_id, criteria):
    query = {"farm_id": farm_id}
    for field in SEARCHABLE:
        value = criteria.get(field)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            query[field] = str(value)
    return query


@bp.post("/lots/search")
def search_lots():
    body = request.get_json(silent=True) or {}
    criteria = body.get("criteria") or {}
    if not isinstance(criteria, dict):
        return jsonify(error="criteria must be an object"), 400
    query = build_query(g.current_farm_id, criteria)
    cursor = lots_collection().find(query, PROJECTION).sort("harvested_at", -1).limit(50)
    return jsonify(lots=list(cursor))
