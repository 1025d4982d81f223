# expect: safe
import os
import ssl
from datetime import datetime
from typing import List

import certifi
import httpx
from pydantic import BaseModel

CARRIER_API = os.environ.get("CARRIER_API_URL", "https://api.freightline.example/v2")
CA_BUNDLE = os.environ.get("CARRIER_CA_BUNDLE", certifi.where())


class TrackingEvent(BaseModel):
    status: str
    location: str
    occurred_at: datetime


class CarrierClient:
    def __init__(self, token: str, timeout: float = 10.0):
        tls = ssl.create_default_context(cafile=CA_BUNDLE)
        self._client = httpx.AsyncClient(
            base_url=CARRIER_API,
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            verify=tls,
        )

    async def events(self, tracking_number: str) -> List[TrackingEvent]:
        resp = await self._client.get(f"/shipments/{tracking_number}/events")
        resp.raise_for_status()
        return [TrackingEvent(**item) for item in resp.json()["events"]]

    async def aclose(self) -> None:
        await self._client.aclose()


async def latest_status(tracking_number: str) -> str:
    client = CarrierClient(os.environ["CARRIER_API_TOKEN"])
    try:
        events = await client.events(tracking_number)
    finally:
        await client.aclose()
    if not events:
        return "unknown"
    return max(events, key=lambda e: e.occurred_at).status
