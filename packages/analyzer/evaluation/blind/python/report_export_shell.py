# expect: S002
import os
import tempfile

from flask import Flask, request, send_file, abort

app = Flask(__name__)
REPORT_ROOT = "/srv/reports/html"


def render_pdf(report_id, title):
    out_dir = tempfile.mkdtemp(prefix="pdf-")
    out_path = os.path.join(out_dir, "report.pdf")
    src = os.path.join(REPORT_ROOT, "%d.html" % report_id)
    cmd = 'wkhtmltopdf --title "{}" {} {}'.format(title, src, out_path)
    status = os.system(cmd)
    return out_path if status == 0 else None


@app.route("/reports/<int:report_id>/pdf")
def export_report(report_id):
    title = request.args.get("title", "Monthly report")
    path = render_pdf(report_id, title)
    if path is None:
        abort(500)
    return send_file(path, mimetype="application/pdf")
