import xml.etree.ElementTree as ET
import xml.sax
from xml.dom import minidom, pulldom
from xml.parsers import expat
from xml.sax import expatreader

import defusedxml.ElementTree as SafeET
from defusedxml.minidom import parseString as safe_parse_string


def load(body, path, handler):
    # ruleid: S029
    tree = ET.fromstring(body)
    # ruleid: S029
    xml.sax.parseString(body, handler)
    # ruleid: S029
    document = minidom.parseString(body)
    # ruleid: S029
    events = pulldom.parse(path)
    # ruleid: S029
    parser = expat.ParserCreate()
    # ok: S029
    safe = SafeET.fromstring(body)
    # ok: S029
    safe_document = safe_parse_string(body)
    # ok: S029
    template = ET.fromstring("<config><debug>false</debug></config>")
    # ok: S029
    element = ET.Element("item")
    # ruleid: S029
    reader = expatreader.create_parser()
    return reader, tree, document, events, parser, safe, safe_document, template, element
