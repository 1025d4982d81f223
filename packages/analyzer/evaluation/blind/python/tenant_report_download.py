# expect: S012
import os

from flask import Flask, abort, request, send_file
from flask_login import current_user, login_required

app = Flask(__name__)
REPORT_ROOT = os.environ.get("REPORT_ROOT", "/var/lib/reports")


def report_path(tenant, filename):
    return os.path.join(REPORT_ROOT, tenant, filename)


@app.get("/reports/download")
@login_required
def download_report():
    filename = request.args.get("file", "")
    if not filename.endswith(".pdf"):
        abort(400)
    path = report_path(current_user.tenant_slug, filename)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True)
