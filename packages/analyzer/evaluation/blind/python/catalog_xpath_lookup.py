# expect: S031
from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("/srv/data/catalog.xml")


def find_product(sku):
    query = "//product[@sku='{}']".format(sku)
    matches = CATALOG.xpath(query)
    if not matches:
        return None
    node = matches[0]
    return {
        "sku": node.get("sku"),
        "name": node.findtext("name"),
        "price": node.findtext("price"),
    }


@app.route("/catalog/product")
def product():
    item = find_product(request.args.get("sku", ""))
    if item is None:
        abort(404)
    return jsonify(item)
