# expect: safe
import os

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)

SUPPORTED_LANGS = {"en", "de", "fr", "es"}
SUPPORTED_TZ = {"UTC", "Europe/Berlin", "America/New_York"}


@app.route("/preferences", methods=["POST"])
def save_preferences():
    prefs = request.form
    lang = prefs.get("lang", "en")
    if lang not in SUPPORTED_LANGS:
        return {"error": "unsupported language"}, 400
    session["lang"] = lang
    tz = prefs.get("tz", "UTC")
    session["tz"] = tz if tz in SUPPORTED_TZ else "UTC"
    return redirect(url_for("dashboard"))


@app.route("/dashboard")
def dashboard():
    return {"lang": session.get("lang", "en"), "tz": session.get("tz", "UTC")}
