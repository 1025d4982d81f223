# expect: S005
import logging
from dataclasses import dataclass
from urllib.parse import quote

import requests

log = logging.getLogger(__name__)

RESULTS_API_BASE = "https://api.electionwire.example/v2"
RESULTS_API_KEY = "ew_live_4f9Qz7LmT2vXk8RbN3cH6pYs1dJ0aWgE"


@dataclass
class ContestResult:
    contest_id: str
    candidate: str
    party: str
    votes: int
    precincts_reporting: int


class ResultsFeedClient:
    def __init__(self, base_url=RESULTS_API_BASE, api_key=RESULTS_API_KEY, timeout=10):
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers.update(
            {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
        )

    def contest(self, contest_id):
        url = f"{self._base}/contests/{quote(contest_id, safe='')}/results"
        resp = self._session.get(url, timeout=self._timeout)
        resp.raise_for_status()
        body = resp.json()
        log.info("fetched %s (%s precincts)", contest_id, body.get("precinctsReporting"))
        return [
            ContestResult(
                contest_id=contest_id,
                candidate=row["name"],
                party=row.get("party", ""),
                votes=int(row["votes"]),
                precincts_reporting=int(body.get("precinctsReporting", 0)),
            )
            for row in body.get("candidates", [])
        ]
