# expect: safe
from functools import lru_cache

from flask import Blueprint, abort, current_app, jsonify, request
from lxml import etree

bp = Blueprint("statutes", __name__)

SECTION_XPATH = etree.XPath("//title[@num=$title]/section[@num=$section]")


@lru_cache(maxsize=1)
def statute_tree():
    return etree.parse(current_app.config["STATUTE_XML_PATH"])


@bp.get("/statutes/section")
def find_section():
    title = request.args.get("title", "").strip()
    section = request.args.get("section", "").strip()
    if not title or not section:
        abort(400)
    matches = SECTION_XPATH(statute_tree(), title=title, section=section)
    if not matches:
        abort(404)
    node = matches[0]
    return jsonify(
        heading=node.findtext("heading"),
        text=" ".join(t.strip() for t in node.itertext() if t.strip()),
        amended=node.get("amended"),
    )
