# expect: S014
import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class WebhookTest(BaseModel):
    target: str
    event: str = "ping"


async def deliver(url, event):
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(url, json={"event": event, "test": True})
        return resp.status_code, resp.text[:500]


@app.post("/integrations/webhooks/test")
async def test_webhook(body: WebhookTest):
    endpoint = body.target.strip()
    status, preview = await deliver(endpoint, body.event)
    return {"status": status, "response_preview": preview}
