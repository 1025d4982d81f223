# expect: safe
import os
import tempfile

import boto3
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

s3 = boto3.client("s3")
BUCKET = os.environ["MX_DOCS_BUCKET"]


def _draw_workorder(path, workorder):
    pdf = canvas.Canvas(path, pagesize=A4)
    y = 800
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(40, y, f"Work Order {workorder.number} - {workorder.tail}")
    pdf.setFont("Helvetica", 10)
    for task in workorder.tasks:
        y -= 18
        if y < 60:
            pdf.showPage()
            pdf.setFont("Helvetica", 10)
            y = 800
        pdf.drawString(40, y, f"ATA {task.ata_chapter}  {task.description}  [{task.status}]")
    pdf.save()


def publish_workorder(workorder):
    with tempfile.TemporaryDirectory(prefix="wo-") as workdir:
        pdf_path = os.path.join(workdir, "workorder.pdf")
        _draw_workorder(pdf_path, workorder)
        key = f"workorders/{workorder.tail}/{workorder.number}.pdf"
        s3.upload_file(
            pdf_path,
            BUCKET,
            key,
            ExtraArgs={"ContentType": "application/pdf", "ServerSideEncryption": "aws:kms"},
        )
        return key
