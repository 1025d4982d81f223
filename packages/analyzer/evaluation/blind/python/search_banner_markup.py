# expect: S011
from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)

PRODUCTS = [{"name": "Desk lamp", "sku": "L-100"}, {"name": "Desk mat", "sku": "M-220"}]


def build_banner(query, count):
    if count == 0:
        text = "No results for <b>%s</b>" % query
    else:
        text = "%d results for <b>%s</b>" % (count, query)
    return Markup(text)


@app.route("/search")
def search():
    query = request.args.get("q", "")
    hits = [p for p in PRODUCTS if query.lower() in p["name"].lower()]
    return render_template("search.html", banner=build_banner(query, len(hits)), hits=hits)
