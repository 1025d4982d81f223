# expect: S011
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/search")
def search():
    term = request.args.get("q", "")
    response = make_response(f"<h2>No results for {term}</h2>", 404)
    response.headers["Cache-Control"] = "no-store"
    return response
