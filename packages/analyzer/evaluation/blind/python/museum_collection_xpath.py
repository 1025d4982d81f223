# expect: S031
import os
from functools import lru_cache

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG_PATH = os.environ.get("COLLECTION_XML", "/srv/museum/collection.xml")


@lru_cache(maxsize=1)
def catalog():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(CATALOG_PATH, parser)


def artworks_by(artist: str, on_display_only: bool):
    expr = f"//artwork[creator/name='{artist}']"
    if on_display_only:
        expr += "[@status='on-display']"
    return catalog().xpath(expr)


def summarise(node) -> dict:
    return {
        "accession": node.get("accession"),
        "title": node.findtext("title", default=""),
        "year": node.findtext("year", default=""),
        "gallery": node.findtext("location/gallery", default=""),
    }


@app.get("/collection/artworks")
def list_artworks():
    artist = request.args.get("artist", "").strip()
    if not artist:
        return jsonify(error="artist is required"), 400
    on_display = request.args.get("on_display", "false").lower() == "true"
    works = [summarise(n) for n in artworks_by(artist, on_display)]
    return jsonify(artist=artist, count=len(works), artworks=works)
