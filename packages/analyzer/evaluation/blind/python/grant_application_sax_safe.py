# expect: safe
import xml.sax

import defusedxml.sax
import tornado.web
from defusedxml import DefusedXmlException


class ApplicationHandler(xml.sax.ContentHandler):
    FIELDS = {"organisation", "contact", "amount", "programme"}

    def __init__(self):
        super().__init__()
        self.values = {}
        self._current = None
        self._buffer = []

    def startElement(self, name, attrs):
        if name in self.FIELDS:
            self._current = name
            self._buffer = []

    def characters(self, content):
        if self._current:
            self._buffer.append(content)

    def endElement(self, name):
        if name == self._current:
            self.values[name] = "".join(self._buffer).strip()
            self._current = None


class GrantSubmissionHandler(tornado.web.RequestHandler):
    async def post(self):
        handler = ApplicationHandler()
        try:
            defusedxml.sax.parseString(self.request.body, handler)
        except (xml.sax.SAXParseException, DefusedXmlException):
            raise tornado.web.HTTPError(400, reason="malformed application")
        missing = ApplicationHandler.FIELDS - handler.values.keys()
        if missing:
            raise tornado.web.HTTPError(422, reason="missing " + ", ".join(sorted(missing)))
        reference = await self.settings["grants"].submit(handler.values)
        self.set_status(201)
        self.write({"reference": reference})
