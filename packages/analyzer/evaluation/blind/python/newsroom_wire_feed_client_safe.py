# expect: safe
import logging
import os
from dataclasses import dataclass
from typing import Optional

import requests

log = logging.getLogger(__name__)

WIRE_BASE_URL = "https://api.wirefeed.example.com/v3"


@dataclass
class Story:
    slug: str
    headline: str
    byline: str
    embargo: Optional[str]


class WireFeedClient:
    def __init__(self, desk: str, api_key: Optional[str] = None):
        api_key = api_key or os.environ.get("WIRE_API_KEY")
        if not api_key:
            raise RuntimeError("WIRE_API_KEY is not configured")
        self.desk = desk
        self.session = requests.Session()
        self.session.headers.update({"X-Api-Key": api_key, "Accept": "application/json"})

    def latest(self, limit: int = 25) -> list:
        resp = self.session.get(
            f"{WIRE_BASE_URL}/desks/{self.desk}/stories", params={"limit": limit}, timeout=10
        )
        resp.raise_for_status()
        stories = [
            Story(item["slug"], item["headline"], item.get("byline", "Staff"), item.get("embargo_until"))
            for item in resp.json().get("items", [])
        ]
        log.info("fetched %d stories for desk %s", len(stories), self.desk)
        return stories

    def publishable(self, limit: int = 25) -> list:
        return [s for s in self.latest(limit) if s.embargo is None]
