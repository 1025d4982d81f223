# expect: S011
from flask import Flask, request
from markupsafe import escape

from catalog import search_products

app = Flask(__name__)


def render_results(term, products):
    rows = "".join(
        f"<li><a href='/p/{p.id}'>{escape(p.name)}</a> <span>{p.price:.2f}</span></li>"
        for p in products
    )
    heading = f"<h2>{len(products)} results for &ldquo;{term}&rdquo;</h2>"
    return f"<!doctype html><html><body>{heading}<ul>{rows}</ul></body></html>"


@app.get("/search")
def search():
    term = request.args.get("q", "").strip()
    products = search_products(term, limit=20) if term else []
    return render_results(term, products)
