# expect: safe
from flask import Blueprint, abort, current_app, jsonify, request
from lxml import etree

bp = Blueprint("filings", __name__, url_prefix="/filings")

NS = {"ecf": "urn:court:ecf:4.0"}
FILING_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def parse_filing(raw: bytes) -> dict:
    root = etree.fromstring(raw, parser=FILING_PARSER)
    return {
        "case_number": root.findtext("ecf:CaseNumber", namespaces=NS),
        "filer": root.findtext("ecf:Filer/ecf:Name", namespaces=NS),
        "document_type": root.findtext("ecf:DocumentType", namespaces=NS),
        "summary": root.findtext("ecf:Summary", namespaces=NS),
    }


@bp.post("/import")
def import_filing():
    upload = request.files.get("filing")
    if upload is None:
        abort(400)
    try:
        filing = parse_filing(upload.read())
    except etree.XMLSyntaxError:
        abort(422)
    if not filing["case_number"]:
        abort(422)
    current_app.extensions["docket"].queue_filing(filing)
    return jsonify(filing), 202
