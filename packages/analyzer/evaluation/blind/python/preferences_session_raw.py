# expect: S032
import os

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/preferences", methods=["POST"])
def save_preferences():
    prefs = request.form
    role_hint = prefs.get("role", "viewer")
    session["role"] = role_hint
    return redirect(url_for("dashboard"))


@app.route("/dashboard")
def dashboard():
    return {"role": session.get("role")}
