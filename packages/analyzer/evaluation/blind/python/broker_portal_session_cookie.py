# expect: S028
import secrets
from datetime import timedelta

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("broker_auth", __name__, url_prefix="/broker")
SESSION_TTL = timedelta(hours=8)


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    auth = current_app.extensions["broker_auth"]
    broker = auth.verify(data.get("email", ""), data.get("password", ""))
    if broker is None:
        return jsonify(error="invalid credentials"), 401
    sid = secrets.token_urlsafe(32)
    auth.sessions.store(sid, broker.id, ttl=SESSION_TTL)
    resp = jsonify(broker=broker.display_name, agency=broker.agency_code)
    resp.set_cookie("broker_sid", sid, max_age=int(SESSION_TTL.total_seconds()), path="/broker")
    return resp


@bp.post("/logout")
def logout():
    sid = request.cookies.get("broker_sid")
    if sid:
        current_app.extensions["broker_auth"].sessions.revoke(sid)
    resp = jsonify(ok=True)
    resp.delete_cookie("broker_sid", path="/broker")
    return resp
