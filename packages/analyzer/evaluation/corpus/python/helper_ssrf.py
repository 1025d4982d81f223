# expect: S014
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


def fetch_metadata(link, timeout=5):
    response = requests.get(link, timeout=timeout)
    response.raise_for_status()
    return response.json()


@app.post("/integrations/test")
def test_integration():
    return jsonify(fetch_metadata(request.json["endpoint"]))
