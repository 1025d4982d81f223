# expect: safe
import os

from flask import Flask, abort, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
INVOICE_DIR = os.path.realpath("/srv/app/invoices")


def resolve_invoice(customer_id, filename):
    folder = os.path.join(INVOICE_DIR, str(customer_id))
    candidate = os.path.realpath(os.path.join(folder, secure_filename(filename)))
    if os.path.commonpath([candidate, folder]) != folder:
        return None
    return candidate


@app.route("/customers/<int:customer_id>/invoices/download")
def download_invoice(customer_id):
    name = request.args.get("file")
    if not name or not name.endswith(".pdf"):
        abort(400)
    target = resolve_invoice(customer_id, name)
    if target is None or not os.path.exists(target):
        abort(404)
    with open(target, "rb") as fh:
        header = fh.read(4)
    if header != b"%PDF":
        abort(415)
    return send_file(target, as_attachment=True)
