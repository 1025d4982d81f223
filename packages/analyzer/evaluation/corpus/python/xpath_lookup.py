# expect: S031
from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("catalog.xml", etree.XMLParser(resolve_entities=False, no_network=True))


@app.route("/price")
def price():
    sku = request.args["sku"]
    found = CATALOG.xpath(f"//product[@sku='{sku}']/price/text()")
    if not found:
        abort(404)
    return {"price": found[0]}
