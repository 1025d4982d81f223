# expect: safe
import logging
import os
from dataclasses import dataclass
from typing import Optional

import httpx

log = logging.getLogger(__name__)

GEOCODE_URL = "https://maps.googleapis.com/maps/api/geocode/json"
API_KEY_ENV = "GEOCODE_API_KEY"
API_KEY_PARAM = "key"


@dataclass
class Coordinates:
    lat: float
    lng: float
    formatted: str


class Geocoder:
    def __init__(self, api_key: Optional[str] = None, timeout: float = 5.0):
        self._api_key = api_key or os.environ.get(API_KEY_ENV)
        if not self._api_key:
            raise RuntimeError(f"{API_KEY_ENV} is not set")
        self._client = httpx.Client(timeout=timeout)

    def lookup(self, address: str, region: str = "us") -> Optional[Coordinates]:
        resp = self._client.get(
            GEOCODE_URL,
            params={"address": address, "region": region, API_KEY_PARAM: self._api_key},
        )
        resp.raise_for_status()
        body = resp.json()
        if body.get("status") != "OK":
            log.warning("geocoder returned %s for %r", body.get("status"), address)
            return None
        top = body["results"][0]
        loc = top["geometry"]["location"]
        return Coordinates(lat=loc["lat"], lng=loc["lng"], formatted=top["formatted_address"])

    def close(self) -> None:
        self._client.close()
