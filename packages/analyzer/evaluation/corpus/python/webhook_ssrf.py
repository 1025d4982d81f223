# expect: S014
import requests
from flask import request

def preview():
    target = request.json["url"]
    return requests.get(target, timeout=5).text
