# expect: S033
import requests
import wsgiref.handlers


def application(environ, start_response):
    upstream = requests.get("https://inventory.internal/api/stock", timeout=5)
    start_response("200 OK", [("Content-Type", "application/json")])
    return [upstream.content]


if __name__ == "__main__":
    wsgiref.handlers.CGIHandler().run(application)
