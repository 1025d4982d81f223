# expect: S015
from flask import Blueprint, abort, jsonify, request
from lxml import etree

bp = Blueprint("customs", __name__, url_prefix="/customs")

NS = {"m": "urn:port:manifest:1"}
_parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)


def _parse_manifest(raw: bytes):
    root = etree.fromstring(raw, parser=_parser)
    containers = []
    for node in root.iterfind("m:container", NS):
        containers.append(
            {
                "number": node.findtext("m:number", namespaces=NS),
                "seal": node.findtext("m:seal", namespaces=NS),
                "hs_code": node.findtext("m:hsCode", namespaces=NS),
                "consignee": node.findtext("m:consignee", namespaces=NS),
                "weight_kg": float(node.findtext("m:grossWeight", default="0", namespaces=NS)),
            }
        )
    return root.get("voyage"), containers


@bp.post("/manifests/preview")
def preview_manifest():
    raw = request.get_data(cache=False)
    if not raw or len(raw) > 5_000_000:
        abort(400)
    try:
        voyage, containers = _parse_manifest(raw)
    except (etree.XMLSyntaxError, ValueError):
        abort(400)
    total = sum(c["weight_kg"] for c in containers)
    return jsonify({"voyage": voyage, "containers": containers, "total_weight_kg": total})
