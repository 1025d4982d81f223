# expect: S028
import secrets
from datetime import timedelta

from flask import Flask, jsonify, request
from werkzeug.security import check_password_hash

from accounts import find_user, remember_tokens

app = Flask(__name__)
REMEMBER_FOR = timedelta(days=30)


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = find_user(str(data.get("email", "")))
    if user is None or not check_password_hash(user.password_hash, str(data.get("password", ""))):
        return jsonify({"error": "invalid credentials"}), 401
    resp = jsonify({"id": user.id, "name": user.display_name})
    if data.get("remember"):
        token = secrets.token_urlsafe(32)
        remember_tokens.store(user.id, token, ttl=REMEMBER_FOR)
        resp.set_cookie(
            "remember_token",
            token,
            max_age=int(REMEMBER_FOR.total_seconds()),
            samesite="Lax",
        )
    return resp
