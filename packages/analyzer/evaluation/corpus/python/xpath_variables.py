# expect: safe
from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("catalog.xml", etree.XMLParser(resolve_entities=False, no_network=True))
BY_SKU = etree.XPath("//product[@sku=$sku]/price/text()")


@app.route("/price")
def price():
    found = BY_SKU(CATALOG, sku=request.args["sku"])
    if not found:
        abort(404)
    return {"price": found[0]}
