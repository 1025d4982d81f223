# expect: safe
import os

from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG_PATH = os.environ.get("CATALOG_XML", "/srv/data/catalog.xml")
_catalog = etree.parse(CATALOG_PATH)
FIND_PUBLISHED = etree.XPath("//product[@sku=$sku and @status='published']")


def find_published(sku):
    nodes = FIND_PUBLISHED(_catalog, sku=sku)
    return nodes[0] if nodes else None


@app.get("/api/price")
def price():
    sku = request.args.get("sku", "").strip()
    if not sku:
        abort(400)
    product = find_published(sku)
    if product is None:
        abort(404)
    return jsonify({
        "sku": product.get("sku"),
        "name": product.findtext("name"),
        "price": float(product.findtext("price", "0")),
        "currency": product.find("price").get("currency", "EUR"),
    })
