# expect: safe
import re

from flask import Flask, request

app = Flask(__name__)
PRODUCTS = ["red shirt", "blue shirt", "green hat"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@app.get("/filter")
def filter_products():
    matcher = re.compile(re.escape(request.args.get("term", "")), re.IGNORECASE)
    slug = request.args.get("slug", "")
    return {"items": [p for p in PRODUCTS if matcher.search(p)], "valid_slug": bool(SLUG.match(slug))}
