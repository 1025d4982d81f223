# expect: safe
import os

from flask import Flask, abort, request, send_file
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORT_ROOT = os.path.realpath(os.environ.get("REPORT_ROOT", "/var/lib/reports"))


def report_path(tenant, filename):
    tenant_dir = os.path.realpath(os.path.join(REPORT_ROOT, secure_filename(tenant)))
    candidate = os.path.realpath(os.path.join(tenant_dir, secure_filename(filename)))
    if os.path.commonpath([tenant_dir, candidate]) != tenant_dir or candidate == tenant_dir:
        return None
    return candidate


@app.get("/reports/download")
@login_required
def download_report():
    filename = request.args.get("file", "")
    if not filename.endswith(".pdf"):
        abort(400)
    path = report_path(current_user.tenant_slug, filename)
    if path is None or not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True)
