import wsgiref.handlers
from twisted.web import twcgi
from wsgiref.handlers import CGIHandler, SimpleHandler


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def serve():
    # ruleid: S033
    wsgiref.handlers.CGIHandler().run(application)
    # ruleid: S033
    CGIHandler().run(application)
    # ruleid: S033
    script = twcgi.CGIScript("/srv/cgi-bin/app.cgi")
    # ok: S033
    SimpleHandler(None, None, None, {}).run(application)
    return script
