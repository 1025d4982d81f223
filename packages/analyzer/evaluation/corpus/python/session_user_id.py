# expect: safe
from flask import Flask, abort, redirect, request, session

from .auth import check_password
from .models import User

app = Flask(__name__)
THEMES = {"light", "dark"}


@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not check_password(user, request.form["password"]):
        abort(401)
    session["user_id"] = user.id
    theme = request.form.get("theme")
    session["theme"] = theme if theme in THEMES else "light"
    return redirect("/")
