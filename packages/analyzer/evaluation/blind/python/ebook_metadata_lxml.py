# expect: S015
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 512 * 1024

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def opf_parser() -> etree.XMLParser:
    return etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False, remove_comments=True)


def read_metadata(raw: bytes) -> dict:
    root = etree.fromstring(raw, parser=opf_parser())

    def first(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=NS)
        return found[0].strip() if found else ""

    return {
        "title": first("//dc:title/text()"),
        "creator": first("//dc:creator/text()"),
        "language": first("//dc:language/text()"),
        "identifier": first("//dc:identifier/text()"),
    }


@app.post("/library/import/opf")
def import_opf():
    upload = request.files.get("package")
    if upload is None or not upload.filename.endswith(".opf"):
        return jsonify(error="upload an .opf package document"), 400
    try:
        meta = read_metadata(upload.read())
    except etree.XMLSyntaxError:
        return jsonify(error="malformed package document"), 422
    return jsonify(meta)
