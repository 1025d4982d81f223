# expect: safe
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_sitemap(raw: bytes):
    parser = etree.XMLParser(
        load_dtd=False, resolve_entities=False, no_network=True, huge_tree=False
    )
    root = etree.fromstring(raw, parser)
    return [
        loc.text.strip()
        for loc in root.iterfind("sm:url/sm:loc", NS)
        if loc.text
    ]


@app.post("/seo/sitemaps")
def import_sitemap():
    upload = request.files.get("sitemap")
    if upload is None:
        return jsonify({"error": "no file"}), 400
    try:
        urls = parse_sitemap(upload.read())
    except etree.XMLSyntaxError:
        return jsonify({"error": "invalid sitemap"}), 400
    return jsonify({"count": len(urls), "sample": urls[:10]})
