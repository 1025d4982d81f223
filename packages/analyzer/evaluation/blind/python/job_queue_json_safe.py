# expect: safe
import base64
import binascii
import json

from flask import Flask, jsonify, request

from jobs import registry

app = Flask(__name__)


def decode_job(blob):
    job = json.loads(base64.b64decode(blob))
    if not isinstance(job, dict):
        raise ValueError("job must be an object")
    if not isinstance(job.get("args", []), list):
        raise ValueError("args must be a list")
    if not isinstance(job.get("kwargs", {}), dict):
        raise ValueError("kwargs must be an object")
    return job


@app.post("/internal/jobs")
def enqueue_job():
    body = request.get_json(force=True)
    try:
        job = decode_job(body["payload"])
    except (KeyError, ValueError, binascii.Error):
        return jsonify({"error": "bad payload"}), 400
    handler = registry.get(job.get("task"))
    if handler is None:
        return jsonify({"error": "unknown task"}), 400
    result = handler.delay(*job.get("args", []), **job.get("kwargs", {}))
    return jsonify({"id": str(result.id)}), 202
