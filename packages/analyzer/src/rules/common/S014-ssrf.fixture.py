import requests
from flask import request


def proxy():
    url = request.args["url"]
    # ruleid: S014
    return requests.get(url, timeout=5).text


def status():
    # ok: S014
    return requests.get("https://status.example.com/health", timeout=5).text
