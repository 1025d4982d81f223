# expect: S012
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
INVOICE_DIR = "/srv/app/invoices"


def resolve_invoice(customer_id, filename):
    folder = os.path.join(INVOICE_DIR, str(customer_id))
    return os.path.join(folder, filename)


@app.route("/customers/<int:customer_id>/invoices/download")
def download_invoice(customer_id):
    name = request.args.get("file")
    if not name or not name.endswith(".pdf"):
        abort(400)
    target = resolve_invoice(customer_id, name)
    if not os.path.exists(target):
        abort(404)
    return send_file(target, as_attachment=True)
