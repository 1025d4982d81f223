# expect: safe
from flask import Flask, make_response, render_template, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/search")
def search():
    term = request.args.get("q", "")
    response = make_response(f"<h2>No results for {escape(term)}</h2>", 404)
    response.headers["Cache-Control"] = "no-store"
    return response


@app.route("/results")
def results():
    return render_template("results.html", term=request.args.get("q", ""))
