# expect: S004
import base64
import pickle

from flask import Flask, jsonify, request

from jobs import registry

app = Flask(__name__)


def decode_job(blob):
    return pickle.loads(base64.b64decode(blob))


@app.post("/internal/jobs")
def enqueue_job():
    body = request.get_json(force=True)
    try:
        job = decode_job(body["payload"])
    except (KeyError, ValueError):
        return jsonify({"error": "bad payload"}), 400
    handler = registry.get(job.get("task"))
    if handler is None:
        return jsonify({"error": "unknown task"}), 400
    result = handler.delay(*job.get("args", []), **job.get("kwargs", {}))
    return jsonify({"id": str(result.id)}), 202
