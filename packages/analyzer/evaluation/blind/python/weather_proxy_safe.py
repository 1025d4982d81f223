# expect: safe
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
WEATHER_API = "https://api.open-meteo.com/v1/forecast"
ALLOWED_ICON_HOSTS = {"cdn.open-meteo.com", "static.example-weather.net"}


@app.route("/weather")
def weather():
    lat = float(request.args.get("lat", "52.52"))
    lon = float(request.args.get("lon", "13.41"))
    resp = requests.get(WEATHER_API, params={"latitude": lat, "longitude": lon,
                                             "current_weather": "true"}, timeout=5)
    return jsonify(resp.json().get("current_weather", {}))


@app.route("/weather/icon")
def weather_icon():
    icon_url = request.args.get("src", "")
    parsed = urlparse(icon_url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_ICON_HOSTS:
        abort(400)
    resp = requests.get(parsed.geturl(), timeout=5, allow_redirects=False)
    return resp.content, resp.status_code, {"Content-Type": "image/png"}
