# expect: S002
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def run_diagnostic(target, count):
    cmd = f"ping -c {count} -W 2 {target}"
    result = subprocess.run(
        cmd, shell=True, capture_output=True, text=True, timeout=30
    )
    return result.returncode, result.stdout


@app.post("/tools/ping")
def ping_host():
    target = request.form.get("host", "").strip()
    if not target:
        return jsonify({"error": "host required"}), 400
    try:
        count = min(max(int(request.form.get("count", 3)), 1), 10)
    except ValueError:
        return jsonify({"error": "count must be a number"}), 400
    code, output = run_diagnostic(target, count)
    return jsonify({"reachable": code == 0, "output": output})
