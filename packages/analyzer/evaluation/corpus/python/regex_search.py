# expect: S035
import re

from flask import Flask, request

app = Flask(__name__)
PRODUCTS = ["red shirt", "blue shirt", "green hat"]


@app.get("/filter")
def filter_products():
    matcher = re.compile(request.args.get("pattern", ".*"), re.IGNORECASE)
    return {"items": [p for p in PRODUCTS if matcher.search(p)]}
