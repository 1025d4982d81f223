# expect: safe
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from fastapi import FastAPI, HTTPException, Request
from xml.etree.ElementTree import ParseError

app = FastAPI()


def parse_invoice(raw: bytes) -> dict:
    root = SafeET.fromstring(raw, forbid_dtd=True)
    return {
        "number": root.findtext("number"),
        "customer": root.findtext("customer/name"),
        "total": float(root.findtext("total") or 0),
    }


@app.post("/invoices/import")
async def import_invoice(request: Request):
    body = await request.body()
    try:
        invoice = parse_invoice(body)
    except (ParseError, DefusedXmlException) as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    return {"imported": invoice}
