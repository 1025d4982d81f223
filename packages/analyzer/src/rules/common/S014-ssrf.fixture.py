import requests
from flask import request

PROVIDERS = {"github": "https://api.github.com/meta", "gitlab": "https://gitlab.com/api/v4/metadata"}


def proxy():
    url = request.args["url"]
    # ruleid: S014
    return requests.get(url, timeout=5).text


def status():
    # ok: S014
    return requests.get("https://status.example.com/health", timeout=5).text


def fetch_preview(link, timeout=5):
    # ruleid: S014
    return requests.get(link, timeout=timeout).text


def fetch_status(link):
    # ok: S014
    return requests.get(link, timeout=5).status_code


class Relay:
    def forward(self, target):
        # ruleid: S014
        return requests.post(target, json={"event": "ping"}, timeout=5)


def preview():
    Relay().forward(request.json["callback"])
    fetch_status("https://status.example.com/health")
    return fetch_preview(request.args["link"])


def provider_status():
    provider = request.args.get("provider", "github")
    known = provider in PROVIDERS
    # ok: S014
    return requests.get(PROVIDERS[provider], timeout=5).status_code, known
