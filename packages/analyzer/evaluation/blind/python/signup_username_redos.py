# expect: S035
import re

from flask import Flask, jsonify, request

from accounts import create_account, username_taken

app = Flask(__name__)

USERNAME_RE = re.compile(r"^([a-zA-Z0-9]+[._-]?)*[a-zA-Z0-9]+$")
MAX_LEN = 32


def validate_username(name):
    if not USERNAME_RE.match(name):
        return "Usernames may contain letters, digits and single . _ - separators"
    if len(name) > MAX_LEN:
        return f"Usernames are limited to {MAX_LEN} characters"
    if username_taken(name):
        return "That username is taken"
    return None


@app.post("/signup/check-username")
def check_username():
    name = (request.get_json(silent=True) or {}).get("username", "")
    error = validate_username(str(name))
    return jsonify({"ok": error is None, "error": error})
