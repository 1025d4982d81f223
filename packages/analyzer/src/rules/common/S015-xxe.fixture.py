import os
from lxml import etree


def parse(data):
    # ruleid: S015
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: S015
    loose = etree.XMLParser(resolve_entities=1)
    # ok: S015
    safe = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: S015
    return etree.fromstring(data, safe), parser, loose


def load(upload):
    # ruleid: S015
    document = etree.parse(upload)
    # ok: S015
    catalog = etree.parse("/srv/data/catalog.xml")
    return document, catalog


CATALOG_PATH = os.environ.get("CATALOG_XML", "/srv/data/catalog.xml")


def configured():
    # ok: S015
    return etree.parse(CATALOG_PATH)


def statutes(current_app, request):
    # ok: S015
    tree = etree.parse(current_app.config["STATUTE_XML_PATH"])
    # ruleid: S015
    posted = etree.parse(request.files["statutes"])
    return tree, posted
