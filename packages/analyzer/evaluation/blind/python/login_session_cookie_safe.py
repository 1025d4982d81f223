# expect: safe
import secrets

from flask import Flask, jsonify, make_response, request
from werkzeug.security import check_password_hash

from app.store import find_user, save_session

app = Flask(__name__)
COOKIE_OPTS = {"max_age": 3600, "path": "/", "secure": True, "httponly": True, "samesite": "Lax"}


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json(silent=True) or {}
    user = find_user(data.get("username", ""))
    if user is None or not check_password_hash(user.password_hash, data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    sid = secrets.token_urlsafe(32)
    save_session(sid, user.id, ttl=3600)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("session_id", sid, **COOKIE_OPTS)
    resp.set_cookie("ui_theme", "dark", secure=True, httponly=True, samesite="Lax")
    return resp
