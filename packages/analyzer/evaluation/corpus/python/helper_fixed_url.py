# expect: safe
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
PROVIDERS = {"github": "https://api.github.com/meta", "gitlab": "https://gitlab.com/api/v4/metadata"}


def fetch_metadata(link, timeout=5):
    response = requests.get(link, timeout=timeout)
    response.raise_for_status()
    return response.json()


@app.post("/integrations/test")
def test_integration():
    provider = request.json.get("provider", "github")
    return jsonify(fetch_metadata(PROVIDERS["github"] if provider not in PROVIDERS else PROVIDERS[provider]))
