# expect: S031
from functools import lru_cache

from flask import Blueprint, abort, current_app, jsonify, request
from lxml import etree

bp = Blueprint("statutes", __name__)


@lru_cache(maxsize=1)
def statute_tree():
    return etree.parse(current_app.config["STATUTE_XML_PATH"])


def section_expr(title: str, section: str) -> str:
    return f"//title[@num='{title}']/section[@num='{section}']"


@bp.get("/statutes/section")
def find_section():
    title = request.args.get("title", "").strip()
    section = request.args.get("section", "").strip()
    if not title or not section:
        abort(400)
    matches = statute_tree().xpath(section_expr(title, section))
    if not matches:
        abort(404)
    node = matches[0]
    return jsonify(
        heading=node.findtext("heading"),
        text=" ".join(t.strip() for t in node.itertext() if t.strip()),
        amended=node.get("amended"),
    )
