# expect: safe
import hashlib
import os
import sqlite3

from flask import Flask, request, jsonify, send_file, make_response

app = Flask(__name__)
DB_PATH = "/var/lib/app/users.db"
TERMS_PDF = "/srv/static/terms.pdf"


def store_user(email, password):
    salt = os.urandom(16)
    hashed = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)
    conn = sqlite3.connect(DB_PATH)
    with conn:
        conn.execute(
            "INSERT INTO users (email, password_hash, salt) VALUES (?, ?, ?)",
            (email.lower(), hashed.hex(), salt.hex()),
        )
    conn.close()


@app.route("/signup", methods=["POST"])
def signup():
    form = request.form
    if len(form.get("password", "")) < 10:
        return jsonify(error="password too short"), 400
    store_user(form["email"], form["password"])
    return jsonify(ok=True), 201


@app.route("/terms.pdf")
def terms():
    with open(TERMS_PDF, "rb") as fh:
        etag = hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()
    resp = make_response(send_file(TERMS_PDF))
    resp.set_etag(etag)
    return resp
