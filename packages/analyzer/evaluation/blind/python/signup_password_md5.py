# expect: S006
import sqlite3
from hashlib import md5 as digest

from flask import Flask, request, jsonify

app = Flask(__name__)
DB_PATH = "/var/lib/app/users.db"


def store_user(email, password):
    hashed = digest(password.encode("utf-8")).hexdigest()
    conn = sqlite3.connect(DB_PATH)
    with conn:
        conn.execute(
            "INSERT INTO users (email, password_hash) VALUES (?, ?)",
            (email.lower(), hashed),
        )
    conn.close()


@app.route("/signup", methods=["POST"])
def signup():
    form = request.form
    if len(form.get("password", "")) < 10:
        return jsonify(error="password too short"), 400
    store_user(form["email"], form["password"])
    return jsonify(ok=True), 201
