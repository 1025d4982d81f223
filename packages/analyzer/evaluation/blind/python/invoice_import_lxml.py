# expect: S015
from fastapi import FastAPI, HTTPException, Request
from lxml import etree

app = FastAPI()

PARSER = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)


def parse_invoice(raw: bytes) -> dict:
    root = etree.fromstring(raw, PARSER)
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
    except etree.XMLSyntaxError as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    return {"imported": invoice}
