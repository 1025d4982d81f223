# expect: safe
import ipaddress
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def run_diagnostic(target, count):
    cmd = ["ping", "-c", str(count), "-W", "2", target]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    return result.returncode, result.stdout


@app.post("/tools/ping")
def ping_host():
    raw = request.form.get("host", "").strip()
    try:
        target = str(ipaddress.ip_address(raw))
    except ValueError:
        return jsonify({"error": "host must be an IP address"}), 400
    try:
        count = min(max(int(request.form.get("count", 3)), 1), 10)
    except ValueError:
        return jsonify({"error": "count must be a number"}), 400
    code, output = run_diagnostic(target, count)
    return jsonify({"reachable": code == 0, "output": output})
