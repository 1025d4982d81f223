# expect: S015
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_sitemap(raw: bytes):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
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
    except etree.XMLSyntaxError as exc:
        return jsonify({"error": f"invalid sitemap: {exc}"}), 400
    return jsonify({"count": len(urls), "sample": urls[:10]})
