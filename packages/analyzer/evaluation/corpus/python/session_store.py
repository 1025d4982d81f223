# expect: S032
from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.post("/preferences")
def preferences():
    session["theme"] = request.form.get("theme")
    session["is_admin"] = request.form.get("is_admin")
    return redirect("/")
