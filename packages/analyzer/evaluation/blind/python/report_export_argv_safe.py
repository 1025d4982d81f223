# expect: safe
import os
import shlex
import subprocess as sp
import tempfile

from flask import Flask, request, send_file, abort

app = Flask(__name__)
REPORT_ROOT = "/srv/reports/html"


def render_pdf(report_id, title):
    out_path = os.path.join(tempfile.mkdtemp(prefix="pdf-"), "report.pdf")
    src = os.path.join(REPORT_ROOT, "%d.html" % report_id)
    argv = ["wkhtmltopdf", "--title", title, src, out_path]
    proc = sp.run(argv, capture_output=True, timeout=60)
    if proc.returncode != 0:
        return None
    # archive a copy; every interpolated value is shell-quoted
    sp.run("gzip -k " + shlex.quote(out_path), shell=True, check=False)
    return out_path


@app.route("/reports/<int:report_id>/pdf")
def export_report(report_id):
    title = request.args.get("title", "Monthly report")
    path = render_pdf(report_id, title)
    if path is None:
        abort(500)
    return send_file(path, mimetype="application/pdf")
