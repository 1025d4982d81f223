# expect: S016
import os
import subprocess
import tempfile

from flask import Flask, Response, abort, render_template
from flask_login import current_user, login_required

from billing import get_invoice

app = Flask(__name__)


def html_to_pdf(html: str) -> bytes:
    src = tempfile.mktemp(suffix=".html")
    out = tempfile.mktemp(suffix=".pdf")
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(html)
    try:
        subprocess.run(["wkhtmltopdf", "--quiet", src, out], check=True, timeout=60)
        with open(out, "rb") as fh:
            return fh.read()
    finally:
        for path in (src, out):
            if os.path.exists(path):
                os.remove(path)


@app.get("/invoices/<int:invoice_id>.pdf")
@login_required
def invoice_pdf(invoice_id):
    invoice = get_invoice(invoice_id, owner_id=current_user.id)
    if invoice is None:
        abort(404)
    pdf = html_to_pdf(render_template("invoice.html", invoice=invoice))
    return Response(pdf, mimetype="application/pdf")
