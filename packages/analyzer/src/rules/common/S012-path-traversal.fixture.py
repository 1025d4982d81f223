import os
import sys
import tempfile
from pathlib import Path

from flask import Flask, abort, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORTS = {"daily.csv", "weekly.csv"}


def download():
    name = request.args.get("file")
    # ruleid: S012
    return send_file(os.path.join("/srv/files", name))


def upload():
    # ruleid: S012
    with open("/srv/uploads/" + request.form["name"], "wb") as handle:
        handle.write(request.data)


def safe_download():
    # ok: S012
    return send_file(os.path.join("/srv/files", secure_filename(request.args["file"])))


def static_file():
    # ok: S012
    return open("/srv/files/readme.txt").read()


def in_reports(name):
    return os.path.join("/srv/reports", name)


def scratch_copy(name, body):
    path = os.path.join(tempfile.mkdtemp(), "copy.bin")
    with open(path, "wb") as handle:
        handle.write(body)
    return path


def report():
    name = request.args.get("report", "")
    # ruleid: S012
    open(in_reports(name))
    # ok: S012
    open(scratch_copy(name, request.data))
    # ok: S012
    open(in_reports(secure_filename(name)))


def listed_report():
    name = request.args.get("report", "")
    if name not in REPORTS:
        abort(404)
    # ok: S012
    return send_file(in_reports(name))


def named_report():
    name = request.args.get("report", "")
    if not name:
        abort(400)
    # ruleid: S012
    return send_file(in_reports(name))


def contained_report():
    root = os.path.realpath("/srv/reports")
    candidate = os.path.realpath(os.path.join(root, request.args.get("report", "")))
    if os.path.commonpath([candidate, root]) != root:
        abort(404)
    # ok: S012
    return send_file(candidate)


def pathlib_report():
    root = Path("/srv/reports").resolve()
    full_path = (root / request.args.get("report", "")).resolve()
    # ruleid: S012
    unchecked = open(full_path).read()
    if not full_path.is_relative_to(root):
        abort(404)
    # ok: S012
    return send_file(full_path), unchecked


@app.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    # ok: S012
    return send_file(f"/srv/invoices/{invoice_id}.pdf")


@app.route("/attachments/<name>")
def attachment(name):
    # ruleid: S012
    return send_file(f"/srv/attachments/{name}")


if __name__ == "__main__":
    # ok: S012
    print(open(sys.argv[1]).read())
